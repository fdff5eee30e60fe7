"""Figures per home municipality (the shared course's hours and survey results) and matching
that stays within a municipality unless the policy says otherwise."""

import pytest
from django.db.models import Count
from django.urls import reverse

from samverka.people.municipalities import breakdown

pytestmark = pytest.mark.django_db


def test_the_shared_course_per_home_municipality_for_the_organiser(world):
    from events.municipality_report import programme_by_municipality

    figures = programme_by_municipality(world.course, world.karin)
    hours = {row["name"]: row for row in figures["hours"]}
    # three-hour sessions: Amal came to three, Reza (from Norrvik) to two
    assert hours[world.alunda.name]["people"] == 1
    assert hours[world.alunda.name]["hours"] == 9.0
    assert hours["Norrvik kommun"]["sessions"] == 2
    assert hours["Norrvik kommun"]["hours"] == 6.0
    assert figures["hours"].total["hours"] == 15.0
    assert figures["hours"].total["people"] == 2
    survey = {row["name"]: row for row in figures["survey"]}
    assert survey[world.alunda.name]["very_satisfied_percent"] == 100
    assert survey["Norrvik kommun"]["average"] == 4.0
    assert figures["survey"].total["answers"] == 2
    assert figures["survey"].total["very_satisfied_percent"] == 50


def test_the_sending_municipality_sees_its_own_residents_only(world):
    from events.municipality_report import programme_by_municipality

    figures = programme_by_municipality(world.course, world.nils)
    assert [row["name"] for row in figures["hours"]] == ["Norrvik kommun"]
    assert figures["hours"].total["hours"] == 6.0
    assert [row["name"] for row in figures["survey"]] == ["Norrvik kommun"]


def test_the_report_page_for_both_coordinators(client, world):
    url = reverse("events_municipalities:programme", args=[world.course.pk])
    client.force_login(world.karin)
    page = client.get(url).content.decode()
    assert "Norrvik kommun" in page and world.alunda.name in page
    client.force_login(world.nils)
    page = client.get(url).content.decode()
    row = '<th scope="row">%s</th>'
    assert row % "Norrvik kommun" in page and row % world.alunda.name not in page


def test_filter_and_small_groups(world):
    from events.models import Attendance

    attendance = Attendance.objects.filter(occurrence__event=world.course.event)
    path = "participant__person__home_municipality"
    only = breakdown(attendance, path, municipality=world.norrvik, people=Count("participant"))
    assert [row["name"] for row in only] == ["Norrvik kommun"]
    hidden = breakdown(attendance, path, small_group=3, sessions=Count("id"))
    rows = {row["name"]: row for row in hidden}
    assert rows["Norrvik kommun"]["hidden"] and rows["Norrvik kommun"]["sessions"] is None
    assert rows[world.alunda.name]["sessions"] == 3  # three is not below three
    assert hidden.suppressed == 1
    assert hidden.total["sessions"] == 5


def test_kompis_figures_per_home_municipality(world):
    from mentors.figures import kompis_figures

    rows = {row["name"]: row for row in kompis_figures(world.karin)}
    assert set(rows) == {world.alunda.name}
    rows = {row["name"]: row for row in kompis_figures(world.nils)}
    assert set(rows) == {"Norrvik kommun"}
    assert rows["Norrvik kommun"]["proposed"] == 1


def _waiting_pair(alunda, norrvik):
    from tests.mentors.conftest import make_mentor, make_newcomer

    make_mentor("Eva", district="Ålunda centrum")
    newcomer = make_newcomer("Reza", district="Norrvik centrum", home_municipality=norrvik)
    return newcomer


def test_matching_stays_within_a_municipality_by_default(alunda, norrvik):
    from mentors.models import MatchingPolicy, MatchRun

    _waiting_pair(alunda, norrvik)
    MatchingPolicy.objects.current()
    run = MatchRun.execute()
    assert run.stats["matched"] == 0

    policy = MatchingPolicy.objects.current()
    policy.across_municipalities = True
    policy.max_distance_km = None
    policy.save()
    run = MatchRun.execute()
    assert run.stats["matched"] == 1


def test_the_kompis_figures_page(client, world):
    client.force_login(world.nils)
    page = client.get(reverse("kompis_figures:index")).content.decode()
    assert '<th scope="row">Norrvik kommun</th>' in page
    assert f'<th scope="row">{world.alunda.name}</th>' not in page
