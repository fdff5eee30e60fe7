"""The listing: filters work, and the query count does not grow with the dates."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.listing import listing_changed, names_changed
from events.models import EventOccurrence, Registration

from .conftest import en, make_event

pytestmark = pytest.mark.django_db


def card_titles(response) -> list[str]:
    """The titles on the listing's cards (which come from the card cache when kept)."""
    html = response.content.decode()
    return re.findall(r'class="event-card__title"><a [^>]*>([^<]*)</a>', html)


def add_dates(event, count):
    start = timezone.now() + timedelta(days=1)
    EventOccurrence.objects.bulk_create(
        EventOccurrence(
            event=event,
            original_start=start + timedelta(hours=n),
            start=start + timedelta(hours=n),
            end=start + timedelta(hours=n, minutes=30),
        )
        for n in range(count)
    )


def test_filters(client, event_index, meeting_place, organisation):
    make_event(event_index, title="Café Arabic", languages=["ar"])
    make_event(
        event_index,
        title="Network",
        category="network_meeting",
        languages=["sv"],
        place=meeting_place,
        organiser=organisation,
    )
    url = reverse("events:list")

    def titles(**params):
        return card_titles(client.get(url, params))

    assert sorted(titles()) == ["Café Arabic", "Network"]
    assert titles(category="network_meeting") == ["Network"]
    assert titles(language="ar") == ["Café Arabic"]
    html = client.get(url, {"language": "ar", "place": meeting_place.pk}).content.decode()
    assert '<option value="ar" selected>' in html
    assert f'<option value="{meeting_place.pk}" selected>' in html
    assert titles(place=meeting_place.pk) == ["Network"]
    assert titles(organiser=organisation.pk) == ["Network"]
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert titles(date_to=tomorrow.isoformat()) == []
    assert sorted(titles(date_from=tomorrow.isoformat())) == ["Café Arabic", "Network"]


def test_cancelled_dates_show_as_cancelled(client, event_index):
    event = make_event(event_index, title="Café")
    event.occurrences.update(status="cancelled")
    html = client.get(reverse("events:list")).content.decode()
    assert "event-card--cancelled" in html


def test_pagination_keeps_filters(client, event_index):
    event = make_event(event_index, title="Many", languages=["ar"])
    add_dates(event, 30)
    response = client.get(reverse("events:list"), {"language": "ar"})
    html = response.content.decode()
    assert "language=ar&amp;page=2" in html
    assert len(response.context["occurrences"]) == 20


@pytest.mark.parametrize("params", [{}, {"category": "language_cafe"}, {"category": "junk"}])
@pytest.mark.parametrize("extra_dates", [0, 10_000])
def test_query_count_does_not_grow_with_dates(
    client, event_index, django_assert_num_queries, extra_dates, meeting_place, organisation, params
):
    event = make_event(event_index, place=meeting_place, organiser=organisation)
    add_dates(event, extra_dates)
    url = reverse("events:list")
    client.get(url, params)  # fill the layout cache (site, menu), the page of dates, the cards
    # None: the page of dates and their number are kept per filter and generations
    # (events.listing.listed_page), the cards and the filter's choices too
    # (events.listing.card_html), as are the base template's site and menu
    # (samverka.core.layout)
    with django_assert_num_queries(0):
        response = client.get(url, params)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == extra_dates + 1
    listing_changed()  # a sign-up or a date changed: the page of dates is built again
    # 1 the events the listing may show (kept per generation), 2 the page of dates with
    # their number, earliest end and seats taken; the cards and the filter's choices are
    # kept (a card's key holds its date's row and seats; the choices are names)
    with django_assert_num_queries(2):
        response = client.get(url, params)
    assert response.context["page_obj"].paginator.count == extra_dates + 1
    assert len(card_titles(response)) == min(extra_dates + 1, 20)
    names_changed()  # an organiser or a place renamed: the cards are built again too
    # as above, and 3 the cards' events with place, organiser and locale joined, the
    # filter's choices: 4 places, 5 organisers
    with django_assert_num_queries(5):
        response = client.get(url, params)
    assert response.context["page_obj"].paginator.count == extra_dates + 1
    assert len(card_titles(response)) == min(extra_dates + 1, 20)


def test_a_sign_up_renders_only_its_own_dates_card_again(
    client, event_index, django_capture_on_commit_callbacks, monkeypatch
):
    from events import listing

    first = make_event(event_index, title="Läxhjälp", capacity=5)
    make_event(event_index, title="Språkcafé", capacity=5)
    url = en("events:list")
    client.get(url)
    rendered = []
    render = listing._render_cards

    def counting(occurrences):
        rendered.extend(o.pk for o in occurrences)
        return render(occurrences)

    monkeypatch.setattr(listing, "_render_cards", counting)
    occurrence = first.occurrences.get()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence.register(name="A", email="a@example.com", people=2, notify=False)
    html = client.get(url).content.decode()
    assert rendered == [occurrence.pk]
    assert "3 seats left" in html and "5 seats left" in html


