"""When follow-ups and outcome checks fall due, and when to remind about them.

Pure date arithmetic, no database: the models and the periodic task use it, and
the tests can travel in time by passing `today`.

- Follow-ups: *start* one week after the first day, *mid-point* halfway through,
  *final* on the last day. A short internship (under three weeks) still gets
  all three, never after its end and never before its start.
- Outcomes: at the end and again 90 and 180 days later.
- Reminders: once, `REMIND_DAYS_BEFORE` days before the due date (or at once if
  that day has passed); then, if still not done `OVERDUE_AFTER_DAYS` after the
  due date, one notice that it is overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

START_AFTER_DAYS = 7
OUTCOME_OFFSETS = {"end": 0, "day_90": 90, "day_180": 180}
REMIND_DAYS_BEFORE = 3
OVERDUE_AFTER_DAYS = 7


def follow_up_schedule(start: date, end: date) -> dict[str, date]:
    """Due dates of the start, mid-point and final follow-ups of an internship."""
    if end < start:
        raise ValueError("end before start")
    midpoint = start + timedelta(days=(end - start).days // 2)
    first = min(start + timedelta(days=START_AFTER_DAYS), midpoint)
    return {"start": first, "midpoint": midpoint, "final": end}


def outcome_schedule(end: date) -> dict[str, date]:
    """When each outcome check falls due, counted from the internship's last day."""
    return {checkpoint: end + timedelta(days=days) for checkpoint, days in OUTCOME_OFFSETS.items()}


def reminder_due(due: date, today: date, reminded: bool) -> bool:
    """Whether the (single) reminder before the due date should go out today."""
    return not reminded and today >= due - timedelta(days=REMIND_DAYS_BEFORE)


def overdue_notice_due(due: date, today: date, notified: bool) -> bool:
    """Whether the coordinator should now be told that the task is overdue."""
    return not notified and today >= due + timedelta(days=OVERDUE_AFTER_DAYS)


def days_between(earlier: date | None, later: date | None) -> int | None:
    if earlier is None or later is None:
        return None
    return (later - earlier).days
