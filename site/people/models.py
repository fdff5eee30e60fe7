"""People: the Person every app refers to, and the field groups shared with volunteers.

A `Person` is one resident the municipality works with: a newcomer waiting for a kompis
(`mentors.Newcomer` is their kompis profile), a programme participant (`events.Participant`),
an intern, later a coaching client. Name, phone, email, languages, district and consent are
stored here once. `associations.Volunteer` keeps its own model but is built from the same
field groups (`ContactFields`, `LocationFields`, `ConsentFields`), so a phone number or a
district means the same thing on both.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from . import vocabulary
from .consent import ConsentRecord, ConsentVersion
from .fields import LanguageLevelsField
from .municipalities import (  # the municipality a record belongs to lives in municipalities.py
    District,
    Municipality,
    MunicipalityRole,
    check_district,
    default_municipality_pk,
)
from .outcomes import Outcome  # the one outcome model (outcomes.py)
from .retention import RetentionPeriod  # retention periods live in retention.py
from .verification import PhoneVerification  # one-time codes by SMS


class ContactFields(models.Model):
    """Name and how to reach someone: stored once per person, phone in E.164."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = PhoneNumberField(
        _("phone"),
        region="SE",
        blank=True,
        db_index=True,
        help_text=_("A Swedish number (070-123 45 67) or one with a country code (+46…)."),
    )
    email = models.EmailField(_("email"), blank=True, db_index=True)
    preferred_language = models.CharField(
        _("language for messages"), max_length=10, choices=vocabulary.SITE_LANGUAGES, default="sv"
    )

    class Meta:
        abstract = True

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    full_name.fget.short_description = _("name")  # the admin listings' column heading

    @property
    def phone_display(self) -> str:
        """The phone number as people write it: national form for Swedish numbers."""
        phone = self.phone
        if not phone:
            return ""
        if not phone.is_valid():
            return str(phone.raw_input or phone)
        return phone.as_national if phone.country_code == 46 else phone.as_international


