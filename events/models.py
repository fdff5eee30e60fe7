"""Events: pages, their dates, registrations, attendance, programmes, feedback.

An `EventPage` is one event or one recurring series (a weekly language café).
Its dates are `EventOccurrence` rows generated from the page's recurrence rule
and date changes, never a page per date. People register for one date; the
date's row is locked while seats are counted, so capacity holds under load.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models, transaction
from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from samverka.core.blocks import base_stream_blocks
from samverka.people import vocabulary

from .absence import Outcome, current_run
from .admin_forms import EVENT_LANGUAGES, EventPageForm
from .conf import PLACE_MODEL_SETTING, get_place_model
from .conf import settings as events_settings
from .recurrence import expand, validate_rule


def listing_changed() -> None:
    from .listing import listing_changed as bump

    bump()


def series_horizon_days() -> int:
    """How far ahead a series' dates exist as rows (the rest follow daily)."""
    return events_settings.HORIZON_DAYS


def anonymise_after_days() -> int:
    return events_settings.ANONYMISE_AFTER_DAYS


class RegistrationError(Exception):
    """A registration that cannot be made, with a message for the visitor."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


# --- Places ------------------------------------------------------------------


class Place(models.Model):
    """Where an event is held, on a site that has no place model of its own.

    Swappable like AUTH_USER_MODEL: SAMVERKA_EVENTS_PLACE_MODEL names the model events
    point at (default this one). The reference site points them at its meeting-place
    pages, and then this model has no table. Any place model offers `title` and
    `full_address`; see docs/architecture.md, "Plugin set".
    """

    title = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        swappable = PLACE_MODEL_SETTING
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def full_address(self) -> str:
        return self.address


def deferred_place_fields(prefix: str = "place__") -> list[str]:
    """The place's long fields that listings leave out (a meeting-place page's body),
    as lookups from `prefix`; none for a place model without them."""
    names = {field.name for field in get_place_model()._meta.concrete_fields}
    return [f"{prefix}{name}" for name in ("body",) if name in names]


def public_places():
    """The places visitors may see: every place, or the live ones when places are pages."""
    places = get_place_model()._default_manager.all()
    return places.live() if hasattr(places, "live") else places


# --- Pages -------------------------------------------------------------------


class EventIndexPage(Page):
    """ "What's on": the listing of upcoming dates with filters."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = events_settings.INDEX_PARENT_PAGE_TYPES
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request))
        return context


