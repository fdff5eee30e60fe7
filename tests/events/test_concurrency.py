"""Capacity under real concurrency (PostgreSQL: row locks across connections).

At least 100 threads register at the same moment for 10 seats. Each thread has
its own database connection; the date's row lock (`select_for_update`) makes
them count seats one after another, so exactly 10 are confirmed.
"""

import threading
from collections import Counter

import pytest
from django.db import connection

from events.models import EventOccurrence, Registration

from .conftest import make_event

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 120
SEATS = 10


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite has no row locks)")


def connection_slots(wanted: int) -> int:
    """How many connections this server still allows us (CI's default is 100)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_connections')::int")
        maximum = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        used = cursor.fetchone()[0]
    return max(2, min(wanted, maximum - used - 8))


def run_at_once(count, work):
    """Start `count` threads together; each runs `work(i)` on its own connection."""
    barrier = threading.Barrier(count)
    slots = threading.BoundedSemaphore(connection_slots(count))
    results, errors = [], []
    inside = [0, 0]  # now, peak
    lock = threading.Lock()

    def thread(i):
        barrier.wait()
        with slots:
            with lock:
                inside[0] += 1
                inside[1] = max(inside)
            try:
                results.append(work(i))
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)
            finally:
                with lock:
                    inside[0] -= 1
                connection.close()

    threads = [threading.Thread(target=thread, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results, errors, inside[1]


def test_hundred_and_twenty_at_once_for_ten_seats(event_index):
    occurrence = make_event(event_index, capacity=SEATS).occurrences.get()

    def register(i):
        registration, _created = EventOccurrence.objects.get(pk=occurrence.pk).register(
            name=f"Person {i}", email=f"person{i}@example.com"
        )
        return registration.status

    results, errors, peak = run_at_once(THREADS, register)
    print(f"peak simultaneous transactions: {peak}")
    assert errors == []
    assert Counter(results) == {"confirmed": SEATS, "waitlisted": THREADS - SEATS}
    assert occurrence.confirmed_seats() == SEATS
    assert occurrence.registrations.waitlisted().count() == THREADS - SEATS

    # Cancelling one confirmed seat promotes the first on the waitlist, and only them.
    first_waiting = occurrence.registrations.waitlisted().order_by("created_at", "pk").first()
    occurrence.registrations.confirmed().first().cancel()
    first_waiting.refresh_from_db()
    assert first_waiting.status == Registration.Status.CONFIRMED
    assert occurrence.confirmed_seats() == SEATS


def test_cancellations_and_registrations_at_once_never_overbook(event_index):
    occurrence = make_event(event_index, capacity=SEATS).occurrences.get()
    for i in range(30):
        occurrence.register(name=f"Early {i}", email=f"early{i}@example.com", notify=False)
    to_cancel = list(occurrence.registrations.confirmed().values_list("pk", flat=True)[:5])

    def work(i):
        if i < len(to_cancel):
            Registration.objects.get(pk=to_cancel[i]).cancel()
            return "cancelled"
        registration, _ = EventOccurrence.objects.get(pk=occurrence.pk).register(
            name=f"Late {i}", email=f"late{i}@example.com", notify=False
        )
        return registration.status

    results, errors, _peak = run_at_once(60, work)
    assert errors == []
    assert occurrence.confirmed_seats() == SEATS
    # Promotion follows the waitlist's order: every early waiter before any late one.
    promoted = set(occurrence.registrations.confirmed().values_list("name", flat=True))
    assert not any(name.startswith("Late") for name in promoted)


def test_double_submit_from_many_threads_makes_one_registration(event_index):
    occurrence = make_event(event_index, capacity=SEATS).occurrences.get()

    def submit(i):
        registration, _ = EventOccurrence.objects.get(pk=occurrence.pk).register(
            name="Amal", email="amal@example.com", idempotency_key="same-form", notify=False
        )
        return registration.pk

    results, errors, _peak = run_at_once(20, submit)
    assert errors == []
    assert len(set(results)) == 1
    assert occurrence.registrations.count() == 1
