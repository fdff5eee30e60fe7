"""Scheduled work for internships (`manage.py tick`): remind the parties of
follow-ups that fall due, tell the coordinator of overdue ones, and remind the
coordinator to record outcomes at the end and 90 and 180 days later.

Each function takes `today` so that tests can travel in time; each marks what
it sent inside the same transaction as the queued email, so a second tick the
same day sends nothing twice.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from samverka.core.conf import site_url
from samverka.core.email import queue_email
from samverka.core.permissions import COORDINATOR

from . import schedule
from .models import FollowUp, Internship

BATCH = 2000


def _coordinator_emails(internship: Internship) -> list[str]:
    if internship.coordinator is not None and internship.coordinator.email:
        return [internship.coordinator.email]
    return list(
        get_user_model()
        .objects.filter(groups__name=COORDINATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _absolute(path: str) -> str:
    return f"{site_url()}{path}"


def _party_emails(internship: Internship) -> list[str]:
    emails = _coordinator_emails(internship)
    if internship.supervisor_email:
        emails.append(internship.supervisor_email)
    if internship.mentor is not None and internship.mentor.email:
        emails.append(internship.mentor.email)
    return list(dict.fromkeys(emails))


def _open_follow_ups():
    return FollowUp.objects.filter(completed_on__isnull=True).exclude(
        internship__status=Internship.Status.CANCELLED
    )


def send_follow_up_reminders(today=None) -> int:
    """Remind the three parties a few days before a follow-up falls due (once)."""
    today = today or timezone.localdate()
    now = timezone.now()
    latest_due = today + timedelta(days=schedule.REMIND_DAYS_BEFORE)
    due = (
        _open_follow_ups()
        .filter(reminded_at__isnull=True, due_on__lte=latest_due)
        .select_related(
            "internship__place__employer",
            "internship__mentor",
            "internship__newcomer",
            "internship__coordinator",
        )
        .order_by("due_on")
    )
    sent = 0
    for follow_up in due[:BATCH]:
        if not schedule.reminder_due(follow_up.due_on, today, reminded=False):
            continue
        with transaction.atomic():
            if FollowUp.objects.filter(pk=follow_up.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                queue_email(
                    _party_emails(follow_up.internship),
                    "internships/email/follow_up_reminder",
                    {
                        "follow_up": follow_up,
                        "internship": follow_up.internship,
                        "url": _absolute(
                            reverse("internships:detail", args=[follow_up.internship_id])
                        ),
                    },
                )
                sent += 1
    return sent


def send_overdue_notices(today=None) -> int:
    """Tell the coordinator about follow-ups a week past their due date (once)."""
    today = today or timezone.localdate()
    now = timezone.now()
    latest_due = today - timedelta(days=schedule.OVERDUE_AFTER_DAYS)
    overdue = (
        _open_follow_ups()
        .filter(overdue_notified_at__isnull=True, due_on__lte=latest_due)
        .select_related("internship__place", "internship__newcomer", "internship__coordinator")
        .order_by("due_on")
    )
    sent = 0
    for follow_up in overdue[:BATCH]:
        with transaction.atomic():
            if FollowUp.objects.filter(pk=follow_up.pk, overdue_notified_at__isnull=True).update(
                overdue_notified_at=now
            ):
                recipients = _coordinator_emails(follow_up.internship)
                if recipients:
                    queue_email(
                        recipients,
                        "internships/email/follow_up_overdue",
                        {"follow_up": follow_up, "internship": follow_up.internship},
                    )
                    sent += 1
    return sent


def send_outcome_reminders(today=None) -> int:
    """Remind the coordinator to record the outcome at each checkpoint not yet recorded."""
    today = today or timezone.localdate()
    horizon = max(schedule.OUTCOME_OFFSETS.values()) + 60
    ended = (
        Internship.objects.filter(
            status__in=Internship.ENDED,
            ended_on__gte=today - timedelta(days=horizon),
            ended_on__lte=today + timedelta(days=schedule.REMIND_DAYS_BEFORE),
        )
        .select_related("place", "newcomer__person", "coordinator")
        .prefetch_related("outcomes")
        .order_by("ended_on")
    )
    sent = 0
    for internship in ended[:BATCH]:
        recorded = {o.checkpoint for o in internship.outcomes.all()}
        for checkpoint, due_on in internship.outcome_due_dates().items():
            if checkpoint in recorded or checkpoint in internship.outcome_reminders:
                continue
            if not schedule.reminder_due(due_on, today, reminded=False):
                continue
            with transaction.atomic():
                fresh = Internship.objects.select_for_update().get(pk=internship.pk)
                if checkpoint in fresh.outcome_reminders:
                    continue
                fresh.outcome_reminders[checkpoint] = timezone.now().isoformat()
                fresh.save(update_fields=["outcome_reminders"])
                internship.outcome_reminders = fresh.outcome_reminders
                recipients = _coordinator_emails(internship)
                if recipients:
                    queue_email(
                        recipients,
                        "internships/email/outcome_reminder",
                        {
                            "internship": internship,
                            "checkpoint": checkpoint,
                            "checkpoint_label": dict(internship.outcomes.model.Checkpoint.choices)[
                                checkpoint
                            ],
                            "due_on": due_on,
                        },
                    )
                    sent += 1
    return sent


@task()
def internship_reminders() -> dict:
    return {
        "follow_up_reminders": send_follow_up_reminders(),
        "overdue_notices": send_overdue_notices(),
        "outcome_reminders": send_outcome_reminders(),
    }


PERIODIC_TASKS = [internship_reminders]
