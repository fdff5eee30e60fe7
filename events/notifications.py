"""Messages about registrations, in the registrant's language: email with an .ics file,
or a text message for those who gave only a phone (through `samverka.core.notify`)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from samverka.core.links import absolute as site_absolute
from samverka.core.notify import Contact, notify

from . import codes, ical

# Which emails carry the date as a calendar file.
WITH_CALENDAR = {"confirmed", "promoted", "date_moved", "reminder"}
KINDS = {
    "confirmed",
    "waitlisted",
    "promoted",
    "cancelled",
    "date_cancelled",
    "date_moved",
    "reminder",
    "feedback",
}


def absolute(path: str) -> str:
    return site_absolute(path)


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


def registration_contact(registration) -> Contact:
    """The email and phone given at registration, else the account's person's."""
    person = getattr(registration.user, "person", None) if registration.user_id else None
    language = registration.language or settings.LANGUAGE_CODE
    return Contact(
        email=registration.contact_email,
        phone=registration.phone or (str(person.phone) if person and person.phone else ""),
        language=language,
        preference=getattr(person, "message_channel", "auto") if person else "auto",
        opted_out=bool(person and person.sms_opt_out_at),
    )


def send_registration_email(registration, kind: str) -> None:
    assert kind in KINDS, kind
    from .links import cancel_url

    contact = registration_contact(registration)
    language = contact.language
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
        "sms_cancel_url": cancel_url(registration, language),
    }
    attachments = []
    if kind in WITH_CALENDAR and not occurrence.is_cancelled:
        attachments.append(("event.ics", occurrence_ics(occurrence), "text/calendar"))
    notify(contact, f"events.{kind}", context, attachments=attachments)


def survey_url(enrolment) -> str:
    """A participant's course survey link, opening in their language."""
    language = enrolment.participant.person.preferred_language
    return absolute(
        localized_reverse(
            language, "events:feedback", token=codes.feedback_token("e", enrolment.pk)
        )
    )


def send_course_survey(programme) -> tuple[int, int]:
    """The survey link to every active participant who has not answered, in their language,
    by email or text message (`notify`). Returns (sent, unreachable): those with neither an
    email nor a mobile number (or who answered STOP) get the link in class."""
    sent = without = 0
    enrolments = (
        programme.enrolments.active()
        .filter(survey_receipt__isnull=True)
        .select_related("participant__person", "programme")
    )
    for enrolment in enrolments:
        person = enrolment.participant.person
        queued = notify(
            person,
            "events.course_survey",
            {"person": person, "programme": programme, "feedback_url": survey_url(enrolment)},
        )
        if queued:
            sent += 1
        else:
            without += 1
    return sent, without
