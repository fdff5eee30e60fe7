"""Consent: immutable published versions per purpose, and each person's record of consent."""
