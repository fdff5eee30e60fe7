"""The demo's two municipalities: Norrvik with its coordinator, and its residents in Ålunda's
civic-orientation course. Idempotent like every seeder."""

import pytest

pytestmark = pytest.mark.django_db


def test_two_municipalities_and_a_shared_course(home_page, coordinator):
    from events.demo import seed_events
    from events.models import Enrolment, Programme
    from events.municipality_demo import SHARED_COURSE, seed_shared_course
    from events.municipality_report import programme_by_municipality
    from samverka.people.demo import seed_municipalities
    from samverka.people.municipalities import Municipality, MunicipalityRole

    messages = []
    for _round in range(2):
        seed_municipalities(messages.append)
        seed_events(messages.append)
        seed_shared_course(messages.append)
    norrvik = Municipality.objects.get(name="Norrvik kommun")
    assert MunicipalityRole.objects.filter(municipality=norrvik).count() == 1
    course = Programme.objects.get(name=SHARED_COURSE)
    assert list(course.accepted_municipalities.all()) == [norrvik]
    homes = set(
        Enrolment.objects.filter(programme=course).values_list(
            "participant__person__home_municipality__name", flat=True
        )
    )
    assert homes == {"Ålunda kommun", "Norrvik kommun"}
    assert (
        Enrolment.objects.filter(
            programme=course, participant__person__home_municipality=norrvik
        ).count()
        == 6
    )
    figures = programme_by_municipality(course, coordinator)
    assert {row["name"] for row in figures["hours"]} == {"Ålunda kommun", "Norrvik kommun"}
    # Answers keep their home municipality only where five or more of the course share it
    # (the demo's Ålunda answers do not): those count in the total under no municipality.
    named = {row["name"] for row in figures["survey"] if row["municipality_id"]}
    assert named == {"Norrvik kommun"}
    assert figures["survey"].total["answers"] >= sum(
        row["answers"] or 0 for row in figures["survey"] if row["municipality_id"]
    )
