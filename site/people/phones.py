"""Phone numbers in E.164, read the way Swedes write them ("070-123 45 67" is +46701234567).

Used by the forms (through PhoneNumberField) and by the data migrations that turned free-text
numbers into E.164, so that "070-111 22 33" and "+46 70 111 22 33" are recognised as one person.
"""

from __future__ import annotations

import phonenumbers

REGION = "SE"


def to_e164(raw: str | None) -> str | None:
    """The number in E.164, or None when it cannot be read as a possible number."""
    text = _text(raw)
    if not text:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise(raw: str | None) -> str:
    """E.164 when readable, otherwise the text as typed (kept, not lost, for a coordinator)."""
    return to_e164(raw) or _text(raw)


def _text(raw) -> str:
    # A PhoneNumber from a PhoneNumberField keeps what was typed in raw_input.
    return str(getattr(raw, "raw_input", None) or raw or "").strip()
