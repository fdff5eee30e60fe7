"""Events: pages, their dates, registrations, attendance, programmes, feedback.

An `EventPage` is one event or one recurring series (a weekly language café).
Its dates are `EventOccurrence` rows generated from the page's recurrence rule
and date changes, never a page per date. People register for one date; the
date's row is locked while seats are counted, so capacity holds under load.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import connection, models, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from samverka.core import my_pages_cache
from samverka.core.blocks import base_stream_blocks
from samverka.people import vocabulary
from samverka.people.fields import ChoiceListField
from samverka.people.municipalities import check_accepted, default_municipality_pk

from .absence import Outcome, current_run
from .admin_forms import EVENT_LANGUAGES, EventPageForm
from .conf import PLACE_MODEL_SETTING, get_place_model
from .conf import settings as events_settings
from .course import Topic
from .recurrence import expand, validate_rule
from .widgets import RepeatRuleWidget

CHECKIN_OPENS_BEFORE = timedelta(hours=1)
CHECKIN_CLOSES_AFTER = timedelta(minutes=30)


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
        DROP_IN = "drop_in", _("Drop-in")

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
                FieldPanel("recurrence_rule", widget=RepeatRuleWidget),
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
        dates = list(source.occurrences.filter(end__gte=now).with_seats().order_by("start")[:12])
        notes = date_change_notes(source, self)
        for occurrence in dates:
            original = timezone.localtime(occurrence.original_start).date()
            occurrence.change_note = notes.get(original)
        context["dates"] = dates
        context["feedback"] = FeedbackResponse.objects.filter(event=source).summary()
        context["calendar_links"] = source.calendar_links()
        return context


class EventDateChange(TranslatableMixin, Orderable):
    """One date of a series cancelled or moved, with a note for the participants.

    Translatable rows, like the meeting places' opening hours: a translated event has its
    own copy of each row (the same translation key); wagtail-localize translates the note
    segment by segment and keeps the date, the change and the new time in step with the
    Swedish page, which alone decides the dates (`date_change_map`).
    """

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

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("date change")
        verbose_name_plural = _("date changes")

    def clean(self):
        super().clean()
        if self.action == self.Action.MOVE and not self.new_start:
            raise ValidationError({"new_start": _("Give the new date and time.")})


def date_change_notes(source: EventPage, shown: EventPage | None = None) -> dict:
    """The notes of the changed dates of `source` (the Swedish event, which owns the dates)
    as the visitor reads them on `shown` (the page served: a translation, or the Swedish
    page itself): {original date: {"text", "lang", "fallback"}} (one query).

    A translation's own row gives the note in its language once a translator has translated
    it; until then (no row yet, or the Swedish text copied over) the Swedish note is given
    with lang "sv" and `fallback` set, for `langattrs` and the fallback notice.
    """
    shown = shown or source
    rows = EventDateChange.objects.filter(page_id__in={source.pk, shown.pk}).exclude(note="")
    own = {row.translation_key: row for row in rows if row.page_id == shown.pk}
    shown_language = shown.locale.language_code
    notes = {}
    for row in sorted(rows, key=lambda row: (row.sort_order or 0, row.pk)):
        if row.page_id != source.pk:
            continue
        translated = own.get(row.translation_key) if shown.pk != source.pk else None
        if translated is not None and translated.note.strip() and translated.note != row.note:
            notes[row.original_date] = {
                "text": translated.note,
                "lang": shown_language,
                "fallback": False,
            }
        else:
            notes[row.original_date] = {
                "text": row.note,
                "lang": settings.LANGUAGE_CODE,
                "fallback": shown.pk != source.pk,
            }
    return notes


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
        # A private programme's sessions (not listed) still run check-in and reminders,
        # which reach their dates through staff and kiosk views, never through this.
        return self.filter(event__live=True, event__view_restrictions__isnull=True).exclude(
            event__programmes__is_private=True
        )

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def scheduled(self):
        return self.filter(status=EventOccurrence.Status.SCHEDULED)

    def open_for_checkin(self, now=None):
        """Dates people can check in to now: from an hour before the start until
        half an hour after the end. A date further ahead cannot be checked in."""
        now = now or timezone.now()
        return self.scheduled().filter(
            start__lte=now + CHECKIN_OPENS_BEFORE, end__gte=now - CHECKIN_CLOSES_AFTER
        )

    def with_seats(self):
        """Each date with `seats_taken`, the people of its confirmed registrations: a
        subquery per row, so it goes with `only()`, windows and paging without a GROUP BY."""
        confirmed = (
            Registration.objects.filter(
                occurrence=OuterRef("pk"), status=Registration.Status.CONFIRMED
            )
            .order_by()
            .values("occurrence")
            .annotate(n=Sum("people"))
            .values("n")
        )
        return self.annotate(seats_taken=Coalesce(Subquery(confirmed), 0))


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
    # Civic orientation: what the session covers and who takes part (course.py).
    topics = ChoiceListField(
        _("civic-orientation topics"),
        item_choices=Topic.choices,
        help_text=_("The session's hours are shared between the topics it covers."),
    )
    organisations = models.ManyToManyField(
        "associations.Organisation",
        verbose_name=_("organisations taking part"),
        blank=True,
        related_name="sessions_taken_part_in",
        help_text=_("Employers and associations in the session, besides the organiser."),
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

    def checkin_has_opened(self, now=None) -> bool:
        """Check-in opens an hour before the start: a future date cannot be checked in."""
        return self.start - CHECKIN_OPENS_BEFORE <= (now or timezone.now())

    @property
    def is_moved(self) -> bool:
        return self.start != self.original_start

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels[t]) for t in self.topics or [] if t in labels]

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
        kind = "date_cancelled" if self.is_cancelled else "date_moved"
        for registration in self.registrations.active().select_related("occurrence__event"):
            registration.notify(kind)


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
        KIOSK = "kiosk", _("Checked in at a kiosk")
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
    """A course group or drop-in whose sessions are one event's dates.

    A programme may have slots (weekday and time, e.g. Tuesday 09:00 at the
    18 workstations): a participant is enrolled in chosen slots, and only the
    sessions of their own slots count for the absence rule. A programme
    without slots counts every session for everyone.
    """

    class Kind(models.TextChoices):
        DROP_IN = "drop_in", _("Job corner / drop-in")
        CIVIC_ORIENTATION = "civic_orientation", _("Civic-orientation course")
        OTHER = "other", _("Other programme")

    DEFAULT_ABSENCE_REASONS = [
        "illness",
        "job_interview",
        "sfi_exam",
        "internship",
        "parental_leave",
        "course",
        "other_valid",
    ]

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
    absence_reasons = models.JSONField(
        _("valid absence reasons"),
        default=list,
        blank=True,
        help_text=_(
            "The reasons coordinators may record for this programme. An absence with one "
            "of them neither counts nor breaks a run of absences."
        ),
    )
    is_private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_(
            "Not listed on the public site. Its sessions still work for check-in and reminders."
        ),
    )
    hours_goal = models.PositiveSmallIntegerField(
        _("hours goal"),
        default=0,
        help_text=_("100 for civic orientation (the law's minimum). 0 for none."),
    )
    description = models.TextField(_("description"), blank=True)
    # Whose course it is, and whose residents may join it (see samverka.people.municipalities).
    organising_municipality = models.ForeignKey(
        "people.Municipality",
        verbose_name=_("organising municipality"),
        on_delete=models.PROTECT,
        default=default_municipality_pk,
        related_name="programmes",
    )
    accepted_municipalities = models.ManyToManyField(
        "people.Municipality",
        verbose_name=_("also accepts participants from"),
        blank=True,
        related_name="accepted_programmes",
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        listing_changed()  # a programme made private leaves the listing at once

    def valid_reasons(self) -> set[str]:
        return set(self.absence_reasons or self.DEFAULT_ABSENCE_REASONS)

    def reason_choices(self) -> list[tuple[str, str]]:
        valid = self.valid_reasons()
        return [
            (value, label)
            for value, label in Absence.Reason.choices
            if value == Absence.Reason.NONE or value in valid
        ]

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

    def open_sessions(self, now=None):
        """Sessions open for check-in now (from an hour before until half an hour after)."""
        return EventOccurrence.objects.open_for_checkin(now).filter(event_id=self.event_id)

    def schedule(self) -> ProgrammeSchedule:
        """Who is booked on which slot and who is paused when, in three queries."""
        return ProgrammeSchedule(self)

    def derive_slots(self, capacity=None, room="") -> list[ProgrammeSlot]:
        """One slot per weekday and time the event's dates fall on (kept if there)."""
        keys = sorted({slot_key(o) for o in self.event.occurrences.only("start", "original_start")})
        existing = {slot.key: slot for slot in self.slots.all()}
        for weekday, at in keys:
            if (weekday, at) not in existing:
                existing[(weekday, at)] = ProgrammeSlot.objects.create(
                    programme=self, weekday=weekday, starts_at=at, capacity=capacity, room=room
                )
        return [existing[key] for key in keys]

    def enrol_many(self, entries, by=None) -> list[Enrolment]:
        """Enrol many people at once: `entries` are (person, slots, enrolled_on).

        All or nothing, in a fixed number of queries: the slots are locked,
        their places counted once, and rows are created in bulk. Raises
        ValidationError (people already enrolled, slots over their places)
        and saves nothing then.
        """
        entries = list(entries)
        with transaction.atomic():
            slot_ids = {slot.pk for _person, slots, _on in entries for slot in slots}
            _lock_rows(ProgrammeSlot, slot_ids)
            person_ids = [person.pk for person, _slots, _on in entries]
            # one query: who is enrolled already, and whose home municipality the course
            # does not accept (issue 12: a clear message, nothing saved)
            from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef

            from samverka.people.models import Person
            from samverka.people.municipalities import accepted_q

            checked = {
                pk: (enrolled, accepted, home)
                for pk, enrolled, accepted, home in Person.objects.filter(pk__in=person_ids)
                .annotate(
                    enrolled=Exists(self.enrolments.filter(participant__person_id=OuterRef("pk"))),
                    accepted=ExpressionWrapper(accepted_q(self), output_field=BooleanField()),
                )
                .values_list("pk", "enrolled", "accepted", "home_municipality__name")
            }
            already = {pk for pk, (enrolled, _a, _h) in checked.items() if enrolled}
            errors = [
                _("%(name)s is already enrolled.") % {"name": person.full_name}
                for person, _slots, _on in entries
                if person.pk in already
            ]
            errors += [
                _(
                    "%(name)s lives in %(home)s, which %(programme)s does not accept. Add "
                    "%(home)s to the course's accepted municipalities first."
                )
                % {"name": person.full_name, "home": checked[person.pk][2], "programme": self}
                for person, _slots, _on in entries
                if person.pk in checked and not checked[person.pk][1]
            ]
            slots = {
                slot.pk: slot
                for slot in ProgrammeSlot.objects.filter(pk__in=slot_ids, programme=self).annotate(
                    taken=Count("enrolments", filter=Q(enrolments__ended_on__isnull=True))
                )
            }
            if len(slots) != len(slot_ids):
                errors.append(_("A slot does not belong to this programme."))
            wanted: dict[int, int] = {}
            for _person, chosen, _on in entries:
                for slot in chosen:
                    wanted[slot.pk] = wanted.get(slot.pk, 0) + 1
            for pk, count in sorted(wanted.items()):
                slot = slots.get(pk)
                if slot and slot.capacity is not None and slot.taken + count > slot.capacity:
                    errors.append(
                        _("%(slot)s has %(left)s places left, not %(wanted)s.")
                        % {
                            "slot": slot,
                            "left": max(slot.capacity - slot.taken, 0),
                            "wanted": count,
                        }
                    )
            if errors:
                raise ValidationError(errors)
            existing = dict(
                Participant.objects.filter(person_id__in=person_ids).values_list("person_id", "pk")
            )
            missing = [Participant(person_id=pk) for pk in person_ids if pk not in existing]
            Participant.objects.bulk_create(missing)
            existing.update(
                Participant.objects.filter(person_id__in=person_ids).values_list("person_id", "pk")
            )
            taken_codes = set(self.enrolments.values_list("checkin_code", flat=True))
            free = [f"{n:04d}" for n in range(10_000) if f"{n:04d}" not in taken_codes]
            if len(free) < len(entries):
                raise ValidationError(_("The programme has no free check-in codes left."))
            codes = secrets.SystemRandom().sample(free, len(entries))
            enrolments = Enrolment.objects.bulk_create(
                [
                    Enrolment(
                        programme=self,
                        participant_id=existing[person.pk],
                        enrolled_on=on or timezone.localdate(),
                        checkin_code=code,
                    )
                    for (person, _slots, on), code in zip(entries, codes, strict=True)
                ]
            )
            if connection.vendor != "postgresql" or any(e.pk is None for e in enrolments):
                ids = dict(
                    self.enrolments.filter(participant__person_id__in=person_ids).values_list(
                        "participant__person_id", "pk"
                    )
                )
                for enrolment, (person, _slots, _on) in zip(enrolments, entries, strict=True):
                    enrolment.pk = ids[person.pk]
            Booking = Enrolment.slots.through
            Booking.objects.bulk_create(
                [
                    Booking(enrolment_id=enrolment.pk, programmeslot_id=slot.pk)
                    for enrolment, (_person, chosen, _on) in zip(enrolments, entries, strict=True)
                    for slot in chosen
                ]
            )
            # Written in bulk, without signals: the people's /my/ lists their enrolments.
            my_pages_cache.changed(person.user_id for person, _slots, _on in entries)
        return enrolments

    def evaluate(self, now=None) -> list[Enrolment]:
        """Derive absences for ended sessions of each participant's own slots and
        flag long runs; returns newly flagged enrolments. Idempotent; the same
        number of queries whatever the size (plus one write per flag)."""
        now = now or timezone.now()
        sessions = list(self.sessions(now).only("id", "event_id", "start", "end", "original_start"))
        schedule = self.schedule()
        enrolments = schedule.enrolments
        present = set(
            Attendance.objects.filter(
                occurrence__event_id=self.event_id,
                occurrence__end__lte=now,
                participant__isnull=False,
            ).values_list("participant_id", "occurrence_id")
        )
        reasons = {
            (enrolment_id, occurrence_id): reason
            for enrolment_id, occurrence_id, reason in Absence.objects.filter(
                enrolment__programme=self
            ).values_list("enrolment_id", "occurrence_id", "reason")
        }
        valid = self.valid_reasons()
        new_absences, flagged, changed = [], [], []
        for enrolment in enrolments:
            outcomes = []
            for session in schedule.sessions_for(enrolment, sessions):
                if (enrolment.participant_id, session.pk) in present:
                    outcomes.append((session.pk, Outcome.ATTENDED))
                    continue
                reason = reasons.get((enrolment.pk, session.pk))
                if reason is None:
                    new_absences.append(Absence(enrolment=enrolment, occurrence=session))
                    reason = Absence.Reason.NONE
                outcomes.append(
                    (session.pk, Outcome.EXCUSED if reason in valid else Outcome.ABSENT)
                )
            run, run_start = current_run(outcomes)
            if enrolment.absence_streak != run:
                enrolment.absence_streak = run
                changed.append(enrolment)
            if (
                self.absence_limit
                and run >= self.absence_limit
                and enrolment.flagged_run_start_id != run_start
            ):
                flagged.append((enrolment, run_start))
        Absence.objects.bulk_create(new_absences, ignore_conflicts=True, batch_size=1000)
        Enrolment.objects.bulk_update(changed, ["absence_streak"], batch_size=1000)
        for enrolment, run_start in flagged:
            enrolment.programme = self
            enrolment.flag(run_start, now)
        return [enrolment for enrolment, _start in flagged]


