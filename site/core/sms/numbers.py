"""Which numbers can be texted.

- Swedish mobile numbers (07x…): yes.
- Mobile numbers from other countries: yes. Many newcomers keep their first number for
  months (people under temporary protection from Ukraine keep their +380 number, which
  roams in Sweden), and 46elks delivers abroad. A municipality that wants Swedish numbers
  only lists "SE" in SAMVERKA_SMS_COUNTRIES.
- Landlines, premium and short numbers, and anything that is not a valid number: no. They
  cannot receive a text; the message goes by email if the person has one, otherwise the
  reason is logged (and a coordinator calls, as before).
"""

from __future__ import annotations

import phonenumbers
from django.conf import settings
from django.utils.translation import gettext_lazy as _

REGION = "SE"
MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}

NOT_A_NUMBER = _("This is not a phone number.")
NOT_MOBILE = _("This is not a mobile number; it cannot receive text messages.")
COUNTRY_NOT_ALLOWED = _("Text messages are only sent to numbers from: %(countries)s.")


def _parse(raw):
    if raw is None or raw == "":
        return None
    if isinstance(raw, phonenumbers.PhoneNumber):
        return raw
    text = str(getattr(raw, "raw_input", None) or raw).strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        return phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None


def check(raw) -> tuple[str | None, str]:
    """(the number in E.164, "") when it can be texted, else (None, why not)."""
    number = _parse(raw)
    if number is None or not phonenumbers.is_valid_number(number):
        return None, str(NOT_A_NUMBER)
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        return None, str(NOT_MOBILE)
    allowed = [c.upper() for c in getattr(settings, "SAMVERKA_SMS_COUNTRIES", []) if c]
    if allowed and phonenumbers.region_code_for_number(number) not in allowed:
        return None, str(COUNTRY_NOT_ALLOWED % {"countries": ", ".join(allowed)})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), ""


def textable(raw) -> str | None:
    return check(raw)[0]
