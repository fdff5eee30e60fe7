"""Civic orientation (samhällsorientering) and meeting places (mötesplatser).

Page tree (one per language, Swedish is the source):

    HomePage
    ├── OrientationIndexPage            "Samhällsorientering"
    │   └── OrientationTopicPage        one of the eight topics
    │       └── OrientationTopicPage    sub-pages where a topic needs them
    └── MeetingPlaceIndexPage           "Mötesplatser"
        └── MeetingPlacePage            address, opening hours, actors, accessibility
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from samverka.blocks import orientation_stream_blocks
from samverka.orientation.readability import ReadabilityPanel
from samverka.people.municipalities import default_municipality_pk

ACCESSIBILITY_FEATURES = ["bold", "italic", "ul", "ol", "link"]

# After this many days without a review an orientation page is listed as stale.
REVIEW_INTERVAL_DAYS = 365


def _today():
    return timezone.localdate()


class ReviewedPage(Page):
    """Fields shared by orientation and meeting place pages (abstract)."""

    intro = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("One or two short sentences shown under the title."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=_today,
        help_text=_(
            "The day someone last checked that everything on the page is still true. "
            "Pages not reviewed for twelve months are listed under Reports."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    @property
    def review_due(self) -> bool:
        return self.last_reviewed < _today() - datetime.timedelta(days=REVIEW_INTERVAL_DAYS)

    def split_body(self):
        """The easy-to-read summaries first, then every other block in order."""
        body = getattr(self, "body", None) or []
        easy = [block for block in body if block.block_type == "easy_read"]
        rest = [block for block in body if block.block_type != "easy_read"]
        return easy, rest


class OrientationIndexPage(ReviewedPage):
    """The start page of the civic orientation: lists the topics."""

    body = StreamField(orientation_stream_blocks(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        ReadabilityPanel(),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*ReviewedPage.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["orientation.OrientationTopicPage"]
    max_count_per_parent = 1
    page_cache = True

    class Meta:
        verbose_name = _("civic orientation index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.topic_cards(request)
        return context

    def topic_cards(self, request) -> list[dict]:
        """Title, introduction and address of each topic in the visitor's language.

        The same for everyone per language until something is published, so kept
        in the layout cache; uncached it is three queries however many topics.
        """
        from samverka.core import layout
        from samverka.orientation.i18n_urls import page_url

        def build():
            return [
                {
                    "title": topic.title,
                    "intro": topic.intro,
                    "url": page_url(topic, request),
                    "lang": layout.locales(request)[topic.locale_id].language_code,
                }
                for topic in children_in_language(
                    layout.with_locale(self, request), OrientationTopicPage
                )
            ]

        site = layout.site_for_request(request)
        return layout.cached(
            request, "topics", build, getattr(site, "pk", None), self.pk, translation.get_language()
        )


class OrientationTopicPage(ReviewedPage):
    """One topic of the civic orientation, or a sub-page of a topic."""

    body = StreamField(orientation_stream_blocks(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        ReadabilityPanel(),
        InlinePanel("related_links", label=_("Related pages"), max_num=6),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*ReviewedPage.search_fields, index.SearchField("body")]
    parent_page_types = ["orientation.OrientationIndexPage", "orientation.OrientationTopicPage"]
    subpage_types = ["orientation.OrientationTopicPage"]
    page_cache = True

    class Meta:
        verbose_name = _("civic orientation topic")


class OrientationRelatedLink(Orderable):
    page = ParentalKey(OrientationTopicPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")


class MeetingPlaceIndexPage(ReviewedPage):
    """Lists the municipality's meeting places."""

    body = StreamField(orientation_stream_blocks(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        ReadabilityPanel(),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["orientation.MeetingPlacePage"]
    max_count_per_parent = 1
    page_cache = True

    class Meta:
        verbose_name = _("meeting place index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["places"] = self.place_cards(request)
        return context

    def place_cards(self, request) -> list[dict]:
        """Title, district, street address and address of each meeting place in the
        visitor's language, kept in the layout cache like the topic cards."""
        from samverka.core import layout
        from samverka.orientation.i18n_urls import page_url

        def build():
            return [
                {
                    "title": place.title,
                    "district": place.district,
                    "street_address": place.street_address,
                    "url": page_url(place, request),
                    "lang": layout.locales(request)[place.locale_id].language_code,
                }
                for place in children_in_language(
                    layout.with_locale(self, request), MeetingPlacePage
                )
            ]

        site = layout.site_for_request(request)
        return layout.cached(
            request, "places", build, getattr(site, "pk", None), self.pk, translation.get_language()
        )


class MeetingPlacePage(ReviewedPage):
    """A mötesplats: where newcomers meet the municipality, authorities and associations."""

    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100)
    district = models.CharField(
        _("district"), max_length=100, help_text=_("The part of town, for example Årby.")
    )
    municipality = models.ForeignKey(
        "people.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        default=default_municipality_pk,
        related_name="meeting_places",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("Bus lines, entrance, parking. Short sentences."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    accessibility = RichTextField(
        _("accessibility"),
        features=ACCESSIBILITY_FEATURES,
        blank=True,
        help_text=_("Step-free entrance, lift, accessible toilet, hearing loop, quiet room …"),
    )
    body = StreamField(orientation_stream_blocks(), blank=True, verbose_name=_("more about us"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("municipality"), FieldPanel("district")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("directions"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("Address and contact"),
        ),
        InlinePanel("opening_hours", label=_("Opening hours"), heading=_("Opening hours")),
        InlinePanel(
            "opening_exceptions",
            label=_("Exception"),
            heading=_("Exceptions (holidays, closed days)"),
        ),
        InlinePanel("actors", label=_("Actor"), heading=_("Actors and what they offer")),
        FieldPanel("accessibility"),
        FieldPanel("body"),
        ReadabilityPanel(),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *ReviewedPage.search_fields,
        index.SearchField("street_address"),
        index.SearchField("district"),
        index.SearchField("accessibility"),
        index.SearchField("body"),
        index.FilterField("district"),
    ]
    parent_page_types = ["orientation.MeetingPlaceIndexPage"]
    subpage_types: list[str] = []
    page_cache = True

    class Meta:
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def full_address(self) -> str:
        return ", ".join(
            part
            for part in (self.street_address, f"{self.postal_code} {self.city}".strip())
            if part
        )

    @property
    def openstreetmap_url(self) -> str:
        """A link to the place on openstreetmap.org; nothing is embedded on our pages."""
        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=17/{self.latitude}/{self.longitude}"
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.full_address})

    @staticmethod
    def hours_by_weekday(rows, kind):
        """[(weekday number, weekday name, [OpeningHours, ...]), ...] Monday to Sunday."""
        rows = [row for row in rows if row.kind == kind]
        return [
            (number, name, [row for row in rows if row.weekday == number])
            for number, name in OpeningHours.Weekday.choices
        ]

    def get_context(self, request, *args, **kwargs):
        """Four queries: opening hours, exceptions, actors, upcoming events (however many
        rows)."""
        context = super().get_context(request, *args, **kwargs)
        today = _today()
        hours = list(self.opening_hours.all())
        context["opening_days"] = self.hours_by_weekday(hours, OpeningHours.Kind.OPEN)
        context["drop_in_days"] = self.hours_by_weekday(hours, OpeningHours.Kind.DROP_IN)
        context["has_drop_in"] = any(row.kind == OpeningHours.Kind.DROP_IN for row in hours)
        context["today_weekday"] = today.weekday()
        context["exceptions"] = [
            row for row in self.opening_exceptions.all() if (row.end_date or row.date) >= today
        ]
        context["actors"] = list(self.actors.select_related("organisation"))
        context["upcoming_events"] = self.upcoming_events()
        return context

    def upcoming_events(self, limit: int = 6) -> list:
        """The next dates of events held here (in any language version of the page): one
        query."""
        from django.apps import apps

        if not apps.is_installed("events"):
            return []
        occurrence = apps.get_model("events", "EventOccurrence")
        return list(
            occurrence.objects.public()
            .upcoming()
            .scheduled()
            .filter(event__place__translation_key=self.translation_key)
            .select_related("event")
            .order_by("start")[:limit]
        )

    def actor_organisations(self):
        """The registry's organisations present here (SAMVERKA_MEETING_PLACE_MODEL's contract,
        used by coaching's referrals)."""
        from associations.models import Organisation

        return Organisation.objects.filter(meeting_place_actors__page=self).distinct()

    def full_clean(self, *args, **kwargs):
        # Plain ASCII slugs (/motesplatser/motesplats-arby/), whatever the title's letters.
        from django.utils.text import slugify

        self.slug = slugify(self.slug or self.title)
        super().full_clean(*args, **kwargs)


class OpeningHours(TranslatableMixin, Orderable):
    """One opening period on one weekday (a day may have several)."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Opening hours")
        DROP_IN = "drop_in", _("Drop-in citizen service")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    page = ParentalKey(MeetingPlacePage, on_delete=models.CASCADE, related_name="opening_hours")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OPEN)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    note = models.CharField(_("note"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("weekday")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class OpeningException(TranslatableMixin, Orderable):
    """A day (or a run of days) with other hours than usual, or closed."""

    page = ParentalKey(
        MeetingPlacePage, on_delete=models.CASCADE, related_name="opening_exceptions"
    )
    date = models.DateField(_("date"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    closed = models.BooleanField(_("closed"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("reason"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
        FieldPanel("closed"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")

    def clean(self):
        super().clean()
        if self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})
        if not self.closed and not (self.opens and self.closes):
            raise ValidationError(_("Give the hours, or tick “closed”."))


class MeetingPlaceActor(TranslatableMixin, Orderable):
    """Someone present at the meeting place and what they offer."""

    class Offer(models.TextChoices):
        CITIZEN_SERVICE = "citizen_service", _("Citizen service")
        JOB = "job", _("Job counselling")
        LANGUAGE = "language", _("Language support")
        FAMILY = "family", _("Family counselling")
        LIBRARY = "library", _("Library")
        OPEN_PRESCHOOL = "open_preschool", _("Open preschool")
        HEALTH = "health", _("Health")
        ASSOCIATION = "association", _("Association activities")
        OTHER = "other", _("Other")

    page = ParentalKey(MeetingPlacePage, on_delete=models.CASCADE, related_name="actors")
    # An organisation of the registry or one of the municipality's own units (a public
    # actor); `name` is what older rows had, shown until an editor picks the organisation.
    organisation = models.ForeignKey(
        "associations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.PROTECT,
        related_name="meeting_place_actors",
        help_text=_("From the registry; the municipality's own units are public actors there."),
    )
    name = models.CharField(_("name"), max_length=120, blank=True, editable=False)
    offer = models.CharField(_("offers"), max_length=20, choices=Offer.choices)
    description = models.TextField(_("what they offer"), max_length=600)
    when = models.CharField(
        _("when"), max_length=120, blank=True, help_text=_("For example: Tuesdays 13–16")
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("offer")]),
        FieldPanel("description"),
        FieldPanel("when"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("phone")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.name


def source_language() -> str:
    return settings.LANGUAGE_CODE


def children_in_language(parent, model):
    """The children of the Swedish version of `parent`, each in `parent`'s language
    where translated, else in Swedish (three queries at most, however many children).

    A translated index therefore lists every topic, not only the translated ones.
    """
    source = parent
    if parent.locale.language_code != source_language():
        source = (
            parent.__class__.objects.filter(
                translation_key=parent.translation_key,
                locale__language_code=source_language(),
            )
            .live()
            .first()
        ) or parent
    children = list(model.objects.child_of(source).live().public())
    if source.pk == parent.pk:
        return children
    translated = {
        page.translation_key: page
        for page in model.objects.filter(
            translation_key__in=[child.translation_key for child in children],
            locale_id=parent.locale_id,
        ).live()
    }
    return [translated.get(child.translation_key, child) for child in children]