class EventPage(Page):
    """One event or a recurring series; its dates are `EventOccurrence` rows."""

    class Category(models.TextChoices):
        LANGUAGE_CAFE = "language_cafe", _("Language café")
        CIVIC_ORIENTATION = "civic_orientation", _("Civic-orientation session")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        MINGLE = "mingle", _("Mingle")
        INFORMATION_MEETING = "information_meeting", _("Information meeting")
        JOB_FAIR = "job_fair", _("Job fair")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        NEWCOMERS = "newcomers", _("Newcomers")
        WOMEN = "women", _("Women")
        YOUNG_PEOPLE = "young_people", _("Young people")
        FAMILIES = "families", _("Families with children")
        JOB_SEEKERS = "job_seekers", _("Job seekers")
        ORGANISATIONS = "organisations", _("Associations and employers")

    category = models.CharField(_("category"), max_length=30, choices=Category, db_index=True)
    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(base_stream_blocks(), blank=True, verbose_name=_("description"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organiser = models.ForeignKey(
        "associations.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Leave empty when the municipality organises the event."),
    )
    place = models.ForeignKey(
        events_settings.PLACE_MODEL,
        verbose_name=_("meeting place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    address = models.CharField(
        _("or address"),
        max_length=200,
        blank=True,
        help_text=_("Where the event is held when it is not at one of the meeting places."),
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    audience = models.CharField(
        _("for whom"), max_length=20, choices=Audience, default=Audience.EVERYONE
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, childcare, interpreters ..."),
    )
    # Dates
    starts_at = models.DateTimeField(_("first date and time"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(5)]
    )
    recurrence_rule = models.CharField(
        _("repeats"),
        max_length=200,
        blank=True,
        validators=[validate_rule],
        help_text=_(
            "A recurrence rule (RFC 5545), for example FREQ=WEEKLY;BYDAY=TU for every "
            "Tuesday or FREQ=MONTHLY;BYDAY=1WE for the first Wednesday of each month. "
            "Empty for a single date."
        ),
    )
    # Registration
    registration_required = models.BooleanField(_("registration"), default=True)
    capacity = models.PositiveIntegerField(
        _("seats per date"),
        null=True,
        blank=True,
        help_text=_("Empty for no limit."),
    )
    waitlist_enabled = models.BooleanField(_("waitlist when full"), default=True)
    registration_opens_days = models.PositiveIntegerField(
        _("registration opens (days before)"), default=60
    )
    registration_closes_hours = models.PositiveIntegerField(
        _("registration closes (hours before)"), default=0
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("audience"),
                FieldPanel("languages"),
                FieldPanel("organiser"),
            ],
            heading=_("What and for whom"),
        ),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("address"), FieldPanel("accessibility")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_minutes")]),
                FieldPanel("recurrence_rule"),
                InlinePanel("date_changes", label=_("Cancelled or moved dates")),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens_days"),
                        FieldPanel("registration_closes_hours"),
                    ]
                ),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
        FieldPanel("image"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.place_id and self.address:
            raise ValidationError({"address": _("Choose a meeting place or type an address.")})

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def location_text(self) -> str:
        if self.place_id:
            return f"{self.place.title}, {self.place.full_address}"
        return self.address

    @property
    def language_labels(self) -> list[str]:
        labels = dict(EVENT_LANGUAGES)
        return [str(labels.get(code, code)) for code in self.languages or []]

    @property
    def calendar_uid(self) -> str:
        return f"event-{self.translation_key}@samverka"

    def date_change_map(self) -> dict:
        return {
            change.original_date: (
                None if change.action == EventDateChange.Action.CANCEL else change.new_start
            )
            for change in self.date_changes.all()
        }

    def sync_occurrences(self, now=None) -> dict:
        """Create, move and cancel this event's date rows to match its rule.

        Idempotent: a second run changes nothing. Dates already past are left
        alone; a date the rule no longer gives is deleted, or cancelled if
        someone registered for it.
        """
        now = now or timezone.now()
        counts = {"created": 0, "changed": 0, "removed": 0}
        if self.locale.language_code != settings.LANGUAGE_CODE:
            return counts  # translations show the Swedish page's dates
        until = max(now, self.starts_at) + timedelta(days=series_horizon_days())
        planned = expand(
            self.starts_at,
            self.duration,
            self.recurrence_rule,
            until=until,
            exceptions=self.date_change_map(),
        )
        existing = {occ.original_start: occ for occ in self.occurrences.all()}
        to_create = []
        with transaction.atomic():
            for item in planned:
                status = (
                    EventOccurrence.Status.CANCELLED
                    if item.cancelled
                    else EventOccurrence.Status.SCHEDULED
                )
                occurrence = existing.pop(item.original_start, None)
                if occurrence is None:
                    to_create.append(
                        EventOccurrence(
                            event=self,
                            original_start=item.original_start,
                            start=item.start,
                            end=item.end,
                            status=status,
                        )
                    )
                elif occurrence.end < now:
                    continue
                elif (occurrence.start, occurrence.end, occurrence.status) != (
                    item.start,
                    item.end,
                    status,
                ):
                    became_cancelled = (
                        status == EventOccurrence.Status.CANCELLED and occurrence.status != status
                    )
                    moved = occurrence.start != item.start
                    occurrence.start, occurrence.end, occurrence.status = (
                        item.start,
                        item.end,
                        status,
                    )
                    occurrence.save(update_fields=["start", "end", "status"])
                    if became_cancelled or moved:
                        occurrence.tell_registrants_of_change()
                    counts["changed"] += 1
            EventOccurrence.objects.bulk_create(to_create)
            counts["created"] = len(to_create)
            for occurrence in existing.values():
                if occurrence.end < now or occurrence.original_start > until:
                    continue
                if occurrence.registrations.exists():
                    if occurrence.status != EventOccurrence.Status.CANCELLED:
                        occurrence.status = EventOccurrence.Status.CANCELLED
                        occurrence.save(update_fields=["status"])
                        occurrence.tell_registrants_of_change()
                        counts["removed"] += 1
                else:
                    occurrence.delete()
                    counts["removed"] += 1
            transaction.on_commit(listing_changed)
        return counts

    @property
    def source(self) -> EventPage:
        """The Swedish page, which owns the dates; translations show its dates."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return (
            EventPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .select_related("place", "organiser")
            .first()
            or self
        )

    def calendar_links(self) -> list[dict]:
        from django.urls import reverse

        links = [
            {
                "title": _("%(category)s (calendar)") % {"category": self.get_category_display()},
                "url": reverse("events:feed_category", args=[self.category]),
            }
        ]
        if self.place_id:
            links.append(
                {
                    "title": _("Events at %(place)s (calendar)") % {"place": self.place.title},
                    "url": reverse("events:feed_place", args=[self.place_id]),
                }
            )
        if self.organiser_id:
            links.append(
                {
                    "title": _("Events by %(name)s (calendar)") % {"name": self.organiser.name},
                    "url": reverse("events:feed_organiser", args=[self.organiser_id]),
                }
            )
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source = self.source
        now = timezone.now()
        context["source"] = source
        context["dates"] = (
            source.occurrences.filter(end__gte=now).with_seats().order_by("start")[:12]
        )
        context["feedback"] = FeedbackResponse.objects.filter(event=source).summary()
        context["calendar_links"] = source.calendar_links()
        return context


class EventDateChange(Orderable):
    """One date of a series cancelled or moved."""

    class Action(models.TextChoices):
        CANCEL = "cancel", _("Cancelled")
        MOVE = "move", _("Moved")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="date_changes")
    original_date = models.DateField(_("date in the series"))
    action = models.CharField(_("change"), max_length=10, choices=Action, default=Action.CANCEL)
    new_start = models.DateTimeField(_("new date and time"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("action")]),
        FieldPanel("new_start"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("date change")

    def clean(self):
        if self.action == self.Action.MOVE and not self.new_start:
            raise ValidationError({"new_start": _("Give the new date and time.")})


# --- Dates -------------------------------------------------------------------


class EventOccurrenceQuerySet(models.QuerySet):
    def locked(self, pk) -> EventOccurrence:
        """The date's row, locked until the surrounding transaction ends.

        PostgreSQL: SELECT ... FOR UPDATE. SQLite has no row locks and would
        fail a transaction that reads first and writes later ("database is
        locked") when another writer got in between; a write as the first
        statement takes the database's write lock at once, waiting for it
        within the busy timeout instead.
        """
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {EventOccurrence._meta.db_table} SET id = id WHERE id = %s",  # noqa: S608 - table name from the model
                    [pk],
                )
        return self.select_for_update().get(pk=pk)

    def public(self):
        return self.filter(event__live=True, event__view_restrictions__isnull=True)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def scheduled(self):
        return self.filter(status=EventOccurrence.Status.SCHEDULED)

    def with_seats(self):
        return self.annotate(
            seats_taken=Coalesce(
                Sum(
                    "registrations__people",
                    filter=Q(registrations__status=Registration.Status.CONFIRMED),
                ),
                0,
            )
        )


class EventOccurrence(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="occurrences"
    )
    original_start = models.DateTimeField(_("date in the series"))
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SCHEDULED)
    capacity = models.PositiveIntegerField(
        _("seats on this date"),
        null=True,
        blank=True,
        help_text=_("Empty to use the event's number of seats."),
    )

    objects = EventOccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("event date")
        verbose_name_plural = _("event dates")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_start"], name="events_one_row_per_series_date"
            )
        ]
        indexes = [models.Index(fields=["status", "start"], name="events_occ_status_start")]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.event.title} {local:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.start != self.original_start

    @property
    def effective_capacity(self) -> int | None:
        return self.capacity if self.capacity is not None else self.event.capacity

    @property
    def registration_opens_at(self):
        return self.start - timedelta(days=self.event.registration_opens_days)

    @property
    def registration_closes_at(self):
        return self.start - timedelta(hours=self.event.registration_closes_hours)

    @property
    def seats_left(self) -> int | None:
        capacity = self.effective_capacity
        if capacity is None:
            return None
        taken = getattr(self, "seats_taken", None)
        if taken is None:
            taken = self.confirmed_seats()
        return max(capacity - taken, 0)

    def confirmed_seats(self) -> int:
        return self.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
            n=Coalesce(Sum("people"), 0)
        )["n"]

    def registration_state(self, now=None) -> str:
        """ "open", "cancelled", "past", "not_open", "closed" or "none"."""
        now = now or timezone.now()
        if not self.event.registration_required:
            return "none"
        if self.is_cancelled:
            return "cancelled"
        if self.start <= now:
            return "past"
        if now < self.registration_opens_at:
            return "not_open"
        if now >= self.registration_closes_at:
            return "closed"
        return "open"

    def check_open(self, now=None) -> None:
        state = self.registration_state(now)
        messages = {
            "none": _("This event needs no registration: just come."),
            "cancelled": _("This date is cancelled. Choose another date."),
            "past": _("This date has already taken place."),
            "not_open": _("Registration for this date has not opened yet."),
            "closed": _("Registration for this date has closed."),
        }
        if state != "open":
            raise RegistrationError(messages[state], state)

    def register(
        self,
        *,
        name: str,
        email: str = "",
        phone: str = "",
        people: int = 1,
        language: str = "",
        access_needs: str = "",
        user=None,
        organisation=None,
        registered_by=None,
        idempotency_key: str = "",
        now=None,
        notify: bool = True,
    ) -> tuple[Registration, bool]:
        """Register for this date: confirmed while seats last, then waitlisted.

        The date's row is locked while seats are counted, so concurrent
        registrations queue behind each other and capacity is never exceeded.
        Returns (registration, created); a repeated submit returns the first.
        """
        now = now or timezone.now()
        email = (email or "").strip().lower()
        with transaction.atomic():
            occurrence = EventOccurrence.objects.locked(self.pk)
            occurrence.event = self.event
            if idempotency_key:
                earlier = occurrence.registrations.filter(idempotency_key=idempotency_key).first()
                if earlier is not None:
                    return earlier, False
            active = occurrence.registrations.active()
            if user is not None and organisation is None:
                earlier = active.filter(user=user, organisation__isnull=True).first()
                if earlier is not None:
                    return earlier, False
            if email:
                earlier = active.filter(email=email).first()
                if earlier is not None:
                    return earlier, False
            occurrence.check_open(now)
            capacity = occurrence.effective_capacity
            if capacity is not None and people > capacity:
                raise RegistrationError(
                    _("This date has only %(n)s seats in all.") % {"n": capacity}, "too_many"
                )
            if capacity is None or occurrence.confirmed_seats() + people <= capacity:
                status = Registration.Status.CONFIRMED
            elif occurrence.event.waitlist_enabled:
                status = Registration.Status.WAITLISTED
            else:
                raise RegistrationError(
                    _("This date is full and has no waitlist. Choose another date."), "full"
                )
            registration = Registration.objects.create(
                occurrence=occurrence,
                user=user,
                organisation=organisation,
                registered_by=registered_by,
                name=name.strip(),
                email=email,
                phone=phone.strip(),
                people=people,
                language=language,
                access_needs=access_needs.strip(),
                status=status,
                idempotency_key=idempotency_key,
                consent_at=now,
                created_at=now,
            )
            registration.occurrence = occurrence
            transaction.on_commit(listing_changed)
            if notify:
                registration.notify(
                    "confirmed" if status == Registration.Status.CONFIRMED else "waitlisted"
                )
        return registration, True

    def promote_waitlist(self, now=None) -> list[Registration]:
        """Confirm waitlisted people in order while their party fits.

        Call with this date's row locked (inside `Registration.cancel`).
        """
        now = now or timezone.now()
        if self.start <= now or self.is_cancelled:
            return []
        capacity = self.effective_capacity
        waiting = self.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
            "created_at", "pk"
        )
        left = None if capacity is None else capacity - self.confirmed_seats()
        promoted = []
        for registration in waiting.select_for_update():
            if left is not None and registration.people > left:
                break
            registration.status = Registration.Status.CONFIRMED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at"])
            registration.occurrence = self
            registration.notify("promoted")
            promoted.append(registration)
            if left is not None:
                left -= registration.people
        return promoted

    def tell_registrants_of_change(self):
        for registration in self.registrations.active().select_related("occurrence__event"):
            registration.notify("changed")


# --- Registrations -------------------------------------------------------------


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        )

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED)

    def due_for_reminder(self, now=None):
        now = now or timezone.now()
        return self.confirmed().filter(
            reminded_at__isnull=True,
            occurrence__status=EventOccurrence.Status.SCHEDULED,
            occurrence__start__gt=now,
            occurrence__start__lte=now + timedelta(days=1),
        )

    def due_for_anonymising(self, now=None):
        now = now or timezone.now()
        return self.filter(
            user__isnull=True,
            anonymised_at__isnull=True,
            occurrence__end__lt=now - timedelta(days=anonymise_after_days()),
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    occurrence = models.ForeignKey(
        EventOccurrence,
        verbose_name=_("date"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        "associations.Organisation",
        verbose_name=_("delegate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_delegates",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=[MinValueValidator(1)]
    )
    language = models.CharField(
        _("language for messages"), max_length=10, choices=vocabulary.SITE_LANGUAGES, blank=True
    )
    access_needs = models.TextField(_("access needs"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, db_index=True)
    idempotency_key = models.CharField(max_length=64, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved from waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    feedback_requested_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="events_one_registration_per_submit",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "email"],
                condition=~Q(email="") & Q(status__in=["confirmed", "waitlisted"]),
                name="events_one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=Q(user__isnull=False, organisation__isnull=True)
                & Q(status__in=["confirmed", "waitlisted"]),
                name="events_one_active_registration_per_user",
            ),
        ]
        indexes = [models.Index(fields=["occurrence", "status"], name="events_reg_occ_status")]

    def __str__(self):
        return f"{self.name} – {self.occurrence}"

    @property
    def contact_email(self) -> str:
        if self.email:
            return self.email
        if self.user_id and self.user.email:
            return self.user.email
        return ""

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)

    def waitlist_position(self) -> int | None:
        if self.status != self.Status.WAITLISTED:
            return None
        return (
            Registration.objects.filter(
                occurrence_id=self.occurrence_id, status=self.Status.WAITLISTED
            )
            .filter(
                Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .count()
            + 1
        )

    def cancel(self, now=None) -> list[Registration]:
        """Cancel, then promote from the waitlist; returns who was promoted.

        Raises RegistrationError("already_cancelled") for a second cancellation.
        """
        now = now or timezone.now()
        with transaction.atomic():
            occurrence = EventOccurrence.objects.locked(self.occurrence_id)
            occurrence.event = EventPage.objects.get(pk=occurrence.event_id)
            fresh = Registration.objects.select_for_update().get(pk=self.pk)
            if fresh.status == self.Status.CANCELLED:
                raise RegistrationError(
                    _("This registration was already cancelled."), "already_cancelled"
                )
            if occurrence.end < now:
                raise RegistrationError(_("This date has already taken place."), "past")
            was_confirmed = fresh.status == self.Status.CONFIRMED
            fresh.status = self.Status.CANCELLED
            fresh.cancelled_at = now
            fresh.save(update_fields=["status", "cancelled_at"])
            self.status, self.cancelled_at = fresh.status, fresh.cancelled_at
            fresh.occurrence = occurrence
            transaction.on_commit(listing_changed)
            fresh.notify("cancelled")
            return occurrence.promote_waitlist(now) if was_confirmed else []

    def notify(self, kind: str) -> None:
        """Queue the email for `kind` (confirmed, waitlisted, promoted,
        cancelled, changed, reminder, feedback) if there is an address."""
        from .notifications import send_registration_email

        send_registration_email(self, kind)

    def anonymise(self, now=None) -> None:
        self.name = ""
        self.email = ""
        self.phone = ""
        self.access_needs = ""
        self.idempotency_key = ""
        self.anonymised_at = now or timezone.now()
        self.save(
            update_fields=[
                "name",
                "email",
                "phone",
                "access_needs",
                "idempotency_key",
                "anonymised_at",
            ]
        )


class CalendarToken(models.Model):
    """The secret in a person's private calendar address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("private calendar address")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user) -> CalendarToken:
        token, _created = cls.objects.get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(24)}
        )
        return token

    def renew(self) -> None:
        self.token = secrets.token_urlsafe(24)
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])


