from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundEmailQuerySet(models.QuerySet):
    def due_for_retry(self, now=None):
        now = now or timezone.now()
        return self.filter(status=OutboundEmail.Status.RETRYING, next_attempt_at__lte=now)


class OutboundEmail(models.Model):
    """One email on its way out.

    Every email goes through this table and a background task, so that a slow
    or failing provider never breaks the request that caused it, and a failed
    send is tried again with growing delays.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Waiting to retry")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "content": <base64>, "mimetype": ...}]
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    provider_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_retry_idx")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def max_attempts(self) -> int:
        return len(settings.SAMVERKA_EMAIL_RETRY_DELAYS) + 1
