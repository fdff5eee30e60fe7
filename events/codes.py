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


def read_cancel_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CANCEL_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


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
