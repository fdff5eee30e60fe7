"""Recurring series: expand a recurrence rule (RFC 5545 RRULE) into dates.

The rule is expanded in local time so that a café at 18:00 stays at 18:00
across daylight-saving changes. Exceptions are keyed by the date the rule
produces: `None` cancels that date, a datetime moves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A runaway rule ("every minute") must not fill the database.
MAX_DATES = 1000


@dataclass(frozen=True)
class PlannedDate:
    original_start: datetime  # the date the rule gives (RECURRENCE-ID); identity of the date
    start: datetime
    end: datetime
    cancelled: bool = False

    @property
    def moved(self) -> bool:
        return self.start != self.original_start


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def clean_rule(rule: str) -> str:
    """The rule without an "RRULE:" prefix or surrounding space."""
    rule = (rule or "").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    return rule.strip()


def validate_rule(rule: str) -> None:
    rule = clean_rule(rule)
    if not rule:
        return
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("This is not a valid recurrence rule (for example FREQ=WEEKLY;BYDAY=TU): %(error)s"),
            params={"error": error},
        ) from error
    if "FREQ=SECONDLY" in rule.upper() or "FREQ=MINUTELY" in rule.upper():
        raise ValidationError(_("A series can repeat at most every hour."))


def expand(
    first_start: datetime,
    duration: timedelta,
    rule: str,
    *,
    until: datetime,
    exceptions: dict[date, datetime | None] | None = None,
) -> list[PlannedDate]:
    """Every date of the series from `first_start` up to `until` (both aware).

    Without a rule the series is the single date `first_start`. Exceptions
    apply to dates the rule produces; a moved date keeps its original date as
    identity, so moving it twice or moving it back is idempotent.
    """
    zone = local_zone()
    exceptions = exceptions or {}
    rule = clean_rule(rule)
    local_first = first_start.astimezone(zone).replace(tzinfo=None)
    if rule:
        local_until = until.astimezone(zone).replace(tzinfo=None)
        starts = []
        for value in rrulestr(rule, dtstart=local_first):
            if value > local_until or len(starts) >= MAX_DATES:
                break
            starts.append(value)
    else:
        starts = [local_first]
    planned = []
    for naive in starts:
        original = naive.replace(tzinfo=zone)
        key = naive.date()
        if key in exceptions:
            new_start = exceptions[key]
            if new_start is None:
                planned.append(PlannedDate(original, original, original + duration, True))
            else:
                planned.append(PlannedDate(original, new_start, new_start + duration))
        else:
            planned.append(PlannedDate(original, original, original + duration))
    return planned
