from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from samverka.core.conf import settings as app_settings

# A row claimed for sending whose worker has not reported back within this time
# is taken to be orphaned (the worker died); a queued row never claimed within
# it is taken to have lost its task. Generous, so a slow provider is not mistaken
# for a dead worker. Settings may override it (tests do).
DEFAULT_CLAIM_TIMEOUT = timedelta(minutes=15)


def claim_timeout() -> timedelta:
    seconds = app_settings.OUTBOX_CLAIM_TIMEOUT_SECONDS
    return timedelta(seconds=seconds) if seconds is not None else DEFAULT_CLAIM_TIMEOUT


class OutboundEmailQuerySet(models.QuerySet):
    def due_for_retry(self, now=None):
        now = now or timezone.now()
        return self.filter(status=OutboundEmail.Status.RETRYING, next_attempt_at__lte=now)

    def claim(self, pk, now=None):
        """Mark one row as being handed to the provider, or return None when it
        is not waiting to be sent (already sent, bounced, claimed by another
        worker...). A single conditional UPDATE, committed before the provider
        is called: of two workers given the same row, exactly one wins."""
        now = now or timezone.now()
        claimed = self.filter(pk=pk, status__in=OutboundEmail.SENDABLE).update(
            status=OutboundEmail.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
        return self.filter(pk=pk).first() if claimed else None

    def lost_in_queue(self, now=None):
        """Queued rows never claimed long after they were queued: their task was
        lost (a worker died before taking it, a queue was emptied). Never handed
        to the provider, so they can safely be queued again."""
        now = now or timezone.now()
        return self.filter(
            status=OutboundEmail.Status.QUEUED,
            claimed_at__isnull=True,
            created_at__lte=now - claim_timeout(),
        )

    def orphaned(self, now=None):
        """Rows claimed for sending whose worker never reported back. The
        provider may or may not have accepted the message."""
        now = now or timezone.now()
        return self.filter(
            status=OutboundEmail.Status.SENDING, claimed_at__lte=now - claim_timeout()
        )

    def expired(self, now=None):
        """Finished rows older than the retention period (personal data in the
        recipients, subject and body is kept no longer than needed)."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=app_settings.OUTBOX_RETENTION_DAYS)
        return self.filter(status__in=OutboundEmail.FINISHED).filter(
            Q(sent_at__lte=cutoff) | Q(sent_at__isnull=True, created_at__lte=cutoff)
        )

    def resendable(self):
        return self.filter(status__in=OutboundEmail.RESENDABLE)

    def get_for(self, user, pk, write=False):
        """Load one message for `user`: 404 for those who may not see the
        outbox, 403 for those who may see it but not send again."""
        email = self.filter(pk=pk).first() if user.has_perm("core.view_outboundemail") else None
        if email is None:
            raise Http404
        if write and not user.has_perm("core.change_outboundemail"):
            raise PermissionDenied(_("You may look at the outbox but not send messages again."))
        return email


class OutboundEmail(models.Model):
    """One message on its way out.

    Every email goes through this table and a background task, so that a slow
    or failing provider never breaks the request that caused it, and a failed
    send is tried again with growing delays.

    Delivery is at most once per row: a worker first claims the row (QUEUED or
    RETRYING -> SENDING, committed) and only then hands the message to the
    provider. A row whose worker dies after the claim is never sent again by the
    machine: it becomes INTERRUPTED, and a coordinator decides in the outbox
    listing whether to send it again. A row still QUEUED and never claimed was
    provably never handed over, so the periodic recovery queues it again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Waiting to retry")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        INTERRUPTED = "interrupted", _("Interrupted, may have been sent")
        # An SMS provider's delivery report said the phone received it.
        DELIVERED = "delivered", _("Delivered")

    class Channel(models.TextChoices):
        # Both channels share the queue, the claim, the retry schedule, recovery,
        # the purge and the listing; only the transport differs (see tasks.py).
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message (SMS)")

    SENDABLE = (Status.QUEUED, Status.RETRYING)
    RESENDABLE = (Status.FAILED, Status.BOUNCED, Status.INTERRUPTED)
    FINISHED = (Status.SENT, Status.DELIVERED, Status.FAILED, Status.BOUNCED, Status.INTERRUPTED)

    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.EMAIL)
    kind = models.CharField(_("kind"), max_length=100, blank=True, db_index=True)
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "content": <base64>, "mimetype": ...}]
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("handed to the provider"), null=True, blank=True)
    provider_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # SMS: how many segments the provider bills (GSM-7 or UCS-2, see core.sms.segments).
    segments = models.PositiveSmallIntegerField(_("SMS segments"), default=0)
    # Set for messages that must go at most once per occasion (a reminder for one
    # session): a second queueing of the same key is ignored by the database.
    dedup_key = models.CharField(max_length=150, blank=True, editable=False)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_retry_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["dedup_key"], condition=~Q(dedup_key=""), name="outbox_once_per_key"
            )
        ]

    def __str__(self):
        return f"{self.subject or self.get_kind_display()} → {self.recipients}"

    def get_kind_display(self) -> str:
        return self.kind

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)

    recipients.fget.short_description = _("recipient")

    @property
    def max_attempts(self) -> int:
        return len(app_settings.EMAIL_RETRY_DELAYS) + 1

    @property
    def can_resend(self) -> bool:
        return self.status in self.RESENDABLE

    def requeue(self) -> bool:
        """Put a failed, bounced or interrupted row back in the queue (a person
        decided it should be sent again). Returns False when the row was not in
        such a state any more (someone else resent it first)."""
        updated = OutboundEmail.objects.filter(pk=self.pk, status__in=self.RESENDABLE).update(
            status=self.Status.QUEUED,
            next_attempt_at=None,
            claimed_at=None,
        )
        if updated:
            self.refresh_from_db()
        return bool(updated)


