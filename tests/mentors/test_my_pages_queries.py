"""/my/ for a kompis volunteer: the same number of queries for one match as for twenty, and
the hours they gave counted over all their matches (declined ones too, as before)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations.models import Membership
from mentors.models import Match, Meeting, volunteer_hours
from samverka.core import my_pages_cache
from tests.associations.conftest import make_organisation

from .conftest import make_newcomer


def _match_with_meeting(volunteer, name, minutes, status=Match.Status.ACTIVE):
    match = Match.propose(make_newcomer(name), volunteer)
    Match.objects.filter(pk=match.pk).update(status=status)
    Meeting.objects.create(
        match=match, date=datetime.date(2026, 11, 2), minutes=minutes, activity="Fika"
    )
    return match


def _membership(volunteer, name):
    organisation = make_organisation(name=name)
    Membership.objects.create(volunteer=volunteer, organisation=organisation)


def _render(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:my_pages"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_my_pages_asks_as_many_queries_for_one_match_as_for_twenty(client, volunteer_user, eva):
    eva.capacity = 25
    eva.save()
    client.force_login(volunteer_user)
    _match_with_meeting(eva, "A0", 90)
    _membership(eva, "Förening 0")
    _render(client)  # the first render fills the layout cache
    my_pages_cache.changed([volunteer_user.pk])  # the sections are built again
    page, one = _render(client)
    assert "Fika" not in page and "A0" in page
    for index in range(1, 20):
        _match_with_meeting(eva, f"A{index}", 30)
    for index in range(1, 5):  # the volunteer section lists their organisations
        _membership(eva, f"Förening {index}")
    page, twenty = _render(client)
    # session, user, volunteer, person, consents (one query for every purpose), then the
    # sections' own: representations, matches, internships, registrations, calendar,
    # referrals, the admin link, memberships
    assert twenty == one == 13
    assert "A19" in page and "Förening 4" in page
    # Kept until something on it changes: then only who the person is and their consents.
    page, kept = _render(client)
    assert kept == 5
    assert "A19" in page and "Förening 4" in page
    assert volunteer_hours(eva) == 11.0
    assert "You have given 11.0 hours as a kompis." in page


def test_declined_matches_count_towards_hours_but_are_not_listed(client, volunteer_user, eva):
    eva.capacity = 3
    eva.save()
    client.force_login(volunteer_user)
    _match_with_meeting(eva, "Kept", 60)
    _match_with_meeting(eva, "Gone", 30, status=Match.Status.DECLINED)
    page, _ = _render(client)
    assert "Kept" in page and "Gone" not in page
    assert volunteer_hours(eva) == 1.5
    assert "You have given 1.5 hours as a kompis." in page


def test_a_kompis_match_and_a_renamed_newcomer_show_at_once(client, volunteer_user, eva):
    client.force_login(volunteer_user)
    for _ in range(3):
        page, _queries = _render(client)
    assert "Samira" not in page
    match = Match.propose(make_newcomer("Samira"), eva)
    page, _queries = _render(client)
    assert "Samira" in page
    _render(client)
    person = match.newcomer.person
    person.first_name = "Samia"
    person.save()
    page, _queries = _render(client)
    assert "Samia" in page and "Samira" not in page
    Meeting.objects.create(
        match=match, date=datetime.date(2026, 11, 2), minutes=120, activity="Fika"
    )
    page, _queries = _render(client)
    assert "You have given 2.0 hours as a kompis." in page


def test_a_renamed_organisation_shows_at_once(client, volunteer_user, eva):
    client.force_login(volunteer_user)
    _membership(eva, "Syföreningen")
    for _ in range(3):
        page, _queries = _render(client)
    assert "Syföreningen" in page
    organisation = eva.memberships.get().organisation
    organisation.name = "Syföreningen Ålunda"
    organisation.save()
    assert "Syföreningen Ålunda" in _render(client)[0]
