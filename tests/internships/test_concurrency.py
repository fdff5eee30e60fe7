"""Place capacity and one-person overlap under real concurrency (PostgreSQL row locks).

Twenty coordinators place twenty different newcomers in a place with three seats at
the same moment: exactly three succeed. Ten place the same newcomer in ten different
places for the same dates: exactly one succeeds. The rest get the clear message.
"""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from mentors.internships.models import Internship, InternshipPlace

from .conftest import make_employer, make_newcomer, make_place

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite has no row locks)")


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def thread(i):
        barrier.wait()
        try:
            with translation.override("en"):
                results.append(work(i))
        except ValidationError as error:
            with translation.override("en"):
                errors.append(" ".join(error.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=thread, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results, errors


def test_twenty_at_once_for_three_seats():
    place = make_place(make_employer("Ålunda Bygg AB"), number_of_places=3)
    newcomers = [make_newcomer(f"P{i}") for i in range(20)]

    def work(i):
        return Internship.objects.place(
            newcomer=newcomers[i],
            place=place,
            start_date=date(2026, 2, 2),
            end_date=date(2026, 5, 1),
        ).pk

    results, errors = run_at_once(20, work)
    assert len(results) == 3 and len(errors) == 17
    assert all("are taken" in e for e in errors)
    assert Internship.objects.filter(place=place).count() == 3
    place.refresh_from_db()
    assert place.status == InternshipPlace.Status.FILLED


def test_the_same_person_in_ten_places_at_once():
    employer = make_employer("Ålunda Bygg AB")
    places = [make_place(employer, title=f"Plats {i}") for i in range(10)]
    newcomer = make_newcomer()

    def work(i):
        return Internship.objects.place(
            newcomer=newcomer,
            place=places[i],
            start_date=date(2026, 2, 2),
            end_date=date(2026, 5, 1),
        ).pk

    results, errors = run_at_once(10, work)
    assert len(results) == 1 and len(errors) == 9
    assert all("cannot overlap" in e for e in errors)
    assert Internship.objects.filter(newcomer=newcomer).count() == 1
