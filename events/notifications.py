"""Emails about registrations, in the registrant's language, with .ics files."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from samverka.core.conf import site_url
from samverka.core.email import queue_email

from . import codes, ical

# Which emails carry the date as a calendar file.
WITH_CALENDAR = {"confirmed", "promoted", "changed", "reminder"}
KINDS = {"confirmed", "waitlisted", "promoted", "cancelled", "changed", "reminder", "feedback"}


def absolute(path: str) -> str:
    return site_url() + path


def localized_reverse(language: str, name: str, **kwargs) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return reverse(name, kwargs=kwargs or None)


def occurrence_ics(occurrence, *, request=None) -> bytes:
    event = occurrence.event
    calendar = ical.new_calendar(event.title)
    ical.add_single(
        calendar,
        f"date-{occurrence.pk}@samverka",
        event.title,
        occurrence.start,
        occurrence.end,
        cancelled=occurrence.is_cancelled,
        location=event.location_text,
        description=event.intro,
        url=absolute(event.url) if event.url else "",
    )
    return ical.to_bytes(calendar)


def send_registration_email(registration, kind: str) -> None:
    assert kind in KINDS, kind
    to = registration.contact_email
    if not to:
        return  # phone-only registrations: staff call them (the list shows the phone)
    language = registration.language or settings.LANGUAGE_CODE
    occurrence = registration.occurrence
    context = {
        "registration": registration,
        "occurrence": occurrence,
        "event": occurrence.event,
        "event_url": absolute(occurrence.event.url or "/"),
        "cancel_url": absolute(
            localized_reverse(language, "events:cancel", token=codes.cancel_token(registration.pk))
        ),
        "feedback_url": absolute(
            localized_reverse(
                language, "events:feedback", token=codes.feedback_token("r", registration.pk)
            )
        ),
        "position": registration.waitlist_position(),
    }
    attachments = []
    if kind in WITH_CALENDAR and not occurrence.is_cancelled:
        attachments.append(("event.ics", occurrence_ics(occurrence), "text/calendar"))
    queue_email(to, f"events/email/{kind}", context, language=language, attachments=attachments)