class LocationFields(models.Model):
    """Where someone lives, as coarsely as matching needs: the district and its centre."""

    district = models.CharField(_("district"), max_length=100, blank=True, db_index=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    # Approximate position (the district's centre), never the home address.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        abstract = True

    def place_at_district_centre(self):
        self.latitude, self.longitude = vocabulary.centroid(self.district)


class ConsentQuerySet(models.QuerySet):
    """For models with `ConsentFields`."""

    def consented_to(self, version: ConsentVersion):
        return self.filter(consent_records__version=version)

    def missing_current_consent(self, purpose: str):
        """Who consented to an earlier version of this purpose but not yet to the current one:
        the people to ask again."""
        current = ConsentVersion.objects.current(purpose)
        queryset = self.filter(consent_records__version__purpose=purpose)
        if current is not None:
            queryset = queryset.exclude(consent_records__version=current)
        return queryset.distinct()


class ConsentFields(models.Model):
    """A consent history (`ConsentRecord`, never overwritten) per person or volunteer."""

    consent_records = GenericRelation(
        ConsentRecord, content_type_field="subject_type", object_id_field="subject_id"
    )

    class Meta:
        abstract = True

    def record_consent(
        self, version: ConsentVersion, method: str, *, recorded_by=None, at=None, language=""
    ) -> ConsentRecord:
        """Add to the history (the row must be saved). Earlier records stay as they are."""
        return self.consent_records.create(
            version=version,
            method=method,
            recorded_by=recorded_by,
            given_at=at or timezone.now(),
            language=language or "",
        )

    def consent_history(self) -> list[ConsentRecord]:
        """Every consent, newest first (uses a prefetch of ``consent_records`` when there is
        one, with ``version``)."""
        records = list(self.consent_records.all())
        return sorted(records, key=lambda r: (r.given_at, r.pk), reverse=True)

    def latest_consent(self, purpose: str) -> ConsentRecord | None:
        for record in self.consent_history():
            if record.version.purpose == purpose:
                return record
        return None

    def has_current_consent(self, purpose: str) -> bool:
        current = ConsentVersion.objects.current(purpose)
        latest = self.latest_consent(purpose)
        return latest is not None and (current is None or latest.version_id == current.pk)


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Other")
    UNSTATED = "unstated", _("Prefer not to say")


class Household(models.TextChoices):
    ALONE = "alone", _("Living alone")
    COUPLE = "couple", _("Couple")
    WITH_CHILDREN = "with_children", _("With children")


class MessageChannel(models.TextChoices):
    AUTO = "auto", _("Email if they have one, otherwise text message")
    SMS = "sms", _("Text message (SMS)")
    EMAIL = "email", _("Email")
    BOTH = "both", _("Both")


class PersonQuerySet(ConsentQuerySet):
    def matching_phone(self, phone):
        return self.filter(phone=phone) if phone else self.none()

    def search_contact(self, text: str):
        text = (text or "").strip()
        return self.filter(
            Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(email__icontains=text)
            | Q(phone__icontains=text.replace(" ", "").replace("-", "").lstrip("0"))
        )


class Person(ContactFields, LocationFields, ConsentFields):
    """One resident the municipality works with. Every app refers to this row for who the
    person is; what an app needs beyond it lives in that app's profile (`mentors.Newcomer`,
    `events.Participant`)."""

    Gender = Gender
    Household = Household
    MessageChannel = MessageChannel

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("Empty for people without an account (most are reached by phone)."),
    )
    home_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        default=default_municipality_pk,
        related_name="residents",
        help_text=_("The municipality the person lives in and whose coordinators see them."),
    )
    languages = LanguageLevelsField(_("languages"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, default=Gender.UNSTATED)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    date_of_settlement = models.DateField(
        _("settled in the municipality on"), null=True, blank=True
    )
    household = models.CharField(_("household"), max_length=20, choices=Household, blank=True)
    # Special categories of personal data: read and shown only where
    # `samverka.people.access.may_see_special_category` allows.
    faith_community = models.CharField(
        _("faith community"),
        max_length=200,
        blank=True,
        help_text=_("Only when the person asked for it to be noted (special category)."),
    )
    income_support = models.BooleanField(
        _("receives income support"),
        default=False,
        help_text=_("Försörjningsstöd. Sensitive: seen only by those allowed."),
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Set when the person was erased (Art. 17) or their retention period ran out: the row
    # stays for the statistics its profiles are counted by, without anything that names them.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    # How to reach them (samverka.core.notify): "auto" is email when they have one, else SMS.
    message_channel = models.CharField(
        _("messages by"), max_length=10, choices=MessageChannel, default=MessageChannel.AUTO
    )
    # Set when they answered STOP to a text message: never texted until they send START.
    sms_opt_out_at = models.DateTimeField(
        _("said no to text messages on"), null=True, blank=True, editable=False
    )
    phone_verified_at = models.DateTimeField(
        _("phone number confirmed on"), null=True, blank=True, editable=False
    )

    SPECIAL_CATEGORY_FIELDS = ("faith_community", "income_support")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "pk"]
        permissions = [
            ("view_special_category", _("Can see special-category data (faith, income support)"))
        ]

    def __str__(self):
        return self.full_name or f"#{self.pk}"

    def clean(self):
        super().clean()
        if self.home_municipality_id:
            check_district(self.home_municipality_id, self.district)

    def language_levels(self) -> dict[str, int]:
        return {code: int(level) for code, level in (self.languages or {}).items()}

    def language_names(self) -> list[tuple[str, int]]:
        return [
            (vocabulary.language_name(code), level)
            for code, level in sorted(self.language_levels().items(), key=lambda kv: -kv[1])
        ]

    @property
    def has_account(self) -> bool:
        return self.user_id is not None


__all__ = [
    "ConsentFields",
    "ConsentQuerySet",
    "ConsentRecord",
    "ConsentVersion",
    "ContactFields",
    "District",
    "Gender",
    "PhoneVerification",
    "Household",
    "LocationFields",
    "Municipality",
    "MunicipalityRole",
    "Outcome",
    "Person",
    "RetentionPeriod",
]
