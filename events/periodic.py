"""Scheduled work for events (`manage.py tick`): reminders, series horizons,
absence rule and feedback requests. Visitors' details are anonymised by the retention
rules of `events.privacy` (`people.apply_retention`), over the periods the data protection
officer sets."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import EventPage, Programme, Registration


def send_reminders(now=None) -> int:
    """Remind confirmed registrants the day before their date (once each)."""
    now = now or timezone.now()
    sent = 0
    due = Registration.objects.due_for_reminder(now).select_related("occurrence__event", "user")
    for registration in due[:2000]:
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if updated:  # another worker may have taken it
                registration.notify("reminder")
                sent += 1
    return sent


def extend_series(now=None) -> int:
    """Keep every live series' dates a horizon ahead."""
    created = 0
    for page in EventPage.objects.live().exclude(recurrence_rule="").select_related("locale"):
        created += page.sync_occurrences(now)["created"]
    return created


def evaluate_programmes(now=None) -> int:
    """Derive absences from ended sessions and flag runs (the platform flags only)."""
    flagged = 0
    for programme in Programme.objects.select_related("event", "coordinator"):
        flagged += len(programme.evaluate(now))
    return flagged


def request_feedback(now=None) -> int:
    """The survey link, once, to those who came (or were confirmed) yesterday or today."""
    now = now or timezone.now()
    due = Registration.objects.confirmed().filter(
        feedback_requested_at__isnull=True,
        anonymised_at__isnull=True,
        occurrence__end__lte=now,
        occurrence__end__gte=now - timedelta(days=2),
        occurrence__status="scheduled",
    )
    sent = 0
    for registration in due.select_related("occurrence__event", "user")[:2000]:
        with transaction.atomic():
            if Registration.objects.filter(
                pk=registration.pk, feedback_requested_at__isnull=True
            ).update(feedback_requested_at=now):
                registration.notify("feedback")
                sent += 1
    return sent


@task()
def events_reminders() -> int:
    return send_reminders()


@task()
def events_session_reminders() -> int:
    from .reminders import send_session_reminders

    return send_session_reminders()


@task()
def events_extend_series() -> int:
    return extend_series()


@task()
def events_absence_rule() -> int:
    return evaluate_programmes()


@task()
def events_feedback_requests() -> int:
    return request_feedback()


@task()
def events_shuffle_answers() -> int:
    from .surveys import shuffle_answers

    return shuffle_answers()


PERIODIC_TASKS = [
    events_reminders,
    events_session_reminders,
    events_extend_series,
    events_absence_rule,
    events_feedback_requests,
    events_shuffle_answers,
]
