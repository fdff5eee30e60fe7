"""Background work of the outbox: deliver, retry, recover after a dead worker,
and purge after the retention period.

Both channels (email and SMS) share all of it; only the transport differs.

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


def _retry_or_fail(email: OutboundEmail, error: str, *, from_status=OutboundEmail.Status.SENDING):
    """After a failed attempt: RETRYING with the next delay of the one schedule
    (SAMVERKA_EMAIL_RETRY_DELAYS, both channels), or FAILED when none is left."""
    delays = app_settings.EMAIL_RETRY_DELAYS
    email.last_error = error[:2000]
    if email.attempts <= len(delays):
        email.status = OutboundEmail.Status.RETRYING
        email.next_attempt_at = timezone.now() + timedelta(seconds=delays[email.attempts - 1])
    else:
        email.status = OutboundEmail.Status.FAILED
        email.next_attempt_at = None
    updated = OutboundEmail.objects.filter(pk=email.pk, status=from_status).update(
        status=email.status, next_attempt_at=email.next_attempt_at, last_error=email.last_error
    )
    if updated and email.status == OutboundEmail.Status.RETRYING:
        _schedule_retry(email)
    return email.status


def _opted_out(phone: str) -> bool:
    from samverka.people.models import Person

    return Person.objects.filter(phone=phone, sms_opt_out_at__isnull=False).exists()


def _send_sms(email: OutboundEmail) -> str:
    from . import sms

    message = sms.SMS(to=email.to[0], body=email.body, sender=sms.sender(), outbox_id=email.pk)
    return sms.get_backend().send(message)


@task()
def deliver_email(email_id: int) -> str:
    """Send one outbox row (email or SMS), at most once: the claim
    (QUEUED/RETRYING -> SENDING) is committed before the provider is called and
    nothing here ever sets a SENDING row back to QUEUED. If this process dies
    between the claim and the outcome, the row stays SENDING until
    `recover_outbox` marks it INTERRUPTED."""
    email = OutboundEmail.objects.claim(email_id)
    if email is None:
        return "skipped"
    return _deliver_claimed(email)


def _deliver_claimed(email: OutboundEmail) -> str:
    is_sms = email.channel == OutboundEmail.Channel.SMS
    if is_sms and _opted_out(email.to[0]):
        # STOP arrived after the message was queued (or someone pressed "send again").
        _record(
            email,
            status=OutboundEmail.Status.FAILED,
            next_attempt_at=None,
            last_error=gettext("Not sent: the person has asked not to get text messages (STOP)."),
        )
        return OutboundEmail.Status.FAILED
    try:
        if is_sms:
            provider_id = _send_sms(email)
        else:
            message = _message(email)
            message.send()
            status = getattr(message, "anymail_status", None)
            provider_id = getattr(status, "message_id", None) or ""
    except Exception as exc:  # noqa: BLE001 - any provider failure is retried
        logger.warning("Message %s failed (attempt %s): %s", email.pk, email.attempts, exc)
        return _retry_or_fail(email, f"{type(exc).__name__}: {exc}")
    _record(
        email,
        status=OutboundEmail.Status.SENT,
        provider_message_id=(provider_id or "")[:255],
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
    )
    return OutboundEmail.Status.SENT


@task()
def deliver_batch(email_ids: list[int]) -> dict:
    """Deliver a batch queued by `notify_many`: one task for many rows, each
    still claimed on its own (at most once)."""
    outcome: dict[str, int] = {}
    for pk in email_ids:
        email = OutboundEmail.objects.claim(pk)
        status = _deliver_claimed(email) if email is not None else "skipped"
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


def apply_delivery_report(provider_message_id: str, status: str, *, provider: str = "") -> int:
    """An SMS provider's delivery report. "delivered" marks the row DELIVERED;
    "failed" (the phone never got it: switched off for days, number gone) sends it
    again on the retry schedule and marks it FAILED when the attempts are used up.
    Returns how many rows it concerned."""
    rows = list(
        OutboundEmail.objects.filter(
            provider_message_id=provider_message_id, channel=OutboundEmail.Channel.SMS
        )
    )
    for email in rows:
        if status == "delivered":
            OutboundEmail.objects.filter(
                pk=email.pk, status__in=[OutboundEmail.Status.SENT, OutboundEmail.Status.SENDING]
            ).update(status=OutboundEmail.Status.DELIVERED, last_error="")
        elif status == "failed" and email.status == OutboundEmail.Status.SENT:
            _retry_or_fail(
                email,
                gettext("The provider reported that the text message was not delivered.")
                + (f" ({provider})" if provider else ""),
                from_status=OutboundEmail.Status.SENT,
            )
    return len(rows)


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
