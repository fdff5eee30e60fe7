"""Calendar feeds (RFC 5545): all events, per category, place and organiser,
one date, and a person's own registrations behind a secret address."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.utils import timezone

from . import ical
from .models import EventOccurrence, Registration
from .notifications import absolute

# Past dates a feed still carries, so a calendar keeps what happened recently.
FEED_PAST_DAYS = 60


def series_for(occurrences) -> list[ical.SeriesData]:
    """One SeriesData per event from dates ordered by event."""
    result = []
    for _event_id, dates in groupby(occurrences, key=lambda occ: occ.event_id):
        dates = list(dates)
        event = dates[0].event
        result.append(
            ical.SeriesData(
                uid=event.calendar_uid,
                title=event.title,
                first_start=event.starts_at,
                duration=event.duration,
                rule=event.recurrence_rule,
                description=event.intro,
                location=event.location_text,
                url=absolute(event.url) if event.url else "",
                categories=[str(event.get_category_display())],
                dates=[
                    ical.DateData(d.original_start, d.start, d.end, d.is_cancelled) for d in dates
                ],
            )
        )
    return result


def feed_occurrences(now=None, **filters):
    now = now or timezone.now()
    return (
        EventOccurrence.objects.public()
        .filter(
            event__locale__language_code=settings.LANGUAGE_CODE,
            end__gte=now - timedelta(days=FEED_PAST_DAYS),
            **filters,
        )
        .select_related("event", "event__place", "event__locale")
        .defer("event__body", "event__place__body")
        .order_by("event_id", "original_start")
    )


def public_feed(name: str, now=None, **filters) -> bytes:
    return ical.series_calendar(name, series_for(feed_occurrences(now, **filters)))


def private_feed(user, name: str) -> bytes:
    """A person's confirmed and waitlisted dates as stand-alone events."""
    calendar = ical.new_calendar(name)
    registrations = (
        Registration.objects.active()
        .filter(user=user)
        .select_related("occurrence__event__place", "occurrence__event__locale")
        .defer("occurrence__event__body", "occurrence__event__place__body")
    )
    for registration in registrations:
        occurrence = registration.occurrence
        event = occurrence.event
        ical.add_single(
            calendar,
            f"date-{occurrence.pk}@samverka",
            event.title,
            occurrence.start,
            occurrence.end,
            cancelled=occurrence.is_cancelled,
            location=event.location_text,
            url=absolute(event.url) if event.url else "",
        )
    return ical.to_bytes(calendar)
