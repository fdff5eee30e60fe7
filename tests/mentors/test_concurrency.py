"""Capacity under real concurrency: many coordinators approve pairs for the same kompis at
once. The volunteer's row lock (`select_for_update`) makes them count one after another, so
the capacity is never exceeded. PostgreSQL only (SQLite has no row locks)."""

import threading

import pytest
from django.db import connection

from mentors.models import CapacityError, Match

from .conftest import make_mentor, make_newcomer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 16


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite has no row locks)")


def run_at_once(work, count):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def thread(i):
        from django.db import connection as own

        barrier.wait()
        try:
            results.append(work(i))
        except CapacityError as error:
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=thread, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_concurrent_approvals_never_exceed_capacity():
    eva = make_mentor("Eva", capacity=2)
    newcomers = [make_newcomer(f"N{i}") for i in range(THREADS)]
    results, errors = run_at_once(lambda i: Match.propose(newcomers[i], eva), THREADS)
    assert len(results) == 2
    assert len(errors) == THREADS - 2
    assert Match.objects.filter(volunteer=eva).count() == 2


def test_the_same_newcomer_approved_twice_at_once_gets_one_match():
    mentors = [make_mentor(f"M{i}", capacity=1) for i in range(THREADS)]
    amina = make_newcomer("Amina")
    results, errors = run_at_once(lambda i: Match.propose(amina, mentors[i]), THREADS)
    assert len(results) == 1
    assert Match.objects.filter(newcomer=amina).count() == 1
