"""Event pages publish their dates; series are bounded, idempotent and follow changes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from events.models import EventDateChange, EventOccurrence

from .conftest import en, make_event

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def next_tuesday_18():
    today = timezone.localdate()
    days = (1 - today.weekday()) % 7 or 7
    day = today + timedelta(days=days)
    return datetime(day.year, day.month, day.day, 18, tzinfo=STOCKHOLM)


@pytest.fixture
def weekly(event_index, settings):
    settings.SAMVERKA_EVENTS_HORIZON_DAYS = 70
    first = next_tuesday_18()
    return make_event(
        event_index,
        title="Språkcafé på biblioteket",
        starts_at=first,
        recurrence_rule="FREQ=WEEKLY;BYDAY=TU",
        date_changes=[
            EventDateChange(original_date=(first + timedelta(weeks=1)).date(), action="cancel"),
            EventDateChange(
                original_date=(first + timedelta(weeks=2)).date(),
                action="move",
                new_start=first + timedelta(weeks=2, days=1, hours=-1),
            ),
        ],
    )


def test_publishing_creates_one_row_per_date_with_exceptions(weekly):
    dates = list(weekly.occurrences.order_by("original_start"))
    assert 10 <= len(dates) <= 12  # 70 days ahead of the first Tuesday
    assert dates[1].is_cancelled
    assert dates[2].is_moved and dates[2].start.astimezone(STOCKHOLM).hour == 17
    assert all(d.start.astimezone(STOCKHOLM).hour == 18 for d in dates if not d.is_moved)


def test_sync_is_idempotent(weekly):
    before = list(weekly.occurrences.values_list("pk", "start", "status"))
    assert weekly.sync_occurrences() == {"created": 0, "changed": 0, "removed": 0}
    assert list(weekly.occurrences.values_list("pk", "start", "status")) == before


def test_horizon_rolls_forward(weekly, settings):
    count = weekly.occurrences.count()
    later = timezone.now() + timedelta(days=21)
    counts = weekly.sync_occurrences(now=later)
    assert counts["created"] >= 2
    assert weekly.occurrences.count() == count + counts["created"]
    last = weekly.occurrences.order_by("-start").first().start
    assert later + timedelta(days=63) < last <= later + timedelta(days=70)


def test_date_no_longer_in_rule_is_cancelled_if_someone_registered(weekly):
    last = weekly.occurrences.order_by("-start").first()
    first = weekly.occurrences.exclude(status="cancelled").order_by("start").first()
    first.register(name="Amal", email="amal@example.com")
    weekly.recurrence_rule = "FREQ=WEEKLY;BYDAY=TU;COUNT=1"
    weekly.sync_occurrences()
    first.refresh_from_db()
    assert first.status == EventOccurrence.Status.SCHEDULED
    assert not EventOccurrence.objects.filter(pk=last.pk).exists()


def test_moving_a_date_tells_registrants(weekly):
    from samverka.core.models import OutboundEmail

    occurrence = weekly.occurrences.exclude(status="cancelled").order_by("start")[3]
    occurrence.register(name="Amal", email="amal@example.com", language="en")
    OutboundEmail.objects.all().delete()
    weekly.date_changes.add(
        EventDateChange(
            original_date=timezone.localtime(occurrence.original_start).date(),
            action="move",
            new_start=occurrence.start + timedelta(hours=1),
        )
    )
    weekly.save()
    weekly.sync_occurrences()
    (email,) = OutboundEmail.objects.all()
    assert email.to == ["amal@example.com"]
    assert email.kind == "events.date_moved"
    assert "New time" in email.subject
    assert email.attachments[0]["mimetype"] == "text/calendar"


def test_cancelling_a_date_tells_registrants_in_the_text_an_editor_wrote(weekly):
    """A cancelled date and a moved one are two messages (two kinds), each editable in the
    CMS: here the editor's Swedish text for a cancelled date is sent."""
    from wagtail.models import Locale

    from samverka.core.models import MessageText, OutboundEmail

    MessageText.objects.create(
        kind="events.date_cancelled",
        locale=Locale.objects.get(language_code="sv"),
        subject="Inställt: {event} {date}",
        body="Hej {name}! {event} blir inte av den {date}. Andra datum: {event_link}",
    )
    occurrence = weekly.occurrences.exclude(status="cancelled").order_by("start")[3]
    occurrence.register(name="Amal", email="amal@example.com", language="sv")
    OutboundEmail.objects.all().delete()
    weekly.date_changes.add(
        EventDateChange(
            original_date=timezone.localtime(occurrence.original_start).date(),
            action="cancel",
        )
    )
    weekly.save()
    weekly.sync_occurrences()
    (email,) = OutboundEmail.objects.all()
    assert email.kind == "events.date_cancelled"
    assert email.subject.startswith(f"Inställt: {weekly.title}")
    assert email.body.startswith(f"Hej Amal! {weekly.title} blir inte av den")
    assert not email.attachments  # nothing to put in a calendar


