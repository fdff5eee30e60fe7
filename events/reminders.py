"""Programme session reminders: a text (or email) the day before each session to every
participant expected there (booked on its slot, not paused), queued in batches by `tick`.

`session_reminders_due` is the one place that says who is reminded of what; it yields
(enrolment, occurrence) pairs, so when sessions get per-participant slots only it
changes.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samverka.core.notify import notify_many

from .links import next_session_url
from .models import Enrolment, EventOccurrence, ProgrammeSchedule

KIND = "events.session_reminder"


def session_reminders_due(now=None):
    """(enrolment, session) for every active enrolment in a programme whose session
    starts within the next 24 hours. One query for the sessions, one per session for
    its enrolments (streamed)."""
    now = now or timezone.now()
    sessions = (
        EventOccurrence.objects.scheduled()
        .filter(start__gt=now, start__lte=now + timedelta(days=1), event__programmes__isnull=False)
        .select_related("event")
        .distinct()
    )
    schedules: dict[int, ProgrammeSchedule] = {}
    for session in sessions:
        enrolments = (
            Enrolment.objects.active()
            .filter(programme__event_id=session.event_id, enrolled_on__lte=session.start.date())
            .select_related("programme", "participant__person")
            .order_by("pk")
        )
        for enrolment in enrolments.iterator(chunk_size=2000):
            # Only the participant's own slots, and not while their enrolment is paused
            # (slots, bookings and pauses read once per programme).
            schedule = schedules.get(enrolment.programme_id)
            if schedule is None:
                schedule = ProgrammeSchedule(enrolment.programme, enrolments=[])
                schedules[enrolment.programme_id] = schedule
            if schedule.counts(enrolment, session):
                yield enrolment, session


def send_session_reminders(now=None) -> int:
    """Queue the reminders; a session's reminder goes once per participant whatever
    how often `tick` runs (the outbox's key)."""

    def items():
        for enrolment, session in session_reminders_due(now):
            person = enrolment.participant.person
            yield (
                person,
                {
                    "programme": enrolment.programme,
                    "occurrence": session,
                    "participant": enrolment.participant,
                    "next_session_url": next_session_url(enrolment, person.preferred_language),
                },
                f"session-reminder:{enrolment.pk}:{session.pk}",
            )

    return notify_many(KIND, items())
