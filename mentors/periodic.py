"""Follow-up reminders and the no-contact flag, run by `manage.py tick`."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from samverka.core.conf import site_url
from samverka.core.email import queue_email
from samverka.core.permissions import COORDINATOR

from .models import FollowUp, Match


def _url(path: str) -> str:
    return f"{site_url()}{path}"


@task()
def send_follow_up_reminders() -> int:
    """Email the volunteer of each active match whose follow-up is due (once per follow-up)."""
    today = timezone.localdate()
    sent = 0
    due = FollowUp.objects.filter(
        due_on__lte=today,
        done_at__isnull=True,
        reminded_at__isnull=True,
        match__status=Match.Status.ACTIVE,
    ).select_related("match__volunteer", "match__newcomer")
    for follow_up in due:
        with transaction.atomic():
            claimed = FollowUp.objects.filter(pk=follow_up.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue  # another worker took it
            match = follow_up.match
            if match.volunteer.email:
                with translation.override(settings.LANGUAGE_CODE):
                    url = _url(reverse("mentors:match", kwargs={"pk": match.pk}))
                queue_email(
                    match.volunteer.email,
                    "mentors/email/follow_up",
                    {"match": match, "follow_up": follow_up, "url": url},
                    language=settings.LANGUAGE_CODE,
                )
                sent += 1
    return sent


@task()
def flag_matches_without_contact() -> int:
    """Flag active matches with no logged contact for 30 days and tell the coordinators."""
    newly = list(
        Match.objects.without_contact()
        .filter(flagged_at__isnull=True)
        .select_related("newcomer__person", "volunteer")
    )
    if not newly:
        return 0
    Match.objects.filter(pk__in=[m.pk for m in newly]).update(flagged_at=timezone.now())
    coordinators = list(
        get_user_model()
        .objects.filter(groups__name=COORDINATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if coordinators:
        queue_email(
            coordinators,
            "mentors/email/no_contact",
            {"matches": newly},
            language=settings.LANGUAGE_CODE,
        )
    return len(newly)


PERIODIC_TASKS = [send_follow_up_reminders, flag_matches_without_contact]