class TestFeeds:
    def test_all_events_feed_has_rrule_exdate_and_recurrence_id(self, weekly, client):
        response = client.get(en("events:feed"))
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        master = next(e for e in events if "rrule" in e)
        moved = next(e for e in events if "recurrence-id" in e)
        first = next_tuesday_18()
        assert master.start == first
        assert [d.dt for d in master["exdate"].dts] == [first + timedelta(weeks=1)]
        assert moved["recurrence-id"].dt == first + timedelta(weeks=2)
        assert moved.start == first + timedelta(weeks=2, days=1, hours=-1)
        assert master["uid"] == moved["uid"]

    def test_feeds_per_category_place_organiser(
        self, event_index, client, meeting_place, organisation
    ):
        make_event(
            event_index,
            title="Nätverksträff",
            category="network_meeting",
            place=meeting_place,
            organiser=organisation,
        )
        make_event(event_index, title="Språkcafé")

        def titles(url):
            calendar = icalendar.Calendar.from_ical(client.get(url).content)
            return sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))

        assert titles(en("events:feed")) == ["Nätverksträff", "Språkcafé"]
        assert titles(en("events:feed_category", "network_meeting")) == ["Nätverksträff"]
        assert titles(en("events:feed_place", meeting_place.pk)) == ["Nätverksträff"]
        assert titles(en("events:feed_organiser", organisation.pk)) == ["Nätverksträff"]
        assert client.get(en("events:feed_category", "nonsense")).status_code == 404

    def test_single_date_ics(self, occurrence, client):
        response = client.get(en("events:date_ics", occurrence.pk))
        (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert vevent.start == occurrence.start
        assert vevent.end == occurrence.end

    def test_private_feed_lists_own_registrations_only(
        self, occurrence, event_index, client, volunteer_user
    ):
        from events.models import CalendarToken

        occurrence.register(name="Eva", email=volunteer_user.email, user=volunteer_user)
        other = make_event(event_index, title="Annat").occurrences.get()
        other.register(name="Someone", email="someone@example.com")
        token = CalendarToken.for_user(volunteer_user)
        response = client.get(en("events:feed_private", token.token))
        events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert [str(e["summary"]) for e in events] == [occurrence.event.title]
        assert client.get(en("events:feed_private", "guess")).status_code == 404
        old = token.token
        token.renew()
        assert client.get(en("events:feed_private", old)).status_code == 404

    def test_pages_advertise_feeds(self, occurrence, client):
        html = client.get(en("events:list")).content.decode()
        assert 'rel="alternate" type="text/calendar"' in html
        html = client.get(occurrence.event.url).content.decode()
        assert "/events/calendar/language_cafe.ics" in html


def test_translation_shows_the_swedish_pages_dates(client, event):
    from wagtail.models import Locale

    english_locale = Locale.objects.get(language_code="en")
    english = event.copy_for_translation(english_locale, copy_parents=True)
    english.title = "Language café"
    english.save_revision().publish()
    assert english.occurrences.count() == 0  # the dates belong to the Swedish page
    response = client.get(english.url)
    assert [o.pk for o in response.context["dates"]] == [event.occurrences.get().pk]
    listing = client.get(en("events:list"))
    assert ">Language café</a>" in listing.content.decode()
