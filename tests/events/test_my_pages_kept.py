"""/my/ is kept per person (samverka.core.my_pages_cache): a second visit asks only who the
person is and their consents, and every change of what the page shows makes it new."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Programme, Registration
from samverka.core import my_pages_cache

from .conftest import en, make_event, make_participant

# session, user, and whether the user has a volunteer profile or a person (this one has
# neither, so there are no consents to read)
KEPT_QUERIES = 4


def _my(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(en("core:my_pages"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _kept(client):
    """The page twice: the second is the kept one (the first visit may create the calendar
    address, which is a change of the page)."""
    _my(client)
    _my(client)
    return _my(client)


def test_a_second_visit_asks_only_who_the_person_is(client, volunteer_user, occurrence):
    occurrence.register(name="Eva", email=volunteer_user.email, user=volunteer_user)
    client.force_login(volunteer_user)
    first, built = _my(client)
    kept, asked = _kept(client)
    assert built > asked == KEPT_QUERIES
    assert occurrence.event.title in kept

    def without_tokens(html):
        # the form's CSRF token is new on every request; a cancellation link's signed token
        # carries the second it was made
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return re.sub(r"[\w-]+:[\w-]+:[\w-]+/", "token/", html)

    assert without_tokens(kept) == without_tokens(first)


def test_the_kept_form_carries_the_requests_own_token(volunteer_user, occurrence):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer_user)
    html, _queries = _kept(client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert my_pages_cache.CSRF_MARK not in html
    response = client.post(en("events:renew_private_feed"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_each_person_and_language_has_their_own_page(client, volunteer_user, coordinator):
    client.force_login(volunteer_user)
    _kept(client)
    other = Client()
    other.force_login(coordinator)
    page, _queries = _my(other)
    assert coordinator.email in page and volunteer_user.email not in page
    swedish = client.get("/my/").content.decode()
    assert "Mina sidor" in swedish


def test_registering_and_cancelling_show_at_once(client, volunteer_user, event_index):
    event = make_event(event_index, title="Läxhjälp på biblioteket")
    occurrence = event.occurrences.get()
    client.force_login(volunteer_user)
    assert "Läxhjälp" not in _kept(client)[0]
    registration, _created = occurrence.register(
        name="Eva", email=volunteer_user.email, user=volunteer_user
    )
    assert "Läxhjälp" in _my(client)[0]
    _kept(client)
    registration.delete()
    assert "Läxhjälp" not in _my(client)[0]


def test_a_renamed_event_and_a_moved_date_show_at_once(client, volunteer_user, occurrence):
    occurrence.register(name="Eva", email=volunteer_user.email, user=volunteer_user)
    client.force_login(volunteer_user)
    _kept(client)
    event = occurrence.event
    event.title = "Språkcafé med fika"
    event.save_revision().publish()
    assert "Språkcafé med fika" in _my(client)[0]
    occurrence.refresh_from_db()
    occurrence.start += timedelta(hours=1)
    occurrence.end += timedelta(hours=1)
    occurrence.save()
    assert timezone.localtime(occurrence.start).strftime("%H:%M") in _my(client)[0]


def test_an_enrolment_made_in_bulk_shows_at_once(client, volunteer_user, event):
    programme = Programme.objects.create(name="Svenska för föräldrar", event=event)
    participant = make_participant("Eva Holm", user=volunteer_user)
    client.force_login(volunteer_user)
    assert "Svenska för föräldrar" not in _kept(client)[0]
    programme.enrol_many([(participant.person, [], None)])
    assert "Svenska för föräldrar" in _my(client)[0]


def test_a_group_that_opens_the_administration_shows_the_link_at_once(client, volunteer_user):
    client.force_login(volunteer_user)
    assert "Open the administration" not in _kept(client)[0]
    group = Group.objects.create(name="Kompisvärdar")
    volunteer_user.groups.add(group)
    _kept(client)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    assert "Open the administration" in _my(client)[0]


def test_a_page_is_not_kept_past_the_end_of_its_first_date(volunteer_user, occurrence):
    occurrence.end = timezone.now() + timedelta(seconds=90)
    occurrence.save()
    Registration.objects.filter(occurrence=occurrence).delete()
    occurrence.register(name="Eva", email=volunteer_user.email, user=volunteer_user)
    client = Client()
    client.force_login(volunteer_user)
    _kept(client)
    kept = [key for key in cache._cache if ":my:page:" in key]
    assert kept
    expires = min(cache._expire_info[key] for key in kept)
    assert expires - timezone.now().timestamp() <= 90 < my_pages_cache.KEEP_SECONDS
