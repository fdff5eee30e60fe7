"""Organisations on the collaboration platform, their representatives and the
volunteers they vouch for.

A `Volunteer` is one person; `Membership` is that person's link to one
organisation. An organisation sees its own memberships only, so one person can
volunteer through several organisations without any of them seeing the others.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.people import vocabulary
from samverka.people.fields import ChoiceListField, LanguageLevelsField
from samverka.people.models import (
    ConsentFields,
    ConsentQuerySet,
    ConsentRecord,
    ConsentVersion,
    ContactFields,
    LocationFields,
    Person,
)

from .fields import OrganisationNumberField
from .validators import LOGO_EXTENSIONS, validate_logo

# The one vocabulary (samverka.people.vocabulary), under the names this app used before.
LANGUAGE_CHOICES = vocabulary.LANGUAGES
LANGUAGE_NAMES = vocabulary.LANGUAGE_NAMES
WEEKDAYS = vocabulary.WEEKDAYS
DAY_PARTS = vocabulary.DAY_PARTS
AVAILABILITY_SLOTS = vocabulary.AVAILABILITY_SLOTS
AVAILABILITY_CHOICES = vocabulary.AVAILABILITY_CHOICES
availability_label = vocabulary.availability_label


RESERVED_SLUGS = {"register", "request-access", "volunteer", "invitation", "manage"}


class OrganisationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Organisation.Status.APPROVED)

    def listed(self):
        """What the public directory shows: approved and listed."""
        return self.approved().filter(is_listed=True)

    def pending(self):
        return self.filter(status=Organisation.Status.PENDING)

    def speaking(self, code: str):
        # JSON lists are matched on their quoted text, which works the same on
        # SQLite and PostgreSQL (SQLite has no JSON containment lookup).
        return self.filter(languages__icontains=f'"{code}"')

    def offering(self, activity: str):
        return self.filter(activities__icontains=f'"{activity}"')

    def serving(self, district: str):
        return self.filter(Q(district=district) | Q(districts_served__icontains=f'"{district}"'))

    def represented_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(representatives__user=user)

    def counts_by_kind(self) -> dict:
        return dict(
            self.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        FAITH_COMMUNITY = "faith_community", _("Faith community")
        COMPANY = "company", _("Company")
        PUBLIC_ACTOR = "public_actor", _("Public actor")
        STUDY_ASSOCIATION = "study_association", _("Study association")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")
        REJECTED = "rejected", _("Rejected")

    class Activity(models.TextChoices):
        LANGUAGE_CAFE = "language_cafe", _("Language café")
        HOMEWORK_HELP = "homework_help", _("Homework help")
        SPORT = "sport", _("Sport")
        WOMENS_GROUP = "womens_group", _("Women's group")
        JOB_COACHING = "job_coaching", _("Job coaching")
        MENTORS = "mentors", _("Mentors")
        BUDDY = "buddy", _("Buddy (kompis)")
        INTERNSHIPS = "internships", _("Internships")
        CHILDREN_YOUTH = "children_youth", _("Children and youth")
        CULTURE = "culture", _("Culture and music")
        COUNSELLING = "counselling", _("Advice and counselling")
        SECOND_HAND = "second_hand", _("Second-hand and clothing")
        STUDY_CIRCLE = "study_circle", _("Study circles")
        OUTDOORS = "outdoors", _("Outdoor life")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    organisation_number = OrganisationNumberField(
        _("organisation number"),
        unique=True,
        help_text=_("Ten digits, for example 802012-3454."),
        error_messages={
            "unique": _("An organisation with this organisation number is already registered.")
        },
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ASSOCIATION)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    is_listed = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("Only approved organisations are shown, and only when this is ticked."),
    )
    description = models.TextField(_("description (Swedish)"), blank=True)
    # {"en": "...", "ar": "..."}: optional translations of the description.
    description_translations = models.JSONField(
        _("description translations"), default=dict, blank=True
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="organisations/logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public email"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True, db_index=True)
    districts_served = models.JSONField(_("districts served"), default=list, blank=True)
    service_area = models.ManyToManyField(
        "people.Municipality",
        verbose_name=_("service area"),
        blank=True,
        related_name="organisations",
        help_text=_("The municipalities the organisation works in. Empty: all of them."),
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    activities = models.JSONField(_("activities offered"), default=list, blank=True)
    meeting_times = models.TextField(_("meeting times"), blank=True)
    # Contact person for the municipality: not shown publicly.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's email"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    iop_signed_on = models.DateField(_("IOP agreement signed on"), null=True, blank=True)
    iop_valid_until = models.DateField(_("IOP agreement valid until"), null=True, blank=True)
    decision_message = models.TextField(
        _("message to the organisation"),
        blank=True,
        help_text=_("Sent with the approval or rejection."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    internal_notes = models.TextField(_("internal notes (coordinators only)"), blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "is_listed", "name"], name="org_directory_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("associations:detail", args=[self.slug])

    def clean(self):
        super().clean()
        if (
            self.iop_signed_on
            and self.iop_valid_until
            and self.iop_valid_until < self.iop_signed_on
        ):
            raise ValidationError(
                {"iop_valid_until": _("The agreement cannot end before it was signed.")}
            )
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the site itself.")})
        unknown = set(self.activities or []) - set(self.Activity.values)
        if unknown:
            raise ValidationError(
                {"activities": _("Unknown activity: %s") % ", ".join(sorted(unknown))}
            )

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:200] or "organisation"
        slug, n = base, 2
        # The directory's own addresses (/organisations/register/ ...) are not free.
        while slug in RESERVED_SLUGS or (
            Organisation.objects.filter(slug=slug).exclude(pk=self.pk).exists()
        ):
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED and self.is_listed

    def localized_description(self, language: str | None = None) -> str:
        language = language or get_language() or "sv"
        return (self.description_translations or {}).get(language) or self.description

    def language_names(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.languages or []]

    def activity_labels(self) -> list[str]:
        labels = dict(self.Activity.choices)
        return [str(labels.get(code, code)) for code in self.activities or []]

    @property
    def iop_active(self) -> bool:
        today = timezone.localdate()
        return bool(
            self.iop_signed_on
            and self.iop_signed_on <= today
            and (self.iop_valid_until is None or self.iop_valid_until >= today)
        )

    def admins(self):
        return self.representatives.filter(role=Representative.Role.ADMIN)

    def admin_emails(self) -> list[str]:
        return [email for email in self.admins().values_list("user__email", flat=True) if email]

    def email_admins(self, kind: str, context: dict) -> int:
        """Queue one email per admin, each in the language that admin uses."""
        from samverka.core.notify import notify

        sent = 0
        for email, language in self.admins().values_list("user__email", "language"):
            if email:
                notify(email, kind, context, language=language or None)
                sent += 1
        return sent

    # -- decisions (coordinator) ------------------------------------------------

    def approve(self, by, message: str = "", listed: bool = True):
        self._decide(self.Status.APPROVED, by, message, listed=listed)

    def reject(self, by, message: str):
        self._decide(self.Status.REJECTED, by, message, listed=False)

    def suspend(self, by, message: str = ""):
        self._decide(self.Status.SUSPENDED, by, message, listed=False)

    def _decide(self, status, by, message, *, listed):
        with transaction.atomic():
            self.status = status
            self.is_listed = listed
            self.decision_message = message
            self.decided_at = timezone.now()
            self.decided_by = by
            self.save()
            self.email_admins(
                f"associations.organisation_{status}",
                {"organisation": self, "message": message},
            )


class Representative(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        CONTACT = "contact", _("Contact person")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="representations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.CONTACT)
    # The language the person used on the site when they joined: their emails use it.
    language = models.CharField(
        _("language"), max_length=10, choices=vocabulary.SITE_LANGUAGES, default="sv"
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["organisation__name", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="unique_representative_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.email} ({self.organisation})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN

    def is_last_admin(self) -> bool:
        return (
            self.is_admin
            and not self.organisation.representatives.filter(role=self.Role.ADMIN)
            .exclude(pk=self.pk)
            .exists()
        )


class VolunteerQuerySet(ConsentQuerySet):
    def vetted(self):
        return self.filter(status=Volunteer.Status.VETTED)

    def pending(self):
        return self.filter(status=Volunteer.Status.PENDING)

    def with_role(self, role: str):
        return self.filter(roles__icontains=f'"{role}"')

    def speaking(self, code: str):
        # languages is a dict {"sv": 5}; its keys appear quoted in the JSON text.
        return self.filter(languages__icontains=f'"{code}"')

    def of_organisation(self, organisation):
        return self.filter(memberships__organisation=organisation)


class Volunteer(ContactFields, LocationFields, ConsentFields):
    """One person who gives time, with or without an account. Built from the same field
    groups as `people.Person` (contact, location, consent history); consent is to the
    current "volunteering" version."""

    Gender = Person.Gender
    CONSENT_PURPOSE = ConsentVersion.Purpose.VOLUNTEERING
    ConsentMethod = ConsentRecord.Method

    class Role(models.TextChoices):
        BUDDY = "buddy", _("Buddy (kompis)")
        INTERNSHIP_MENTOR = "internship_mentor", _("Internship mentor")
        LANGUAGE_CAFE_HOST = "language_cafe_host", _("Language café host")
        EVENT_HELPER = "event_helper", _("Event helper")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for vetting")
        VETTED = "vetted", _("Vetted")
        INACTIVE = "inactive", _("Inactive")

    class Source(models.TextChoices):
        PUBLIC_FORM = "public_form", _("Public form")
        INVITATION = "invitation", _("Invited by an organisation")
        COORDINATOR = "coordinator", _("Registered by a coordinator")

    # Roles that involve children: a criminal-record extract must have been seen.
    ROLES_WITH_CHILDREN = {Role.BUDDY}

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, default=Gender.UNSTATED)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    languages = LanguageLevelsField(_("languages"))
    roles = ChoiceListField(_("roles"), item_choices=Role.choices)
    interests = ChoiceListField(_("interests"), vocabulary="interests")
    availability = ChoiceListField(_("availability"), vocabulary="availability")
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MaxValueValidator(3)],
        help_text=_("How many newcomers at the same time (0–3)."),
    )
    profession = models.CharField(_("profession"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    about = models.TextField(_("about me"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    source = models.CharField(
        _("registered through"), max_length=20, choices=Source, default=Source.PUBLIC_FORM
    )
    # The date an extract from the criminal-records register was seen. The
    # document itself is never stored.
    criminal_record_checked_on = models.DateField(
        _("criminal-record extract seen on"), null=True, blank=True
    )
    vetted_at = models.DateTimeField(_("vetted at"), null=True, blank=True)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vetted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def consent(self) -> ConsentRecord | None:
        """The latest consent to a volunteering text, or None."""
        return self.latest_consent(self.CONSENT_PURPOSE)

    @property
    def has_consent(self) -> bool:
        return self.consent is not None

    @property
    def needs_new_consent(self) -> bool:
        """Consented to an earlier text than the current one (or never)."""
        return not self.has_current_consent(self.CONSENT_PURPOSE)

    @property
    def needs_record_check(self) -> bool:
        return bool(set(self.roles or []) & self.ROLES_WITH_CHILDREN)

    def role_labels(self) -> list[str]:
        labels = dict(self.Role.choices)
        return [str(labels.get(code, code)) for code in self.roles or []]

    def language_levels(self) -> list[tuple[str, int]]:
        return [
            (str(LANGUAGE_NAMES.get(code, code)), level)
            for code, level in sorted((self.languages or {}).items(), key=lambda kv: -kv[1])
        ]

    def availability_labels(self) -> list[str]:
        return [availability_label(slot) for slot in self.availability or []]

    def anonymise(self):
        """Erase the person but keep what statistics need (district, roles,
        languages, capacity): the row stays, so counts over time stay right."""
        with transaction.atomic():
            self.first_name = "–"
            self.last_name = "–"
            self.email = ""
            self.phone = ""
            self.postcode = ""
            self.latitude = self.longitude = None
            self.birth_year = None
            self.gender = self.Gender.UNSTATED
            self.interests = []
            self.availability = []
            self.profession = ""
            self.about = ""
            self.user = None
            self.status = self.Status.INACTIVE
            self.anonymised_at = timezone.now()
            self.save()
            self.memberships.exclude(status=Membership.Status.ENDED).update(
                status=Membership.Status.ENDED, ended_at=timezone.now()
            )
            self.memberships.update(notes="")

    def vet(self, by):
        self.status = self.Status.VETTED
        self.vetted_at = timezone.now()
        self.vetted_by = by
        self.save(update_fields=["status", "vetted_at", "vetted_by", "updated_at"])


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)


class Membership(models.Model):
    """A volunteer's link to one organisation: all that organisation sees of them."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    # The organisation's own notes about this volunteer; no other organisation sees them.
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["volunteer__last_name", "volunteer__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "organisation"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.organisation}"


class Invitation(models.Model):
    """An emailed invitation to become a representative or a volunteer of an
    organisation. The link carries a signed token that expires and works once."""

    class Kind(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative")
        VOLUNTEER = "volunteer", _("Volunteer")

    SALT = "associations.invitation"
    MAX_AGE = 14 * 24 * 3600  # seconds

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    email = models.EmailField(_("email"))
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    role = models.CharField(
        _("representative role"),
        max_length=10,
        choices=Representative.Role,
        blank=True,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def token(self) -> str:
        return signing.dumps({"i": self.pk, "e": self.email.lower()}, salt=self.SALT)

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    def is_for(self, user) -> bool:
        """Whether ``user`` has proved they own the invited address.

        Holding the link is not enough for someone already signed in: a forwarded or
        leaked link would otherwise make any account a representative (with sight of
        members' data). The address must be verified on that account."""
        from allauth.account.models import EmailAddress

        return (
            user.is_authenticated
            and EmailAddress.objects.filter(
                user=user, email__iexact=self.email, verified=True
            ).exists()
        )

    def address_has_account(self) -> bool:
        """Whether some account already holds the invited address (then the invitee signs
        in to it instead of creating a second one)."""
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        User = get_user_model()
        return (
            User.objects.filter(email__iexact=self.email).exists()
            or EmailAddress.objects.filter(email__iexact=self.email).exists()
        )

    class Invalid(Exception):
        """The link is broken, expired or used; `message` says which, for the visitor."""

        def __init__(self, message):
            super().__init__(str(message))
            self.message = message

    @classmethod
    def from_token(cls, token: str):
        try:
            data = signing.loads(token, salt=cls.SALT, max_age=cls.MAX_AGE)
        except signing.SignatureExpired as error:
            raise cls.Invalid(
                _("This invitation has expired. Ask the organisation to send you a new one.")
            ) from error
        except signing.BadSignature as error:
            raise cls.Invalid(
                _("This invitation link is not valid. Check that you copied the whole link.")
            ) from error
        invitation = cls.objects.select_related("organisation").filter(pk=data.get("i")).first()
        if invitation is None or invitation.email.lower() != data.get("e"):
            raise cls.Invalid(_("This invitation has been withdrawn."))
        if invitation.is_used:
            raise cls.Invalid(
                _("This invitation has already been used. Log in, or ask for a new invitation.")
            )
        return invitation


class AccessRequest(models.Model):
    """Someone asks an already registered organisation's admins to become a representative."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        GRANTED = "granted", _("Granted")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="access_requests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organisation_access_requests",
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(status="pending"),
                name="one_pending_access_request",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation}"


__all__ = [
    "AVAILABILITY_SLOTS",
    "LANGUAGE_CHOICES",
    "LOGO_EXTENSIONS",
    "AccessRequest",
    "Invitation",
    "Membership",
    "Organisation",
    "Representative",
    "Volunteer",
]
