"""The "What's on" listing: upcoming dates, filtered, a page at a time.

Dates are listed, not events, so a weekly café shows each Tuesday; the query
count is the same for 10 dates or 10 000 because only one page of dates is
loaded, with its event, organiser and place joined in.
"""

from __future__ import annotations

import hashlib

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Min, Sum, Window
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from samverka.core.cache import Generation
from samverka.core.conf import settings as app_settings
from samverka.core.fragments import from_row_values, row_values
from samverka.core.ids import IdChoiceFilter
from samverka.core.paging import page_of

from .admin_forms import EVENT_LANGUAGES
from .conf import get_place_model
from .models import EventOccurrence, EventPage, Registration, deferred_place_fields

PAGE_SIZE = 20

# Anonymous visitors get the rendered listing from the cache for up to a
# minute; any change to dates or seats (a registration, a cancellation, a
# published event) starts a new generation, so nobody sees stale seats.
GENERATION_KEY = "events:listing:generation"
LISTING_CACHE_SECONDS = 60


LISTING = Generation(GENERATION_KEY)


def listing_generation() -> int:
    return LISTING.current()


def listing_changed() -> None:
    LISTING.bump()


# What a card shows besides its date's row, its seats and its pages: the organiser's and the
# place's names. Kept cards carry this generation, not the listing's, so a sign-up (a new
# listing generation) renders again only the card of the date whose seats changed.
CARDS = Generation("events:cards:generation")


def names_changed() -> None:
    """An organiser or a place was saved or deleted: every card and listing is new."""
    CARDS.bump()
    LISTING.bump()


def cached_listing_key(request) -> str | None:
    """The cache key for this request, or None when it must be rendered."""
    seconds = app_settings.PAGE_CACHE_SECONDS
    if not seconds or request.method != "GET":
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    digest = hashlib.sha256(
        f"{request.get_host()}|{request.get_full_path()}|{translation.get_language()}".encode()
    ).hexdigest()
    return f"events:listing:{listing_generation()}:{digest}"


def _places():
    places = get_place_model()._default_manager
    return places.filter(events__isnull=False).distinct().order_by("title")


def _organisers():
    from associations.models import Organisation

    return Organisation.objects.filter(events__isnull=False).distinct().order_by("name")


class OccurrenceFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label=_("What"),
        field_name="event__category",
        choices=EventPage.Category.choices,
        empty_label=_("All kinds"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        method="filter_language",
        choices=EVENT_LANGUAGES,
        empty_label=_("All languages"),
    )
    place = IdChoiceFilter(
        label=_("Meeting place"),
        field_name="event__place",
        queryset=lambda request: _places(),
        empty_label=_("All places"),
    )
    organiser = IdChoiceFilter(
        label=_("Organiser"),
        field_name="event__organiser",
        queryset=lambda request: _organisers(),
        empty_label=_("All organisers"),
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="start",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="start",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = EventOccurrence
        fields: list[str] = []

    def get_form_class(self):
        # The form's fields are the same for every request (the id filters' querysets
        # ignore the request): built once per process, not per render. Each form
        # instance still gets its own copies of the fields.
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class

    def filter_language(self, queryset, name, value):
        # JSON lists matched on their quoted text: the same on SQLite and PostgreSQL.
        return queryset.filter(event__languages__icontains=f'"{value}"')


def listed_occurrences(now=None):
    """Upcoming public dates of Swedish (source) event pages."""
    return (
        EventOccurrence.objects.public()
        .upcoming(now)
        .filter(event__locale__language_code=settings.LANGUAGE_CODE)
        .order_by("start", "pk")
    )


def attach_events(occurrences) -> None:
    """Load the page's events (with place, organiser and locale) in one query:
    a page of dates usually shows a few events many times."""
    ids = {occurrence.event_id for occurrence in occurrences}
    events = {
        event.pk: event
        for event in EventPage.objects.filter(pk__in=ids)
        .select_related("place", "organiser", "locale")
        .defer("body", *deferred_place_fields())
    }
    for occurrence in occurrences:
        occurrence.event = events[occurrence.event_id]


def attach_seats(occurrences) -> None:
    """Set `seats_taken` on each date of a page, from one query."""
    ids = [occurrence.pk for occurrence in occurrences]
    taken = dict(
        Registration.objects.filter(occurrence_id__in=ids, status=Registration.Status.CONFIRMED)
        .values("occurrence_id")
        .annotate(n=Sum("people"))
        .values_list("occurrence_id", "n")
    )
    for occurrence in occurrences:
        occurrence.seats_taken = taken.get(occurrence.pk, 0)


def attach_translations(occurrences, language: str) -> None:
    """Point each date at its event's translation in `language` where one is live."""
    for occurrence in occurrences:
        occurrence.display_event = occurrence.event
    if language == settings.LANGUAGE_CODE or not occurrences:
        return
    keys = {occurrence.event.translation_key for occurrence in occurrences}
    translated = {
        page.translation_key: page
        for page in EventPage.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .select_related("locale")
        .defer("body")
    }
    for occurrence in occurrences:
        occurrence.display_event = translated.get(
            occurrence.event.translation_key, occurrence.event
        )


def listing_cards(occurrences) -> list[dict]:
    """What each card shows, worked out here once: the template then reads plain values
    instead of walking from each date to its event, place and organiser."""
    from samverka.core.conf import rtl_languages

    rtl = rtl_languages()
    cards = []
    for occurrence in occurrences:
        event, shown = occurrence.event, occurrence.display_event
        start = timezone.localtime(occurrence.start)
        end = timezone.localtime(occurrence.end)
        language = shown.locale.language_code
        cancelled = occurrence.is_cancelled
        seats = None
        if not cancelled and event.registration_required:
            seats = occurrence.seats_left
        cards.append(
            {
                "pk": occurrence.pk,
                "url": reverse("events:date", args=[occurrence.pk]),
                "start_iso": date_format(start, "c"),
                "day": date_format(start, "l j F"),
                "start_time": time_format(start, "H:i"),
                "end_time": time_format(end, "H:i"),
                "cancelled": cancelled,
                "moved": occurrence.is_moved,
                "title": shown.title,
                "lang": language,
                "dir": "rtl" if language in rtl else "ltr",
                "category": event.get_category_display(),
                "where": event.place.title if event.place else event.address,
                "organiser": event.organiser.name if event.organiser else "",
                "languages": ", ".join(event.language_labels),
                "seats_left": seats,
            }
        )
    return cards


CARD_TEMPLATE = "events/includes/card.html"
CARD_FIELDS = ("id", "event_id", "original_start", "start", "end", "status", "capacity")


def _card_version(occurrence) -> tuple:
    # The date's own row and its seats taken (read with the page: `listed_page`); its event,
    # place and translations are pages (the content generation), its organiser's and
    # place's names the cards' generation.
    return row_values(occurrence), occurrence.seats_taken


def _render_cards(occurrences) -> list[str]:
    from samverka.core.fragments import render_each

    attach_events(occurrences)
    attach_translations(occurrences, translation.get_language())
    return render_each(CARD_TEMPLATE, "card", listing_cards(occurrences))


def card_html(request, occurrences) -> list:
    """Each date's card, rendered once per language until it or what it shows changes
    (`samverka.core.fragments`); only the dates missing from the cache are loaded
    with their events, seats and translations."""
    from samverka.core.fragments import rendered_cards
    from samverka.core.layout import content_generation

    unknown = [occurrence for occurrence in occurrences if not hasattr(occurrence, "seats_taken")]
    if unknown:
        attach_seats(unknown)
    return rendered_cards(
        CARD_TEMPLATE,
        occurrences,
        _card_version,
        _render_cards,
        content_generation(request),
        CARDS.current(),
    )


def _choice_lists(request, filterset) -> dict:
    """The filter's choices as plain lists, the same for everyone per language until a
    page, an organiser or a place changes: places and organisers are two queries otherwise."""
    from samverka.core.layout import cached

    def build():
        return {
            field.name: [(str(value), str(label)) for value, label in field.field.choices]
            for field in filterset.form
            if not field.name.startswith("date_")
        }

    # Places and organisers with events: the events are pages (the content generation),
    # the names the cards' generation; a sign-up or a new date changes neither.
    return cached(
        request, "events:filter-choices", build, translation.get_language(), CARDS.current()
    )


def listed_event_ids(request=None) -> list[int]:
    """The events `listed_occurrences` lists dates of (live, public, Swedish, in no
    private programme), kept per content and listing generation: publishing,
    unpublishing, restricting a page or making a programme private starts a new one."""
    from samverka.core.layout import cached

    def build():
        return list(
            EventPage.objects.live()
            .filter(view_restrictions__isnull=True, locale__language_code=settings.LANGUAGE_CODE)
            .exclude(programmes__is_private=True)
            .order_by()
            .values_list("pk", flat=True)
        )

    return cached(request, "events:listed", build, listing_generation())


def _listing_occurrences(request, now=None):
    """`listed_occurrences`, with the events it may list from the cache: a query on the
    dates alone instead of joining every date to its page, locale and restrictions."""
    return (
        EventOccurrence.objects.filter(event_id__in=listed_event_ids(request))
        .upcoming(now)
        .order_by("start", "pk")
    )


FILTER_FIELDS_TEMPLATE = "events/includes/filter_fields.html"


def listing_context(request, now=None) -> dict:
    filterset = _FilterSetOnce(request)
    state = _filter_state(request, filterset)
    page = listed_page(request, state["key"], filterset, request.GET.get("page"), now)
    occurrences = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        # Built only where it is used: the kept listing needs no form.
        "filter": SimpleLazyObject(filterset),
        "filter_bound": state["bound"],
        "filter_fields_html": state["html"],
        "page_obj": page,
        "occurrences": occurrences,
        "cards": card_html(request, occurrences),
        "query_string": query.urlencode(),
        "now": now or timezone.now(),
        "categories": EventPage.Category.choices,
        "calendar_links": _category_feeds(request),
    }


