"""Swedish organisation numbers and logo uploads."""

import re

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif"]


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_organisation_number(value) -> str:
    """Return the number as NNNNNN-NNNN or raise ValidationError.

    Accepts spaces and hyphens, and the twelve-digit form with a "16" century
    prefix that the Tax Agency (Skatteverket) uses for legal entities.
    """
    raw = str(value or "").strip()
    digits = re.sub(r"[\s\-+]", "", raw)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(
            _("An organisation number has ten digits, for example 802012-3454."),
            code="organisation_number_format",
        )
    if not luhn_valid(digits):
        raise ValidationError(
            _("This organisation number is not valid: its check digit does not match."),
            code="organisation_number_checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"


def validate_organisation_number(value):
    normalise_organisation_number(value)


def luhn_check_digit(first_nine: str) -> str:
    """The tenth digit that makes `first_nine` pass the Luhn check (demo data, tests)."""
    for candidate in "0123456789":
        if luhn_valid(first_nine + candidate):
            return candidate
    raise ValueError(first_nine)  # unreachable: one digit always fits


def validate_logo(file):
    """At most 2 MB and a raster image type; the image itself is checked by ImageField."""
    size = getattr(file, "size", 0) or 0
    if size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; it may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(LOGO_MAX_BYTES)},
            code="logo_too_large",
        )
    name = (getattr(file, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in LOGO_EXTENSIONS:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, WebP or GIF image."),
            code="logo_type",
        )
