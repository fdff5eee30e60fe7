"""A slot's places under real concurrency (PostgreSQL: row locks across
connections): 40 coordinators' requests book the same slot of 18 workstations at
once, one participant each; exactly 18 succeed."""

import pytest
from django.db import connection

from events.models import Enrolment, Programme, SlotFull

from .conftest import make_event, make_participant
from .test_concurrency import run_at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 40
PLACES = 18


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite has no row locks)")


def test_forty_at_once_for_eighteen_places(event_index):
    event = make_event(event_index, recurrence_rule="FREQ=WEEKLY;COUNT=4")
    programme = Programme.objects.create(name="Jobbhörnet", event=event)
    (slot,) = programme.derive_slots(capacity=PLACES)
    enrolments = [
        Enrolment.objects.create(
            programme=programme, participant=make_participant(name=f"Deltagare {n}")
        )
        for n in range(THREADS)
    ]

    def book(i):
        try:
            Enrolment.objects.get(pk=enrolments[i].pk).book([slot])
            return "booked"
        except SlotFull:
            return "full"

    results, errors, peak = run_at_once(THREADS, book)
    assert errors == []
    assert peak > 1  # the requests really overlapped
    assert results.count("booked") == PLACES
    assert results.count("full") == THREADS - PLACES
    assert slot.enrolments.count() == PLACES


def test_bulk_enrolments_at_once_never_overfill(event_index):
    from samverka.people.models import Person

    event = make_event(event_index, recurrence_rule="FREQ=WEEKLY;COUNT=4")
    programme = Programme.objects.create(name="Jobbhörnet", event=event)
    (slot,) = programme.derive_slots(capacity=PLACES)
    groups = [[Person.objects.create(first_name=f"G{g}P{n}") for n in range(5)] for g in range(8)]

    def enrol(i):
        try:
            programme.enrol_many([(person, [slot], None) for person in groups[i]])
            return "enrolled"
        except Exception as error:  # noqa: BLE001 - a ValidationError when full
            return type(error).__name__

    results, errors, _peak = run_at_once(len(groups), enrol)
    assert errors == []
    assert results.count("enrolled") == PLACES // 5  # three groups of five fit in 18
    assert slot.enrolments.count() == 15
