"""iCalendar (RFC 5545) output with the `icalendar` library.

A recurring series is written the way calendar programs expect it: one VEVENT
with the RRULE, an EXDATE for every cancelled date and one VEVENT with a
RECURRENCE-ID for every moved date, all sharing the series' UID. Single dates
("add to calendar", a person's own registrations) are stand-alone VEVENTs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from .recurrence import clean_rule, local_zone

PRODID = "-//Samverka//Events//EN"


@dataclass
class DateData:
    original_start: datetime
    start: datetime
    end: datetime
    cancelled: bool = False


@dataclass
class SeriesData:
    uid: str
    title: str
    first_start: datetime
    duration: timedelta
    rule: str = ""
    description: str = ""
    location: str = ""
    url: str = ""
    categories: list[str] = field(default_factory=list)
    dates: list[DateData] = field(default_factory=list)


def new_calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    return calendar


def _local(value: datetime) -> datetime:
    return value.astimezone(local_zone())


def _event(uid: str, title: str, start: datetime, end: datetime, **extra) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("summary", title)
    event.add("dtstart", _local(start))
    event.add("dtend", _local(end))
    for key in ("description", "location", "url"):
        if extra.get(key):
            event.add(key, extra[key])
    if extra.get("categories"):
        event.add("categories", extra["categories"])
    if extra.get("cancelled"):
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def _recur(rule: str) -> vRecur:
    recur = vRecur.from_ical(clean_rule(rule))
    # With a zoned DTSTART, RFC 5545 requires UNTIL in UTC.
    until = recur.get("UNTIL")
    if until:
        value = until[0]
        if isinstance(value, datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=local_zone())
            recur["UNTIL"] = [value.astimezone(UTC)]
    return recur


def add_series(calendar: Calendar, series: SeriesData) -> None:
    extra = {
        "description": series.description,
        "location": series.location,
        "url": series.url,
        "categories": series.categories,
    }
    if not clean_rule(series.rule):
        cancelled = any(d.cancelled for d in series.dates)
        start = series.dates[0].start if series.dates else series.first_start
        end = series.dates[0].end if series.dates else series.first_start + series.duration
        calendar.add_component(
            _event(series.uid, series.title, start, end, cancelled=cancelled, **extra)
        )
        return
    master = _event(
        series.uid,
        series.title,
        series.first_start,
        series.first_start + series.duration,
        **extra,
    )
    master.add("rrule", _recur(series.rule))
    cancelled = [_local(d.original_start) for d in series.dates if d.cancelled]
    if cancelled:
        master.add("exdate", cancelled)
    calendar.add_component(master)
    for moved in series.dates:
        if moved.cancelled or moved.start == moved.original_start:
            continue
        override = _event(series.uid, series.title, moved.start, moved.end, **extra)
        override.add("recurrence-id", _local(moved.original_start))
        calendar.add_component(override)


def add_single(
    calendar: Calendar,
    uid: str,
    title: str,
    start: datetime,
    end: datetime,
    *,
    cancelled: bool = False,
    **extra,
) -> None:
    calendar.add_component(_event(uid, title, start, end, cancelled=cancelled, **extra))


def to_bytes(calendar: Calendar) -> bytes:
    if calendar.subcomponents:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def series_calendar(name: str, series: Iterable[SeriesData]) -> bytes:
    calendar = new_calendar(name)
    for item in series:
        add_series(calendar, item)
    return to_bytes(calendar)