class _FilterSetOnce:
    """The request's OccurrenceFilter, built the first time it is asked for: a kept
    listing with a kept filter builds none (its fields are deep-copied per instance).
    It is given a queryset it never runs; the dates come from `listed_page`."""

    def __init__(self, request):
        self.request = request
        self.filterset = None

    def __call__(self) -> OccurrenceFilter:
        if self.filterset is None:
            self.filterset = OccurrenceFilter(
                self.request.GET or None,
                queryset=EventOccurrence.objects.none(),
                request=self.request,
            )
        return self.filterset


# Filters kept per content and listing generation (anyone can type anything).
KEPT_FILTERS = 500


def _filter_state(request, filterset) -> dict:
    """Whether the filter is bound (any parameter at all, as FilterSet has it), the key
    of what it chooses (`_filter_key`) and its fields' HTML, for the values as typed.

    They depend on nothing else but the language and the choices (places and
    organisers with events: the content and listing generations), all in the key."""
    from samverka.core.cache import key_part
    from samverka.core.layout import content_generation
    from samverka.core.paging import kept_page

    bound = bool(request.GET)
    # As the form reads them: each field's widget (a select or a date input) takes the
    # last value given for its name.
    typed = tuple(request.GET.get(name) for name in OccurrenceFilter.base_filters)

    def build() -> dict:
        built = filterset()
        return {
            "bound": built.is_bound,
            "key": _filter_key(built),
            # Choices as plain lists: a ModelChoiceIterator looped over in a template
            # first counts its rows (len), then fetches them.
            "html": _filter_fields_html(built, _choice_lists(request, built)),
        }

    generations = f"{content_generation(request)}:{listing_generation()}"
    return kept_page(
        f"events:listing:filter:{generations}:{translation.get_language()}:"
        + key_part(repr(typed) if bound else "unbound"),
        f"events:listing:filters-kept:{generations}",
        KEPT_FILTERS,
        build,
    )


# Pages of a listing kept per filter: later pages are seldom read, and a page number
# that anyone can type would otherwise make a new entry each.
KEPT_LISTING_PAGES = 5
# Pages kept per content and listing generation (any dates can be typed in a filter).
KEPT_LISTINGS = 500
PAGE_KEY = "events:listing:page"
EARLIEST_END = "listing_earliest_end"


