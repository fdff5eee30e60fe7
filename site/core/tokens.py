"""Short signed tokens for links in text messages.

Django's signed tokens carry a 43-character signature; in a text message, where an
Arabic or Tigrinya text has 67 characters per segment, that alone costs a segment. These
tokens carry the object's id and the time they were made (base 36) and ten characters of
an HMAC keyed with SECRET_KEY and salted per purpose:

    <id>.<time>.<mac>        e.g.  3f2.sk1qz0.Qm3vB0xk_A

A token works only for its purpose (cancelling a registration cannot be read as answering
a proposal), only for the object it was made for (whose person it belongs to), and only
until it expires. Longer links built with `django.core.signing` (events.codes, mentors'
answer links) stay as they are for email.
"""

from __future__ import annotations

import base64
import enum
import time

from django.utils.crypto import constant_time_compare, salted_hmac

MAC_LENGTH = 10


class Check(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def _mac(purpose: str, payload: str) -> str:
    digest = salted_hmac(f"samverka.tokens.{purpose}", payload).digest()
    return base64.urlsafe_b64encode(digest).decode()[:MAC_LENGTH]


def make(purpose: str, object_id: int, *, now: float | None = None) -> str:
    payload = f"{_b36(int(object_id))}.{_b36(int(now if now is not None else time.time()))}"
    return f"{payload}.{_mac(purpose, payload)}"


def read(purpose: str, token: str, max_age_days: float, *, now: float | None = None):
    """(Check, object id or None)."""
    try:
        object_part, time_part, mac = (token or "").split(".")
        object_id, made = int(object_part, 36), int(time_part, 36)
    except ValueError:
        return Check.INVALID, None
    if not constant_time_compare(mac, _mac(purpose, f"{object_part}.{time_part}")):
        return Check.INVALID, None
    age = (now if now is not None else time.time()) - made
    if age > max_age_days * 86400 or age < -300:
        return Check.EXPIRED, object_id
    return Check.VALID, object_id
