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


# --------------------------------------------------------------------------------------
# The repeat-rule picker: the rules editors need, as choices instead of RRULE text
# --------------------------------------------------------------------------------------

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
ORDINALS = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (-1, _("last")),
]


@dataclass
class RepeatRule:
    """What the picker shows: weekly on chosen days every N weeks, or monthly on the n-th
    weekday; until a date, a number of times, or without end. ``from_rule`` reads a rule the
    picker can show (None for any other: the picker then offers the rule as text)."""

    frequency: str = ""  # "" (does not repeat), "weekly", "monthly"
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    ordinal: int = 1  # monthly: 1–4 or -1 (last)
    weekday: str = "MO"  # monthly: which weekday
    until: date | None = None
    count: int | None = None

    def to_rule(self) -> str:
        if not self.frequency:
            return ""
        parts = ["FREQ=WEEKLY" if self.frequency == "weekly" else "FREQ=MONTHLY"]
        if self.interval and self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency == "weekly":
            days = [code for code in WEEKDAY_CODES if code in self.weekdays]
            if days:
                parts.append("BYDAY=" + ",".join(days))
        else:
            parts.append(f"BYDAY={self.ordinal}{self.weekday}")
        if self.count:
            parts.append(f"COUNT={self.count}")
        elif self.until:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        return ";".join(parts)

    @classmethod
    def from_rule(cls, rule: str) -> RepeatRule | None:
        import re

        rule = clean_rule(rule)
        if not rule:
            return cls()
        try:
            parts = dict(part.split("=", 1) for part in rule.upper().split(";") if part)
        except ValueError:
            return None
        known = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"}
        if set(parts) - known or parts.get("FREQ") not in {"WEEKLY", "MONTHLY"}:
            return None
        picked = cls(frequency=parts["FREQ"].lower())
        try:
            picked.interval = int(parts.get("INTERVAL", "1"))
            if "COUNT" in parts:
                picked.count = int(parts["COUNT"])
            if "UNTIL" in parts:
                picked.until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        except ValueError:
            return None
        days = [day for day in parts.get("BYDAY", "").split(",") if day]
        if picked.frequency == "weekly":
            if any(day not in WEEKDAY_CODES for day in days):
                return None
            picked.weekdays = tuple(days)
            return picked
        match = (
            re.fullmatch(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)", days[0]) if len(days) == 1 else None
        )
        if match is None or int(match.group(1)) not in {1, 2, 3, 4, -1}:
            return None
        picked.ordinal, picked.weekday = int(match.group(1)), match.group(2)
        return picked


def next_dates(rule: str, start: datetime, count: int = 5) -> list[datetime]:
    """The first `count` dates of a rule from `start` (naive local time), for a preview."""
    rule = clean_rule(rule)
    if not rule:
        return [start]
    try:
        dates = []
        for value in rrulestr(rule, dtstart=start):
            dates.append(value)
            if len(dates) >= count:
                break
        return dates
    except (ValueError, TypeError):
        return []
