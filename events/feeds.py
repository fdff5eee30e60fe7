"""Calendar feeds (RFC 5545): all events, per category, place and organiser,
one date, and a person's own registrations behind a secret address."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.utils import timezone

from . import ical
from .models import EventOccurrence, EventPage, Registration, deferred_place_fields
from .notifications import absolute

# Past dates a feed still carries, so a calendar keeps what happened recently.
FEED_PAST_DAYS = 60


def series_for(rows, events) -> list[ical.SeriesData]:
    """One SeriesData per event from (event_id, original_start, start, end,
    status) rows ordered by event."""
    result = []
    for event_id, dates in groupby(rows, key=lambda row: row[0]):
        event = events.get(event_id)
        if event is None:
            continue
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
                    ical.DateData(original, start, end, status == EventOccurrence.Status.CANCELLED)
                    for _id, original, start, end, status in dates
                ],
            )
        )
    return result


def feed_rows(now=None, **filters) -> list[tuple]:
    """The dates a feed carries, as plain tuples: a feed of a long series
    should not build a model instance per date."""
    now = now or timezone.now()
    return list(
        EventOccurrence.objects.public()
        .filter(
            event__locale__language_code=settings.LANGUAGE_CODE,
            end__gte=now - timedelta(days=FEED_PAST_DAYS),
            **filters,
        )
        .order_by("event_id", "original_start")
        .values_list("event_id", "original_start", "start", "end", "status")
    )


def public_feed(name: str, now=None, **filters) -> bytes:
    rows = feed_rows(now, **filters)
    events = {
        event.pk: event
        for event in EventPage.objects.filter(pk__in={row[0] for row in rows})
        .select_related("place", "locale")
        .defer("body", *deferred_place_fields())
    }
    return ical.series_calendar(name, series_for(rows, events))


def private_feed(user, name: str) -> bytes:
    """A person's confirmed and waitlisted dates as stand-alone events."""
    calendar = ical.new_calendar(name)
    registrations = (
        Registration.objects.active()
        .filter(user=user)
        .select_related("occurrence__event__place", "occurrence__event__locale")
        .defer(
            "occurrence__event__body",
            *deferred_place_fields("occurrence__event__place__"),
        )
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
