"""Text messages: interchangeable transports configured like EMAIL_BACKEND.

SAMVERKA_SMS_BACKEND names a class with `send(SMS) -> provider id`:
- `samverka.core.sms.backends.console.Backend` prints (development default),
- `samverka.core.sms.backends.locmem.Backend` keeps them in `outbox` (tests),
- `samverka.core.sms.backends.elks.Backend` sends through 46elks' REST API.

Nothing calls a backend but the outbox worker (`samverka.core.tasks`); code that
wants to reach someone calls `samverka.core.notify.notify`.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .backends.base import SMS, SMSError

DEFAULT_BACKEND = "samverka.core.sms.backends.console.Backend"

# Messages "sent" by the locmem backend (tests empty it, like mail.outbox).
outbox: list[SMS] = []


def get_backend(path: str | None = None, **options):
    path = path or getattr(settings, "SAMVERKA_SMS_BACKEND", "") or DEFAULT_BACKEND
    return import_string(path)(**options)


def sender() -> str:
    """The alphanumeric sender shown on the phone: at most 11 characters of
    letters, digits and spaces (operators drop anything longer)."""
    name = getattr(settings, "SAMVERKA_SMS_SENDER", "") or "Samverka"
    return name[:11]


def max_segments() -> int:
    return int(getattr(settings, "SAMVERKA_SMS_MAX_SEGMENTS", 3))


__all__ = ["SMS", "SMSError", "get_backend", "max_segments", "outbox", "sender"]