def slot_key(occurrence) -> tuple[int, time]:
    """(weekday, local start time) of a session's place in the series: a moved
    session still belongs to the slot it was planned in."""
    local = timezone.localtime(occurrence.original_start or occurrence.start)
    return local.weekday(), local.time().replace(second=0, microsecond=0)


class ProgrammeSchedule:
    """The slots, bookings and pauses of a programme's active enrolments, read once."""

    def __init__(self, programme, enrolments=None):
        self.programme = programme
        self.slots = list(programme.slots.all())
        self.enrolments = (
            list(programme.enrolments.active()) if enrolments is None else list(enrolments)
        )
        slot_by_id = {slot.pk: slot for slot in self.slots}
        self.booked: dict[int, set] = {}
        for enrolment_id, slot_id in Enrolment.slots.through.objects.filter(
            enrolment__programme=programme, enrolment__ended_on__isnull=True
        ).values_list("enrolment_id", "programmeslot_id"):
            self.booked.setdefault(enrolment_id, set()).add(slot_by_id[slot_id].key)
        self.pauses: dict[int, list] = {}
        for enrolment_id, starts_on, ends_on in EnrolmentPause.objects.filter(
            enrolment__programme=programme, enrolment__ended_on__isnull=True
        ).values_list("enrolment_id", "starts_on", "ends_on"):
            self.pauses.setdefault(enrolment_id, []).append((starts_on, ends_on))

    def is_paused(self, enrolment, day) -> bool:
        return any(start <= day <= end for start, end in self.pauses.get(enrolment.pk, ()))

    @staticmethod
    def facts(session) -> tuple:
        """(local date, slot key) of a session, worked out once per session: the
        time-zone conversion is the costly part of the loop over everyone."""
        facts = getattr(session, "_schedule_facts", None)
        if facts is None:
            facts = (timezone.localtime(session.start).date(), slot_key(session))
            session._schedule_facts = facts
        return facts

    def counts(self, enrolment, session) -> bool:
        """Whether `session` is one the participant was expected at."""
        day, key = self.facts(session)
        if day < enrolment.enrolled_on:
            return False
        if self.slots and key not in self.booked.get(enrolment.pk, ()):
            return False
        return not self.is_paused(enrolment, day)

    def sessions_for(self, enrolment, sessions):
        return [session for session in sessions if self.counts(enrolment, session)]


