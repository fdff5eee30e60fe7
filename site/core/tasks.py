"""Background work of the outbox: deliver, retry, recover after a dead worker,
and purge after the retention period.

The guarantee (see `OutboundEmail`): each row is handed to the provider at most
once per claim, and a claim whose worker died is never repeated without a
person deciding so. No row stays QUEUED or SENDING forever: `recover_outbox`
(run by `manage.py tick`) queues again what was never handed over and marks
INTERRUPTED what may have been.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import default_task_backend, task

from samverka.core.conf import settings as app_settings

from .models import OutboundEmail

logger = logging.getLogger(__name__)


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    import base64

    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        to=email.to,
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def _schedule_retry(email: OutboundEmail) -> None:
    if default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
        )
    # Backends that cannot defer (the embedded immediate backend) are covered by
    # the periodic `retry_due_emails` task that `manage.py tick` runs.


def _record(email: OutboundEmail, **fields) -> bool:
    """Write the outcome only if the row is still ours (SENDING): a bounce or a
    coordinator's decision that came in meanwhile is not overwritten."""
    return bool(
        OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmail.Status.SENDING).update(
            **fields
        )
    )


@task()
def deliver_email(email_id: int) -> str:
    """Send one outbox row, at most once: the claim (QUEUED/RETRYING -> SENDING)
    is committed before the provider is called and nothing here ever sets a
    SENDING row back to QUEUED. If this process dies between the claim and the
    outcome, the row stays SENDING until `recover_outbox` marks it INTERRUPTED."""
    email = OutboundEmail.objects.claim(email_id)
    if email is None:
        return "skipped"
    message = _message(email)
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - any provider failure is retried
        delays = app_settings.EMAIL_RETRY_DELAYS
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts <= len(delays):
            email.status = OutboundEmail.Status.RETRYING
            email.next_attempt_at = timezone.now() + timedelta(seconds=delays[email.attempts - 1])
        else:
            email.status = OutboundEmail.Status.FAILED
            email.next_attempt_at = None
        logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, exc)
        if _record(
            email,
            status=email.status,
            next_attempt_at=email.next_attempt_at,
            last_error=email.last_error,
        ) and (email.status == OutboundEmail.Status.RETRYING):
            _schedule_retry(email)
        return email.status
    status = getattr(message, "anymail_status", None)
    _record(
        email,
        status=OutboundEmail.Status.SENT,
        provider_message_id=(getattr(status, "message_id", None) or "")[:255],
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
    )
    return OutboundEmail.Status.SENT


@task()
def retry_due_emails() -> int:
    due = list(OutboundEmail.objects.due_for_retry().values_list("pk", flat=True)[:500])
    for pk in due:
        deliver_email.enqueue(pk)
    return len(due)


@task()
def recover_outbox() -> dict:
    """After a worker died: queue again the rows whose task was lost before
    anyone claimed them (never handed over, so sending them cannot duplicate),
    and mark INTERRUPTED the rows claimed by a worker that never reported back
    (the provider may have them; a coordinator decides in the outbox listing)."""
    now = timezone.now()
    interrupted = OutboundEmail.objects.orphaned(now).update(
        status=OutboundEmail.Status.INTERRUPTED,
        next_attempt_at=None,
        # Shown in the outbox listing; workers run in the site's language.
        last_error=gettext(
            "The sending worker stopped before it reported back; "
            "the message may or may not have been sent."
        ),
    )
    lost = list(OutboundEmail.objects.lost_in_queue(now).values_list("pk", flat=True)[:500])
    for pk in lost:
        # A second task for a row whose first task is merely slow is harmless:
        # only one of them wins the claim.
        deliver_email.enqueue(pk)
    if interrupted or lost:
        logger.warning("Outbox recovery: %s requeued, %s interrupted", len(lost), interrupted)
    return {"requeued": len(lost), "interrupted": interrupted}


@task()
def purge_outbox() -> int:
    """Delete finished messages older than SAMVERKA_OUTBOX_RETENTION_DAYS: their
    recipients, subjects and bodies (a registration confirmation carries the
    person's name and address) are not kept longer than the retention period."""
    deleted, _ = OutboundEmail.objects.expired().delete()
    return deleted