# The outbox holds every channel; the historical name stays for the migrations and imports.
OutboundMessage = OutboundEmail


class MessageText(PreviewableMixin, TranslatableMixin, models.Model):
    """An editor's text for one kind of message (`samverka.core.messages`), in one
    language. Swedish is the source; the other languages are its translations
    (wagtail-localize). No row: the built-in, fully translated template. A blank
    field: that part keeps its built-in text. See `samverka.core.message_texts`."""

    kind = models.CharField(_("message"), max_length=100)
    subject = models.CharField(_("email subject"), max_length=255, blank=True)
    body = models.TextField(_("email text"), blank=True)
    sms = models.TextField(_("text message (SMS)"), blank=True)

    # wagtail-localize: the kind is the same in every language; the texts are translated
    # (segments, PO files, machine translation) like a page's.
    translatable_fields = [
        SynchronizedField("kind"),
        TranslatableField("subject"),
        TranslatableField("body"),
        TranslatableField("sms"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("message text")
        verbose_name_plural = _("message texts")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "locale"], name="message_text_once_per_locale")
        ]

    def __str__(self):
        from . import messages

        kind = messages.KINDS.get(self.kind)
        return str(kind.label) if kind else self.kind

    def clean(self):
        """Placeholders are checked here, for every way a text arrives: the edit form, and
        a translation wagtail-localize publishes (from the translation editor, a PO file or
        machine translation), which it validates first. A broken placeholder is shown on its
        segment and nothing of the translation is published."""
        from . import message_texts, messages

        kind = messages.KINDS.get(self.kind)
        if kind is None or not kind.in_cms:
            return
        errors = {}
        for part in message_texts.parts_of(kind):
            text = (getattr(self, part) or "").strip()
            found = message_texts.problems(kind, text, part) if text else []
            if found:
                errors[part] = found
        if errors:
            raise ValidationError(errors)

    # The edit form's live preview: the texts as typed, with sample values.
    def get_preview_template(self, request, mode_name):
        return "core/admin/message_text_live_preview.html"

    def get_preview_context(self, request, mode_name):
        from . import message_admin, messages

        kind = messages.KINDS.get(self.kind)
        return {
            "object": self,
            "kind": kind,
            "parts": message_admin.preview_parts(kind, self) if kind and kind.in_cms else [],
        }
