"""Signed tokens: rotating check-in codes, cancellation and feedback links.

A check-in code is six digits derived by HMAC (keyed with SECRET_KEY) from the
date's id and the current time window, so it cannot be guessed from earlier
codes and it stops working a few minutes after the screen shows a new one.
"""

from __future__ import annotations

import enum
from datetime import datetime

from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

CHECKIN_WINDOW_SECONDS = 120
# A code is accepted in its own window and the one before (a participant may
# need a moment to type it). Codes up to two hours old are "expired", not "forged".
CHECKIN_GRACE_WINDOWS = 1
CHECKIN_EXPIRED_WINDOWS = 60


class CodeCheck(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


def _window(at: datetime) -> int:
    return int(at.timestamp()) // CHECKIN_WINDOW_SECONDS


def _code_for_window(occurrence_id: int, window: int) -> str:
    digest = salted_hmac("events.checkin", f"{occurrence_id}:{window}").hexdigest()
    return f"{int(digest[:12], 16) % 1_000_000:06d}"


def checkin_code(occurrence_id: int, at: datetime | None = None) -> str:
    return _code_for_window(occurrence_id, _window(at or timezone.now()))


def seconds_left(at: datetime | None = None) -> int:
    at = at or timezone.now()
    return CHECKIN_WINDOW_SECONDS - int(at.timestamp()) % CHECKIN_WINDOW_SECONDS


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())


def check_checkin_code(occurrence_id: int, code: str, at: datetime | None = None) -> CodeCheck:
    code = normalise_code(code)
    if len(code) != 6:
        return CodeCheck.INVALID
    now = _window(at or timezone.now())
    for back in range(CHECKIN_EXPIRED_WINDOWS + 1):
        if constant_time_compare(code, _code_for_window(occurrence_id, now - back)):
            return CodeCheck.VALID if back <= CHECKIN_GRACE_WINDOWS else CodeCheck.EXPIRED
    return CodeCheck.INVALID


# --- Links sent by email ------------------------------------------------------

CANCEL_SALT = "events.registration.cancel"
FEEDBACK_SALT = "events.feedback"


def cancel_token(registration_id: int) -> str:
    return signing.dumps(registration_id, salt=CANCEL_SALT, compress=True)


def check_cancel_token(token: str) -> tuple[CodeCheck, int | None]:
    """Whether a cancellation link is valid, and the registration it was made for (the id
    is inside the signed value: a link cancels that registration and no other). An expired
    link still names its registration, so that the page can say which event it was for."""
    from .conf import settings

    max_age = settings.CANCEL_LINK_MAX_AGE_DAYS * 86400
    try:
        return CodeCheck.VALID, int(signing.loads(token, salt=CANCEL_SALT, max_age=max_age))
    except signing.SignatureExpired:
        try:
            return CodeCheck.EXPIRED, int(signing.loads(token, salt=CANCEL_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return CodeCheck.INVALID, None
    except (signing.BadSignature, TypeError, ValueError):
        return CodeCheck.INVALID, None


def read_cancel_token(token: str) -> int | None:
    """The registration of a valid, unexpired cancellation link."""
    check, registration_id = check_cancel_token(token)
    return registration_id if check is CodeCheck.VALID else None


def feedback_token(kind: str, object_id: int) -> str:
    """kind "r": one registration; "o": an open link for everyone at one date;
    "e": one programme enrolment."""
    return signing.dumps([kind, object_id], salt=FEEDBACK_SALT, compress=True)


def read_feedback_token(token: str) -> tuple[str, int] | None:
    try:
        kind, object_id = signing.loads(token, salt=FEEDBACK_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if kind not in {"r", "o", "e"}:
        return None
    return kind, int(object_id)