def test_cards_follow_what_they_show(
    client, event_index, meeting_place, organisation, django_capture_on_commit_callbacks
):
    """A kept card is never older than its date, its event, its organiser or its seats."""
    event = make_event(event_index, title="Café", capacity=5, organiser=organisation)
    occurrence = event.occurrences.get()
    swedish_url = reverse("events:list")
    url = en("events:list")
    html = client.get(url).content.decode()
    assert "Café" in html and "5 seats left" in html
    with django_capture_on_commit_callbacks(execute=True):
        occurrence.register(name="A", email="a@example.com", people=2, notify=False)
    assert "3 seats left" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence.status = EventOccurrence.Status.CANCELLED
        occurrence.save(update_fields=["status"])
    html = client.get(url).content.decode()
    assert "event-card--cancelled" in html and "Cancelled" in html
    assert "Inställt" in client.get(swedish_url).content.decode()  # kept per language
    event.title = "Språkcafé"
    event.save_revision().publish()
    assert card_titles(client.get(url)) == ["Språkcafé"]
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "Nytt namn"
        organisation.save()
    assert "Nytt namn" in client.get(url).content.decode()


def test_a_kept_filtered_listing_follows_dates_added_cancelled_and_removed(
    client, event_index, django_capture_on_commit_callbacks
):
    """A filtered listing is kept for everyone per filter: a date added, cancelled or
    deleted, or an event published, shows in the next answer."""
    url = en("events:list")
    cafe = {"category": "language_cafe"}
    first = make_event(event_index, title="Café", capacity=5)
    make_event(event_index, title="Mingel", category="mingle")
    assert card_titles(client.get(url, cafe)) == ["Café"]
    assert card_titles(client.get(url, {"category": "mingle"})) == ["Mingel"]
    make_event(event_index, title="Kvällscafé", starts_at=timezone.now() + timedelta(days=5))
    assert card_titles(client.get(url, cafe)) == ["Café", "Kvällscafé"]
    start = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        added = EventOccurrence.objects.create(
            event=first, original_start=start, start=start, end=start + timedelta(hours=1)
        )
    response = client.get(url, cafe)
    assert card_titles(response) == ["Café", "Café", "Kvällscafé"]
    assert response.context["page_obj"].paginator.count == 3
    with django_capture_on_commit_callbacks(execute=True):
        added.status = EventOccurrence.Status.CANCELLED
        added.save(update_fields=["status"])
    html = client.get(url, cafe).content.decode()
    assert html.count("event-card--cancelled") == 1
    with django_capture_on_commit_callbacks(execute=True):
        added.delete()
    assert card_titles(client.get(url, cafe)) == ["Café", "Kvällscafé"]
    assert card_titles(client.get(url, {"category": "mingle"})) == ["Mingel"]


def test_a_kept_listing_leaves_out_a_date_once_it_has_ended(client, event_index, monkeypatch):
    """Time changes the listing without any change to the data: a kept page is used only
    until the earliest end among the chosen dates."""
    soon = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    make_event(event_index, title="Snart", starts_at=soon, duration_minutes=30)
    make_event(event_index, title="Sedan", starts_at=soon + timedelta(days=1))
    url = reverse("events:list")
    for params in ({}, {"page": 1}):
        response = client.get(url, params)
        assert card_titles(response) == ["Snart", "Sedan"]
        assert response.context["page_obj"].paginator.count == 2
    later = soon + timedelta(minutes=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(url)
    assert card_titles(response) == ["Sedan"]
    assert response.context["page_obj"].paginator.count == 1


def test_cards_follow_seats_changed_outside_registering(
    client, event_index, django_capture_on_commit_callbacks
):
    """A registration added, confirmed or deleted in the admin (or erased) changes the seats
    shown at once, as registering through the site does."""
    occurrence = make_event(event_index, title="Café", capacity=5).occurrences.get()
    url = en("events:list")
    assert "5 seats left" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        row = Registration.objects.create(
            occurrence=occurrence, name="B", people=3, status=Registration.Status.CONFIRMED
        )
    assert "2 seats left" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        row.delete()
    assert "5 seats left" in client.get(url).content.decode()


def test_anonymous_listing_is_cached_until_seats_change(
    client, event_index, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.SAMVERKA_PAGE_CACHE_SECONDS = 300
    occurrence = make_event(event_index, capacity=5).occurrences.get()
    url = reverse("events:list")
    assert client.get(url).context is not None  # rendered and stored
    with django_assert_num_queries(0):
        cached = client.get(url)
    assert cached.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        occurrence.register(name="A", email="a@example.com", people=2, notify=False)
    fresh = client.get(url)
    assert fresh.context is not None  # rendered again, not from the cache
    assert "3 platser kvar" in fresh.content.decode()


def test_logged_in_listing_is_never_cached(client, event, settings, volunteer_user):
    settings.SAMVERKA_PAGE_CACHE_SECONDS = 300
    client.force_login(volunteer_user)
    client.get(reverse("events:list"))
    assert client.get(reverse("events:list")).context is not None