def _filter_key(filterset) -> str:
    """The visitor's checked choices (what the dates depend on), one string: the same
    for `?category=language_cafe` and `?category=language_cafe&place=&utm_source=x`;
    a filter that is not valid lists every date, as "all"."""
    if not (filterset.is_bound and filterset.is_valid()):
        return "all"
    chosen = sorted(
        (name, str(getattr(value, "pk", value)))
        for name, value in filterset.form.cleaned_data.items()
        if value not in (None, "")
    )
    return repr(chosen) if chosen else "all"


def listed_page(request, filter_key: str, filterset, number, now=None):
    """The page of dates the filter chose (Django's `Page`: its rows loaded with
    CARD_FIELDS only, as the cards' keys are made of them), with their number.

    The same for everyone per filter (`filter_key`) until a date, seat, organiser or
    place changes (the listing generation) or a page is published, unpublished or
    restricted (the content generation): kept under both, for the first
    KEPT_LISTING_PAGES pages. Time leaves dates behind without any change: the page is
    kept only until the earliest end among all the chosen dates (one more window in the
    page's query), when that date stops being upcoming and the page and the number
    change. With `now` given (a listing at another time) nothing is kept.
    `filterset()` gives the request's filter, asked for on a miss only."""
    from samverka.core.cache import key_part
    from samverka.core.layout import content_generation
    from samverka.core.paging import kept_page, known_page, page_number

    wanted = page_number(number)

    def build() -> dict:
        queryset = _listing_occurrences(request, now)
        if filter_key != "all":  # a valid filter
            chosen = filterset()
            chosen.is_valid()
            queryset = chosen.filter_queryset(queryset)
        # Only the columns a card shows (and its cache key is made of), and the seats taken
        # (the cards' keys too: a sign-up renders only its date's card again).
        queryset = queryset.only(*CARD_FIELDS).with_seats()
        page = page_of(queryset, wanted, PAGE_SIZE, **{EARLIEST_END: Window(Min("end"))})
        rows = list(page.object_list)
        # A page past the end is the last page, loaded without the windows: no end known.
        until = getattr(rows[0], EARLIEST_END, False) if rows else None
        return {
            "rows": [row_values(row) for row in rows],
            "seats": [row.seats_taken for row in rows],
            "number": page.number,
            "count": page.paginator.count,
            "until": until,
        }

    def fresh(kept) -> bool:
        return kept["until"] is None or (
            kept["until"] is not False and timezone.now() <= kept["until"]
        )

    if now is None and wanted <= KEPT_LISTING_PAGES:
        generations = f"{content_generation(request)}:{listing_generation()}"
        kept = kept_page(
            f"{PAGE_KEY}:{generations}:{key_part(filter_key)}:{wanted}",
            f"events:listing:kept:{generations}",
            KEPT_LISTINGS,
            build,
            fresh,
        )
    else:
        kept = build()
    rows = [from_row_values(EventOccurrence, row) for row in kept["rows"]]
    # (a page kept by an earlier version has no seats: the cards read them, one query)
    for occurrence, seats in zip(rows, kept.get("seats") or (), strict=False):
        occurrence.seats_taken = seats
    return known_page(rows, kept["number"], kept["count"], PAGE_SIZE)


def _filter_fields_html(filterset, choices: dict) -> str:
    """The filter's fields, written once per process for each set of choices, values
    and errors (`samverka.core.fragments.filter_fields_html`). An unfiltered listing
    builds no form at all: its fields are empty and without errors."""
    from samverka.core.fragments import bound_filter_fields, filter_fields_html

    if filterset.is_bound:
        fields = bound_filter_fields(filterset.form, choices)
    else:
        fields = [
            (name, filter_.label, "", choices.get(name), "")
            for name, filter_ in filterset.filters.items()
        ]
    return filter_fields_html(FILTER_FIELDS_TEMPLATE, fields)


def _category_feeds(request) -> list[dict]:
    """Each category's calendar feed (title, address), the same for everyone per language."""
    from samverka.core.layout import cached

    return cached(
        request,
        "events:category-feeds",
        lambda: [
            {"title": str(label), "url": reverse("events:feed_category", args=[value])}
            for value, label in EventPage.Category.choices
        ],
        translation.get_language(),
    )
