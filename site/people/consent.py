"""Consent: immutable published versions per purpose, and each person's record of consent.

A `ConsentVersion` is the text shown for one purpose (volunteering, kompis, programmes) in
Swedish and in the site's other languages. Once published it is never changed: a change is a
new version, and publishing it asks everyone who consented to an earlier version of that purpose
to consent again (volunteers at their next visit, newcomers through a coordinator). A
`ConsentRecord` says who agreed to which version, when and how; records are only ever added.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PublishedConsentError(ValidationError):
    pass


class ConsentVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def current(self, purpose: str):
        return self.published().filter(purpose=purpose).order_by("-version").first()


class ConsentVersion(models.Model):
    class Purpose(models.TextChoices):
        VOLUNTEERING = "volunteering", _("Volunteering")
        KOMPIS = "kompis", _("Kompis matching")
        PROGRAMMES = "programmes", _("Programmes and courses")

    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose)
    version = models.PositiveIntegerField(_("version"), editable=False)
    text = models.TextField(_("text (Swedish)"))
    # The text in the site's other languages: {"en": "...", "ar": "..."}; edited as one text
    # box per language (see ConsentVersionForm), never as JSON.
    text_translations = models.JSONField(_("translations"), default=dict, blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Empty while a draft. Once published the text can no longer be changed."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ConsentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "version"], name="people_unique_consent_version"
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("published_at", flat=True)
            if stored and stored[0] is not None:
                raise PublishedConsentError(
                    _("A published consent text cannot be changed. Write a new version instead.")
                )
        if self.version is None:
            with transaction.atomic():
                highest = (
                    type(self).objects.filter(purpose=self.purpose).aggregate(v=Max("version"))["v"]
                )
                self.version = (highest or 0) + 1
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def localized_text(self, language: str | None = None) -> str:
        language = language or get_language() or "sv"
        return (self.text_translations or {}).get(language) or self.text

    def missing_languages(self) -> list[str]:
        translations = self.text_translations or {}
        return [
            code
            for code, _name in settings.LANGUAGES
            if code != "sv" and not (translations.get(code) or "").strip()
        ]

    def publish(self, at=None):
        """Publish a draft. From now on the text is fixed and people who consented to an earlier
        version of the purpose are asked again."""
        if self.is_published:
            return
        at = at or timezone.now()
        type(self).objects.filter(pk=self.pk, published_at__isnull=True).update(published_at=at)
        self.published_at = at

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise PublishedConsentError(_("A published consent text cannot be deleted."))
        return super().delete(*args, **kwargs)


class ConsentRecord(models.Model):
    """One person's (or volunteer's) consent to one version. Never changed or overwritten: a
    new consent is a new record, so the history shows every version someone agreed to."""

    class Method(models.TextChoices):
        ONLINE = "online", _("On a form online")
        PAPER = "paper", _("On paper")
        ORAL = "oral", _("Orally, recorded by a coordinator")

    # The subject is a `people.Person` or an `associations.Volunteer` (both have
    # `ConsentFields`); a generic relation because people imports no app.
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    version = models.ForeignKey(
        ConsentVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    method = models.CharField(_("how"), max_length=10, choices=Method)
    language = models.CharField(_("language of the text shown"), max_length=10, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="consent_subject_idx")]

    def __str__(self):
        return f"{self.version} ({self.get_method_display()}, {self.given_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A consent record is never changed; record a new one."))
        if not self.version.is_published:
            raise ValidationError(_("Only a published consent text can be agreed to."))
        return super().save(*args, **kwargs)

    @classmethod
    def record_for_all(cls, subjects, version, method, *, at=None, recorded_by=None) -> int:
        """One record each for many people or volunteers at once (imports, demo data)."""
        subjects = list(subjects)
        if not subjects:
            return 0
        subject_type = ContentType.objects.get_for_model(subjects[0])
        at = at or timezone.now()
        records = cls.objects.bulk_create(
            cls(
                subject_type=subject_type,
                subject_id=subject.pk,
                version=version,
                method=method,
                given_at=at,
                recorded_by=recorded_by,
            )
            for subject in subjects
        )
        return len(records)