# --- Attendance ----------------------------------------------------------------


class Attendance(models.Model):
    """One person present at one date (at most one row per person and date)."""

    class Method(models.TextChoices):
        STAFF = "staff", _("Ticked by staff")
        SELF = "self", _("Checked in with code")
        WALK_IN = "walk_in", _("Walk-in")

    occurrence = models.ForeignKey(
        EventOccurrence, verbose_name=_("date"), on_delete=models.CASCADE, related_name="attendance"
    )
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_attendance",
    )
    participant = models.ForeignKey(
        "events.Participant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    method = models.CharField(_("how"), max_length=10, choices=Method)
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "registration"],
                condition=Q(registration__isnull=False),
                name="events_attendance_once_per_registration",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=Q(user__isnull=False),
                name="events_attendance_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "participant"],
                condition=Q(participant__isnull=False),
                name="events_attendance_once_per_participant",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.occurrence}"


# --- Programmes ------------------------------------------------------------------


class ParticipantQuerySet(models.QuerySet):
    def for_person(self, person) -> Participant:
        """The person's participant profile, made on first enrolment."""
        participant, _created = self.get_or_create(person=person)
        return participant


class ParticipantManager(models.Manager.from_queryset(ParticipantQuerySet)):
    # Lists of participants show names: the Person comes in the same query.
    def get_queryset(self):
        return super().get_queryset().select_related("person")


