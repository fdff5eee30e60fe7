"""Two municipalities in one installation: Ålunda (runs it) and its neighbour Norrvik, which
sends its residents to Ålunda's civic-orientation course.

Karin coordinates Ålunda (she has no role: a coordinator without one coordinates the
municipality that runs the installation); Nils coordinates Norrvik (a MunicipalityRole)."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group

from samverka.core.permissions import COORDINATOR

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY = datetime(2026, 1, 5, 9, tzinfo=STOCKHOLM)


@pytest.fixture
def alunda(db):
    from samverka.people.municipalities import Municipality

    return Municipality.objects.get(is_default=True)


@pytest.fixture
def norrvik(db):
    from samverka.people.municipalities import District, Municipality

    municipality = Municipality.objects.create(name="Norrvik kommun", code="0999")
    District.objects.create(
        municipality=municipality,
        name="Norrvik centrum",
        postcodes="199 30, 199 31",
        latitude=59.52,
        longitude=17.90,
    )
    return municipality


def make_coordinator(email, municipality=None):
    from django.contrib.auth import get_user_model

    from samverka.people.municipalities import MunicipalityRole

    user = get_user_model().objects.create_user(username=email, email=email, password="x-long-pw-1")
    user.groups.add(Group.objects.get(name=COORDINATOR))
    if municipality is not None:
        MunicipalityRole.objects.create(user=user, municipality=municipality)
    return user


@pytest.fixture
def nils(norrvik):
    return make_coordinator("nils@norrvik.example", norrvik)


@pytest.fixture
def world(home_page, coordinator, nils, alunda, norrvik):
    """One resident of each municipality in every kind of record a coordinator reaches."""
    from associations.models import Organisation, Volunteer
    from events.models import (
        Attendance,
        Enrolment,
        EventIndexPage,
        FeedbackResponse,
        Participant,
        Programme,
    )
    from mentors.internships.models import Internship, InternshipPlace
    from mentors.models import Match, Newcomer
    from tests.events.conftest import make_event

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    event = make_event(
        index,
        title="Samhällsorientering",
        category="civic_orientation",
        starts_at=MONDAY,
        duration_minutes=180,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO;COUNT=4",
        registration_required=False,
    )
    course = Programme.objects.create(
        name="Samhällsorientering vt 2026",
        kind=Programme.Kind.CIVIC_ORIENTATION,
        event=event,
        hours_goal=100,
        organising_municipality=alunda,
    )
    course.accepted_municipalities.add(norrvik)
    own_event = make_event(
        index,
        title="Jobbhörnet Norrvik",
        starts_at=MONDAY,
        duration_minutes=60,
        registration_required=False,
    )
    own_course = Programme.objects.create(
        name="Jobbhörnet Norrvik", event=own_event, organising_municipality=norrvik
    )

    amal = Newcomer.objects.register(
        first_name="Amal", last_name="Yousef", district="Västerby", home_municipality=alunda
    )
    reza = Newcomer.objects.register(
        first_name="Reza",
        last_name="Karimi",
        district="Norrvik centrum",
        home_municipality=norrvik,
    )
    eva = Volunteer.objects.create(first_name="Eva", last_name="Holm", district="Västerby")
    match_amal = Match.objects.create(newcomer=amal, volunteer=eva)
    match_reza = Match.objects.create(newcomer=reza, volunteer=eva)

    enrolments = {}
    sessions = list(event.occurrences.order_by("start"))
    for newcomer, attended in ((amal, 3), (reza, 2)):
        participant = Participant.objects.for_person(newcomer.person)
        enrolment = Enrolment.objects.create(
            programme=course, participant=participant, enrolled_on=MONDAY.date()
        )
        enrolments[newcomer.first_name] = enrolment
        for session in sessions[:attended]:
            Attendance.objects.create(occurrence=session, participant=participant, method="staff")
    enrolments["Reza at home"] = Enrolment.objects.create(
        programme=own_course, participant=enrolments["Reza"].participant
    )
    # Survey answers are anonymous (events.surveys): each keeps only its coarse groups, the
    # home municipality among them (as in a course where at least five share it).
    from events.surveys import week_of

    for name, municipality, satisfaction in (("Amal", alunda, 5), ("Reza", norrvik, 4)):
        person = enrolments[name].participant.person
        assert person.home_municipality_id == municipality.pk
        FeedbackResponse.objects.create(
            event=event,
            programme=course,
            kind=event.category,
            week=week_of(MONDAY.date()),
            groups={"municipality": str(municipality.pk)},
            satisfaction=satisfaction,
        )

    employer = Organisation.objects.create(
        name="Bygg AB", organisation_number="556677-8899", status=Organisation.Status.APPROVED
    )
    employer.service_area.add(alunda)
    norrvik_org = Organisation.objects.create(
        name="Norrviks IF", organisation_number="802000-1111", status=Organisation.Status.APPROVED
    )
    norrvik_org.service_area.add(norrvik)
    places = {}
    for municipality, name in ((alunda, "Ålunda"), (norrvik, "Norrvik")):
        places[name] = InternshipPlace.objects.create(
            employer=employer,
            title=f"Snickare {name}",
            occupation="Snickare",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            number_of_places=2,
            review=InternshipPlace.Review.APPROVED,
            municipality=municipality,
        )
    internships = {
        "Amal": Internship.objects.place(
            newcomer=amal,
            place=places["Ålunda"],
            start_date=date(2026, 2, 2),
            end_date=date(2026, 5, 1),
        ),
        "Reza": Internship.objects.place(
            newcomer=reza,
            place=places["Ålunda"],
            start_date=date(2026, 2, 2),
            end_date=date(2026, 5, 1),
        ),
    }
    return SimpleNamespace(
        karin=coordinator,
        nils=nils,
        alunda=alunda,
        norrvik=norrvik,
        course=course,
        own_course=own_course,
        amal=amal,
        reza=reza,
        matches={"Amal": match_amal, "Reza": match_reza},
        enrolments=enrolments,
        places=places,
        internships=internships,
        organisations={"Ålunda": employer, "Norrvik": norrvik_org},
        sessions=sessions,
        own_sessions=list(own_event.occurrences.order_by("start")),
        monday=MONDAY,
        later=MONDAY + timedelta(days=60),
    )


@pytest.fixture(autouse=True)
def _municipalities_in_memory_as_before():
    """These tests add municipalities and districts, which the in-memory copy follows at once.
    The rollback afterwards sends no signal: put back the copy as it was before the test (it
    matches the rolled-back database), so the next test neither sees Norrvik nor pays for a
    reload inside a pinned query count."""
    from samverka.people import municipalities

    saved = municipalities._memo["data"]
    yield
    municipalities._memo["data"] = saved
    municipalities._memo["version"] = None  # the cache (and its version key) is emptied next
