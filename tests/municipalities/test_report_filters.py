"""Every report has a home-municipality filter beside its breakdown, limited to the
municipalities the user may see: another municipality's id is a 404, never its figures. And
every report counts only what the user coordinates (the internship and coaching reports were
not scoped before)."""

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def _regional():
    from django.contrib.auth.models import Group

    from samverka.core.permissions import COORDINATOR, REGIONAL_COORDINATOR
    from tests.municipalities.conftest import make_coordinator

    regional = make_coordinator("region@example.org")
    regional.groups.add(Group.objects.get(name=REGIONAL_COORDINATOR))
    assert regional.groups.filter(name=COORDINATOR).exists()
    return regional


def _reports(w):
    """(url, the municipalities a filter may name for Karin, for Nils)."""
    course = [w.alunda.pk, w.norrvik.pk]  # Karin organises: both; Nils: his residents
    return [
        (reverse("kompis_figures:index"), [w.alunda.pk], [w.norrvik.pk]),
        (reverse("internships_admin:report"), [w.alunda.pk], [w.norrvik.pk]),
        (reverse("coaching_admin:report"), [w.alunda.pk], [w.norrvik.pk]),
        (reverse("events_admin:course_report", args=[w.course.pk]), course, [w.norrvik.pk]),
        (reverse("events_admin:attendance", args=[w.course.pk]), course, [w.norrvik.pk]),
        (reverse("events_municipalities:programme", args=[w.course.pk]), course, [w.norrvik.pk]),
    ]


@pytest.mark.parametrize("who", ["karin", "nils"])
def test_a_filter_naming_a_municipality_out_of_reach_is_a_404(client, world, who):
    from samverka.people.municipalities import Municipality

    user = getattr(world, who)
    stranger = Municipality.objects.create(name="Söderby kommun", code="0998")
    for url, karins, nils in _reports(world):
        allowed = karins if who == "karin" else nils
        for municipality in (world.alunda, world.norrvik, stranger):
            response = _get(client, user, url, municipality=municipality.pk)
            expected = 200 if municipality.pk in allowed else 404
            assert response.status_code == expected, (url, who, municipality.name)
        assert _get(client, user, url, municipality="x").status_code == 404, url
        assert _get(client, user, url).status_code == 200, url


def test_the_organiser_filters_the_shared_course_by_the_sending_municipality(client, world):
    url = reverse("events_admin:course_report", args=[world.course.pk])
    everyone = _get(client, world.karin, url).context["report"]
    assert {e.participant.person_id for e, _p in everyone.rows} == {
        world.amal.person.pk,
        world.reza.person.pk,
    }
    page = _get(client, world.karin, url, municipality=world.norrvik.pk)
    report = page.context["report"]
    assert [e.participant.person_id for e, _p in report.rows] == [world.reza.person.pk]
    assert report.total.hours == 6.0
    assert 'name="municipality"' in page.content.decode()  # the filter is shown
    # the download carries the filter
    csv = _get(client, world.karin, url, municipality=world.norrvik.pk, format="csv")
    text = csv.content.decode("utf-8-sig")
    assert "Reza" in text and "Amal" not in text


def test_the_sending_municipality_sees_its_residents_in_every_course_figure(client, world):
    """Nils sees no Ålunda resident in the course report, its survey, the attendance table
    or the absence flags of the shared course."""
    from events.models import Attendance

    # Amal has missed the last session: flag her (as the organiser's update would)
    world.enrolments["Amal"].flagged_at = world.later
    world.enrolments["Amal"].save(update_fields=["flagged_at"])
    from events.models import AbsenceFlag

    AbsenceFlag.objects.create(enrolment=world.enrolments["Amal"], streak=2, flagged_at=world.later)
    assert Attendance.objects.filter(participant=world.enrolments["Amal"].participant).exists()

    report = _get(
        client, world.nils, reverse("events_admin:course_report", args=[world.course.pk])
    ).context["report"]
    assert [e.participant.person_id for e, _p in report.rows] == [world.reza.person.pk]
    assert sum(r.total["count"] for r in report.survey) == 1  # Reza's answer only

    attendance = _get(
        client, world.nils, reverse("events_admin:attendance", args=[world.course.pk])
    )
    assert attendance.context["flags"] == []
    # columns: slot, week, sessions, expected, attended, ...: the four sessions were expected
    # of Reza alone for Nils, of both for Karin
    table = attendance.context["table"]
    assert (sum(row[3] for row in table), sum(row[4] for row in table)) == (4, 2)
    karin = _get(client, world.karin, reverse("events_admin:attendance", args=[world.course.pk]))
    assert len(karin.context["flags"]) == 1
    table = karin.context["table"]
    assert (sum(row[3] for row in table), sum(row[4] for row in table)) == (8, 5)