class ProgrammeSlot(models.Model):
    """A weekly slot of a programme: a weekday, a time and the seats of a room
    (Jobbhörnet's 18 workstations). The event's dates at that weekday and time
    are the slot's sessions."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="slots"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    starts_at = models.TimeField(_("starts at"))
    room = models.CharField(_("room or workstations"), max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty for no limit.")
    )

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["programme", "weekday", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "weekday", "starts_at"], name="events_one_slot_per_time"
            )
        ]

    def __str__(self):
        label = f"{self.get_weekday_display()} {self.starts_at:%H:%M}"
        return f"{label} ({self.room})" if self.room else label

    @property
    def key(self) -> tuple[int, time]:
        return self.weekday, self.starts_at.replace(second=0, microsecond=0)

    @classmethod
    def parse(cls, programme, text: str) -> ProgrammeSlot | None:
        """A slot of `programme` from "tue 09:00", "tisdag 9:00" or "1 09:00"."""
        from django.utils import translation

        parts = (text or "").strip().lower().split()
        if len(parts) != 2:
            return None
        word = parts[0].rstrip(".")
        matches = set()
        for value, label in cls.Weekday.choices:
            if word == str(value):
                matches.add(value)
            for code in ("sv", "en"):
                with translation.override(code):
                    full = str(label).lower()
                if len(word) >= 2 and full.startswith(word):
                    matches.add(value)
        weekday = matches.pop() if len(matches) == 1 else None
        try:
            hour, minute = (int(bit) for bit in parts[1].replace(".", ":").split(":"))
            at = time(hour, minute)
        except ValueError:
            return None
        if weekday is None:
            return None
        return next((s for s in programme.slots.all() if s.key == (weekday, at)), None)


class SlotFull(ValidationError):
    pass


def _lock_rows(model, pks) -> None:
    """Lock rows until the transaction ends (see EventOccurrenceQuerySet.locked)."""
    pks = sorted(pks)
    if not pks:
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {model._meta.db_table} SET id = id WHERE id = %s",  # noqa: S608 - table name from the model
                [pks[0]],
            )
    list(model.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk"))


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
    slots = models.ManyToManyField(
        ProgrammeSlot, verbose_name=_("slots"), blank=True, related_name="enrolments"
    )
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    checkin_code = models.CharField(
        _("check-in code"),
        max_length=4,
        blank=True,
        help_text=_("Four digits the participant types at the kiosk. Given at enrolment."),
    )
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
            ),
            models.UniqueConstraint(
                fields=["programme", "checkin_code"],
                condition=~Q(checkin_code=""),
                name="events_checkin_code_unique_in_programme",
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.programme}"

    def save(self, *args, **kwargs):
        if not self.checkin_code and self.programme_id:
            self.checkin_code = self.new_checkin_code()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.programme_id and self.participant_id:
            check_accepted(self.programme, self.participant.person)

    def new_checkin_code(self) -> str:
        """Four random digits not used by another participant of the programme."""
        taken = set(
            Enrolment.objects.filter(programme_id=self.programme_id)
            .exclude(pk=self.pk)
            .values_list("checkin_code", flat=True)
        )
        for _attempt in range(200):
            code = f"{secrets.randbelow(10_000):04d}"
            if code not in taken:
                return code
        raise ValidationError(_("The programme has no free check-in codes left."))

    def book(self, slots) -> None:
        """Enrol in exactly `slots` (replacing earlier ones), within their places.

        The slot rows are locked while places are counted, so two coordinators
        enrolling at once cannot overfill a slot. Raises SlotFull.
        """
        slots = list(slots)
        with transaction.atomic():
            _lock_rows(ProgrammeSlot, [slot.pk for slot in slots])
            taken = dict(
                ProgrammeSlot.objects.filter(pk__in=[slot.pk for slot in slots])
                .annotate(
                    n=Count(
                        "enrolments",
                        filter=Q(enrolments__ended_on__isnull=True) & ~Q(enrolments__pk=self.pk),
                    )
                )
                .values_list("pk", "n")
            )
            full = [s for s in slots if s.capacity is not None and taken[s.pk] >= s.capacity]
            if full:
                raise SlotFull(
                    _("No places left in %(slots)s.") % {"slots": ", ".join(map(str, full))},
                    code="slot_full",
                )
            self.slots.set(slots)

    def pause(self, starts_on, ends_on, reason, note="", by=None) -> EnrolmentPause:
        pause = EnrolmentPause(
            enrolment=self,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason,
            note=note,
            created_by=by,
        )
        with transaction.atomic():
            _lock_rows(Enrolment, [self.pk])  # two overlapping pauses cannot both pass clean()
            pause.full_clean()
            pause.save()
        return pause

    def flag(self, run_start_id, now) -> None:
        self.flagged_at = now
        self.flagged_run_start_id = run_start_id
        self.save(update_fields=["flagged_at", "flagged_run_start"])
        AbsenceFlag.objects.create(
            enrolment=self, run_start_id=run_start_id, streak=self.absence_streak, flagged_at=now
        )
        coordinator = self.programme.coordinator
        if coordinator is not None and coordinator.email:
            from samverka.core.notify import notify

            notify(
                coordinator.email,
                "events.absence_flag",
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


class EnrolmentPause(models.Model):
    """A period an enrolment is paused (an internship, illness, parental leave,
    a course): its sessions are never counted as absences."""

    class Reason(models.TextChoices):
        INTERNSHIP = "internship", _("Internship")
        ILLNESS = "illness", _("Illness")
        PARENTAL_LEAVE = "parental_leave", _("Parental leave")
        COURSE = "course", _("Course")
        OTHER = "other", _("Other")

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="pauses"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (inclusive)"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["enrolment", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="events_pause_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} {self.starts_on}–{self.ends_on}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("The pause cannot end before it starts.")})
            if self.enrolment_id:
                overlapping = (
                    EnrolmentPause.objects.filter(
                        enrolment_id=self.enrolment_id,
                        starts_on__lte=self.ends_on,
                        ends_on__gte=self.starts_on,
                    )
                    .exclude(pk=self.pk)
                    .first()
                )
                if overlapping is not None:
                    raise ValidationError(
                        _("This pause overlaps another pause (%(other)s).") % {"other": overlapping}
                    )


class Absence(models.Model):
    class Reason(models.TextChoices):
        NONE = "none", _("No reason given")
        ILLNESS = "illness", _("Illness")
        JOB_INTERVIEW = "job_interview", _("Job interview")
        SFI_EXAM = "sfi_exam", _("SFI exam")
        INTERNSHIP = "internship", _("On internship")
        PARENTAL_LEAVE = "parental_leave", _("Parental leave")
        COURSE = "course", _("Course")
        OTHER_VALID = "other_valid", _("Other valid reason")

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
        return self.reason in self.enrolment.programme.valid_reasons()


class AbsenceFlag(models.Model):
    """One run of absences that reached the programme's limit, and what people
    decided about it (the platform flags; a coordinator decides)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not decided yet")
        NO_ACTION = "no_action", _("No action: explained")
        TALKED = "talked", _("Talked with the participant")
        DEDUCTION = "deduction", _("Deduction from support")
        SUPPORT_REVIEW = "support_review", _("Support reviewed by social services")

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="flags"
    )
    run_start = models.ForeignKey(
        EventOccurrence,
        verbose_name=_("first absence"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    streak = models.PositiveSmallIntegerField(_("absences in a row"))
    flagged_at = models.DateTimeField(_("flagged"))
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision, default=Decision.PENDING
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("absence flag")
        verbose_name_plural = _("absence flags")
        ordering = ["-flagged_at"]

    def __str__(self):
        return f"{self.enrolment} {self.flagged_at:%Y-%m-%d}"

    def decide(self, decision, note, by, now=None) -> None:
        self.decision = decision
        self.note = note
        self.decided_by = by
        self.decided_at = now or timezone.now()
        self.save(update_fields=["decision", "note", "decided_by", "decided_at"])
        if decision != self.Decision.PENDING:
            Enrolment.objects.filter(pk=self.enrolment_id).update(flagged_at=None)


# --- Kiosks ---------------------------------------------------------------------------


class KioskRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class KioskPairingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class KioskPairing(models.Model):
    """A screen (a tablet at the entrance, a workstation) paired once by a
    coordinator with a programme or one event date; it then checks people in
    with a device token instead of a staff session.

    The token is a random secret in an HttpOnly cookie; only its SHA-256 is
    stored. It is bound to the device it was set on by the browser's user
    agent, hashed likewise: a cookie copied to another browser, or replayed by
    a script, is refused. Pairing the same screen again revokes the old token,
    so a copy taken before that no longer works either.
    """

    name = models.CharField(_("name of the screen"), max_length=100)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kiosks",
    )
    occurrence = models.ForeignKey(
        EventOccurrence,
        verbose_name=_("event date"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kiosks",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    device_hash = models.CharField(max_length=64, editable=False)
    paired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paired by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paired_at = models.DateTimeField(_("paired"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = KioskPairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in kiosk")
        verbose_name_plural = _("check-in kiosks")
        ordering = ["-paired_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, occurrence__isnull=True)
                | Q(programme__isnull=True, occurrence__isnull=False),
                name="events_kiosk_programme_or_date",
            )
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def digest(value: str) -> str:
        import hashlib

        return hashlib.sha256((value or "").encode()).hexdigest()

    @classmethod
    def pair(cls, *, name, user, user_agent, programme=None, occurrence=None, replaces=None):
        """A new pairing and its raw token (shown to nobody: it goes in the cookie)."""
        token = secrets.token_urlsafe(32)
        with transaction.atomic():
            if replaces is not None:
                replaces.revoke(user)
            pairing = cls.objects.create(
                name=name,
                programme=programme,
                occurrence=occurrence,
                token_hash=cls.digest(token),
                device_hash=cls.digest(user_agent),
                paired_by=user,
            )
        return pairing, token

    @classmethod
    def for_device(cls, token: str, user_agent: str) -> KioskPairing:
        """The pairing of this device's token, or KioskRefused with why."""
        if not token:
            raise KioskRefused("unpaired")
        pairing = (
            cls.objects.select_related("programme__event", "occurrence__event")
            .filter(token_hash=cls.digest(token))
            .first()
        )
        if pairing is None:
            raise KioskRefused("unpaired")
        if pairing.revoked_at is not None:
            raise KioskRefused("revoked")
        if not secrets.compare_digest(pairing.device_hash, cls.digest(user_agent)):
            raise KioskRefused("other_device")
        return pairing

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def target(self):
        return self.programme or self.occurrence

    def revoke(self, user, now=None) -> None:
        from samverka.core import audit

        if self.revoked_at is not None:
            return
        self.revoked_at = now or timezone.now()
        self.revoked_by = user
        self.save(update_fields=["revoked_at", "revoked_by"])
        audit.log(self, audit.KIOSK_REVOKE, user=user, name=self.name)

    def open_sessions(self, now=None):
        sessions = EventOccurrence.objects.open_for_checkin(now).select_related("event")
        if self.programme_id:
            return sessions.filter(event_id=self.programme.event_id)
        return sessions.filter(pk=self.occurrence_id)

    def enrolments(self):
        """The enrolments whose participants may check in here."""
        enrolments = Enrolment.objects.active().select_related("participant__person", "programme")
        if self.programme_id:
            return enrolments.filter(programme_id=self.programme_id)
        return enrolments.filter(programme__event_id=self.occurrence.event_id)


# --- Feedback --------------------------------------------------------------------
# Anonymous survey answers and the receipts that keep anyone from being asked twice
# live in surveys.py; imported here so that Django finds the models.

from .surveys import FeedbackQuerySet, FeedbackResponse, SurveyReceipt  # noqa: E402, F401
