import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import OutboundEmail

logger = logging.getLogger(__name__)


def _schedule_retry(email: OutboundEmail) -> None:
    if default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
        )
    # Backends that cannot defer (the embedded immediate backend) are covered by
    # the periodic `retry_due_emails` task that `manage.py tick` runs.


@task()
def deliver_email(email_id: int) -> str:
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in (
            OutboundEmail.Status.SENT,
            OutboundEmail.Status.BOUNCED,
        ):
            return "skipped"
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
        email.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - any provider failure is retried
            delays = settings.SAMVERKA_EMAIL_RETRY_DELAYS
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts <= len(delays):
                email.status = OutboundEmail.Status.RETRYING
                email.next_attempt_at = timezone.now() + timedelta(
                    seconds=delays[email.attempts - 1]
                )
                _schedule_retry(email)
            else:
                email.status = OutboundEmail.Status.FAILED
                email.next_attempt_at = None
            logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, exc)
            email.save()
            return email.status
        status = getattr(message, "anymail_status", None)
        email.provider_message_id = (getattr(status, "message_id", None) or "")[:255]
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.next_attempt_at = None
        email.last_error = ""
        email.save()
        return email.status


@task()
def retry_due_emails() -> int:
    due = list(OutboundEmail.objects.due_for_retry().values_list("pk", flat=True)[:500])
    for pk in due:
        deliver_email.enqueue(pk)
    return len(due)