def test_the_survey_report_counts_a_shared_course_by_who_may_see_it(client, world):
    url = reverse("events_admin:feedback")
    for who, count in (("karin", 2), ("nils", 1)):
        results = _get(client, getattr(world, who), url).context["results"]
        assert sum(r.total["count"] for r in results) == count, who
    # the home-municipality filter offers only Nils's own municipality
    form = _get(client, world.nils, url).context["form"]
    assert [value for value, _label in form.fields["group_municipality"].choices] == [
        "",
        str(world.norrvik.pk),
    ]
    # naming Ålunda is refused by the form: never Ålunda's answers
    page = _get(client, world.nils, url, group_municipality=world.alunda.pk)
    assert page.context["form"].errors
    assert sum(r.total["count"] for r in page.context["results"]) == 1


def _started(report) -> int:
    # rows: (period, [started, completed])
    return sum(counts[0] for _period, counts in report.table("started_completed").rows)


def test_the_internship_report_counts_the_users_residents(client, world):
    url = reverse("internships_admin:report")
    params = {"start": "2026-01-01", "end": "2026-12-31", "granularity": "year"}
    params["checkpoint"] = "end"
    assert _started(_get(client, world.karin, url, **params).context["report"]) == 1
    assert _started(_get(client, world.nils, url, **params).context["report"]) == 1
    regional = _regional()
    assert _started(_get(client, regional, url, **params).context["report"]) == 2
    only = _get(client, regional, url, municipality=world.norrvik.pk, **params)
    assert _started(only.context["report"]) == 1
    assert 'name="municipality"' in only.content.decode()


def test_the_coaching_report_counts_the_users_residents(world):
    from coaching.models import CaseOutcome
    from coaching.reports import Report
    from samverka.people.models import Person
    from samverka.people.outcomes import Outcome

    from .test_scoped_actions import make_coaching_case

    for first_name, municipality in (("Ali", world.alunda), ("Nour", world.norrvik)):
        person = Person.objects.create(first_name=first_name, home_municipality=municipality)
        case = make_coaching_case(person)
        CaseOutcome.objects.create(
            case=case,
            kind=Outcome.Kind.JOB_PERMANENT,
            recorded_on=date(2026, 3, 1),
            job_start_date=date(2026, 3, 1),
            employer_name="Bygg AB",
        )

    def into_job(user, municipality=None):
        report = Report(date(2026, 1, 1), date(2026, 12, 31), user=user)
        report.municipality = municipality
        return report.run().into_job

    assert into_job(world.karin) == 1
    assert into_job(world.nils) == 1
    regional = _regional()
    assert into_job(regional) == 2
    assert into_job(regional, world.norrvik.pk) == 1
    assert into_job(None) == 2  # no user: the whole installation (the benchmark's use)


def test_report_pages_cost_the_same_with_the_filter_and_any_number_of_rows(client, world):
    """The filter costs no query beyond the user's municipalities, and the pages stay flat
    as rows are added."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentors.models import Newcomer

    def counts():
        result = {}
        for url, _k, _n in _reports(world):
            client.force_login(world.nils)
            client.get(url)  # menus and sessions cached
            with CaptureQueriesContext(connection) as plain:
                client.get(url)
            with CaptureQueriesContext(connection) as filtered:
                client.get(url, {"municipality": world.norrvik.pk})
            assert len(filtered) == len(plain), url
            result[url] = len(plain)
        return result

    from events.models import Attendance, Enrolment, Participant

    before = counts()
    for n in range(8):
        newcomer = Newcomer.objects.register(
            first_name=f"Ny{n}", district="Norrvik centrum", home_municipality=world.norrvik
        )
        participant = Participant.objects.for_person(newcomer.person)
        Enrolment.objects.create(
            programme=world.course, participant=participant, enrolled_on=world.monday.date()
        )
        Attendance.objects.create(
            occurrence=world.sessions[0], participant=participant, method="staff"
        )
    assert counts() == before