class Participant(models.Model):
    """A person's programme profile: their enrolments and attendance hang on it. Who they are
    (name, phone, email, language, account) is the `people.Person`; the read-only properties
    pass it through. Many have no account and no email."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="participant",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ParticipantManager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["person__first_name", "person__last_name", "pk"]

    def __str__(self):
        return self.name

    name = property(lambda self: self.person.full_name)
    phone = property(lambda self: self.person.phone)
    email = property(lambda self: self.person.email)
    language = property(lambda self: self.person.preferred_language)
    user = property(lambda self: self.person.user)
    user_id = property(lambda self: self.person.user_id)


class Programme(models.Model):
    """A course group or drop-in whose sessions are one event's dates."""

    class Kind(models.TextChoices):
        DROP_IN = "drop_in", _("Job corner / drop-in")
        CIVIC_ORIENTATION = "civic_orientation", _("Civic-orientation course")
        OTHER = "other", _("Other programme")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DROP_IN)
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("sessions"),
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("The event whose dates are this programme's sessions."),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_programmes",
        help_text=_("Told by email when a participant is flagged."),
    )
    absence_limit = models.PositiveSmallIntegerField(
        _("flag after absences in a row"),
        default=4,
        help_text=_("0 turns the absence rule off. The platform flags; people decide."),
    )
    hours_goal = models.PositiveSmallIntegerField(
        _("hours goal"),
        default=0,
        help_text=_("100 for civic orientation (the law's minimum). 0 for none."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def hours_by_participant(self) -> dict[int, float]:
        """Hours attended per participant id, from one query."""
        minutes: dict[int, float] = {}
        rows = Attendance.objects.filter(
            occurrence__event_id=self.event_id, participant__isnull=False
        ).values_list("participant_id", "occurrence__start", "occurrence__end")
        for participant_id, start, end in rows:
            minutes[participant_id] = minutes.get(participant_id, 0) + (
                (end - start).total_seconds() / 60
            )
        return {pk: round(value / 60, 1) for pk, value in minutes.items()}

    def sessions(self, now=None):
        """Sessions that have ended (and so count for attendance)."""
        now = now or timezone.now()
        return self.event.occurrences.scheduled().filter(end__lte=now).order_by("start")

    def evaluate(self, now=None) -> list[Enrolment]:
        """Derive absences for ended sessions and flag long runs; returns newly
        flagged enrolments. Idempotent; a few queries whatever the size."""
        now = now or timezone.now()
        sessions = list(self.sessions(now).only("id", "start", "end"))
        enrolments = list(self.enrolments.active().select_related("participant"))
        participant_ids = [e.participant_id for e in enrolments]
        present = set(
            Attendance.objects.filter(
                occurrence__in=[s.pk for s in sessions], participant_id__in=participant_ids
            ).values_list("participant_id", "occurrence_id")
        )
        absences = {
            (a.enrolment_id, a.occurrence_id): a
            for a in Absence.objects.filter(enrolment__programme=self)
        }
        new_absences, flagged = [], []
        for enrolment in enrolments:
            outcomes = []
            for session in sessions:
                if session.start.date() < enrolment.enrolled_on:
                    continue
                if (enrolment.participant_id, session.pk) in present:
                    outcomes.append((session.pk, Outcome.ATTENDED))
                    continue
                absence = absences.get((enrolment.pk, session.pk))
                if absence is None:
                    absence = Absence(enrolment=enrolment, occurrence=session)
                    new_absences.append(absence)
                outcomes.append(
                    (session.pk, Outcome.EXCUSED if absence.is_valid else Outcome.ABSENT)
                )
            run, run_start = current_run(outcomes)
            if enrolment.absence_streak != run:
                enrolment.absence_streak = run
                enrolment.save(update_fields=["absence_streak"])
            if (
                self.absence_limit
                and run >= self.absence_limit
                and enrolment.flagged_run_start_id != run_start
            ):
                enrolment.flag(run_start, now)
                flagged.append(enrolment)
        Absence.objects.bulk_create(new_absences, ignore_conflicts=True)
        return flagged


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)

    def flagged(self):
        return self.filter(flagged_at__isnull=False)


class Enrolment(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="enrolments"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    absence_streak = models.PositiveSmallIntegerField(_("absences in a row"), default=0)
    flagged_at = models.DateTimeField(_("flagged"), null=True, blank=True)
    flagged_run_start = models.ForeignKey(
        EventOccurrence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = [
            "programme",
            "participant__person__first_name",
            "participant__person__last_name",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "participant"], name="events_one_enrolment_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.participant} – {self.programme}"

    def flag(self, run_start_id, now) -> None:
        self.flagged_at = now
        self.flagged_run_start_id = run_start_id
        self.save(update_fields=["flagged_at", "flagged_run_start"])
        coordinator = self.programme.coordinator
        if coordinator is not None and coordinator.email:
            from samverka.core.email import queue_email

            queue_email(
                coordinator.email,
                "events/email/absence_flag",
                {"enrolment": self, "programme": self.programme, "streak": self.absence_streak},
                language="sv",
            )

    def attended_sessions(self):
        return (
            EventOccurrence.objects.filter(
                event_id=self.programme.event_id, attendance__participant_id=self.participant_id
            )
            .order_by("start")
            .distinct()
        )

    def hours_attended(self) -> float:
        total = timedelta()
        for start, end in self.attended_sessions().values_list("start", "end"):
            total += end - start
        return round(total.total_seconds() / 3600, 1)

    def progress_percent(self) -> int | None:
        goal = self.programme.hours_goal
        if not goal:
            return None
        return min(100, int(self.hours_attended() * 100 / goal))


class Absence(models.Model):
    class Reason(models.TextChoices):
        NONE = "none", _("No reason given")
        ILLNESS = "illness", _("Illness")
        JOB_INTERVIEW = "job_interview", _("Job interview")
        SFI_EXAM = "sfi_exam", _("SFI exam")
        OTHER_VALID = "other_valid", _("Other valid reason")

    VALID_REASONS = {Reason.ILLNESS, Reason.JOB_INTERVIEW, Reason.SFI_EXAM, Reason.OTHER_VALID}

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="absences"
    )
    occurrence = models.ForeignKey(
        EventOccurrence, verbose_name=_("session"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason, default=Reason.NONE)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["occurrence__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "occurrence"], name="events_one_absence_per_session"
            )
        ]

    def __str__(self):
        return f"{self.enrolment.participant} – {self.occurrence}"

    @property
    def is_valid(self) -> bool:
        return self.reason in self.VALID_REASONS


# --- Feedback --------------------------------------------------------------------


class FeedbackQuerySet(models.QuerySet):
    def summary(self) -> dict:
        """Counts and shares, as the seed articles quote them ("97 % very satisfied")."""
        data = self.aggregate(
            count=Count("id"),
            average=Avg("satisfaction"),
            very_satisfied=Count("id", filter=Q(satisfaction=5)),
            satisfied=Count("id", filter=Q(satisfaction__gte=4)),
            job_answers=Count("id", filter=Q(job_knowledge__isnull=False)),
            job_agree=Count("id", filter=Q(job_knowledge__gte=4)),
        )
        count = data["count"] or 0

        def share(part, whole):
            return round(100 * part / whole) if whole else None

        return {
            "count": count,
            "average": round(data["average"], 1) if data["average"] is not None else None,
            "very_satisfied_percent": share(data["very_satisfied"], count),
            "satisfied_percent": share(data["satisfied"], count),
            "job_answers": data["job_answers"],
            "job_agree_percent": share(data["job_agree"], data["job_answers"]),
        }


class FeedbackResponse(models.Model):
    class Satisfaction(models.IntegerChoices):
        VERY_DISSATISFIED = 1, _("Very dissatisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        NEUTRAL = 3, _("Neither")
        SATISFIED = 4, _("Satisfied")
        VERY_SATISFIED = 5, _("Very satisfied")

    class Agreement(models.IntegerChoices):
        STRONGLY_DISAGREE = 1, _("Strongly disagree")
        DISAGREE = 2, _("Disagree")
        NEUTRAL = 3, _("Neither agree nor disagree")
        AGREE = 4, _("Agree")
        STRONGLY_AGREE = 5, _("Strongly agree")

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback"
    )
    occurrence = models.ForeignKey(
        EventOccurrence, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    registration = models.OneToOneField(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("How satisfied are you?"),
        choices=Satisfaction,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    job_knowledge = models.PositiveSmallIntegerField(
        _("I know better what a job in Sweden requires"),
        choices=Agreement,
        null=True,
        blank=True,
    )
    comment = models.TextField(_("Anything else you want to tell us?"), blank=True)
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} {self.satisfaction}/5"
