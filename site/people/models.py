"""People: the Person every app refers to (see the package docstring)."""

from .consent import *  # noqa: F403  (consent versions and records live in consent.py)
from .retention import RetentionPeriod  # noqa: E402,F401  (retention periods: retention.py)
