"""Programmes at Jobbhörnet's scale and beyond: bulk enrolment, `tick`'s absence
check (`Programme.evaluate`) and the attendance report per slot and week, for
180, 1,800 and 18,000 enrolments, each beside baselines measured in the same run:

- floor: a plain Python loop over the same rows already in memory (the counting
  alone, no database) — what the work costs at the least;
- naive: the obvious ORM loop, a few queries per participant and session (run
  for 180 only: 3,241 queries there; it grows linearly with participants).

Each size up to 1,800 is one programme (18,000 is ten programmes of 1,800: check-in
codes are four digits, unique in a programme): Monday to Thursday, five one-hour slots a day, four
weeks (80 sessions); each participant is booked on two slots a week and came to
about 85 % of them. A temporary SQLite database, migrated, in this process.

    .venv/bin/python benchmarks/programmes.py
    .venv/bin/python benchmarks/programmes.py --sizes 180,1800
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "site"))

NAIVE_MAX = 180
PER_PROGRAMME = 1800


def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "samverka.settings.test"
    folder = tempfile.mkdtemp(prefix="samverka-bench-programmes-")
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'db.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(size, index, rng, part=0):
    from zoneinfo import ZoneInfo

    from events.models import Attendance, EventPage, Programme
    from samverka.people.models import Person

    zone = ZoneInfo("Europe/Stockholm")
    first = datetime(2026, 2, 2, 9, tzinfo=zone)
    page = EventPage(
        title=f"Jobbhörnet {size}-{part}",
        slug=f"jobbhornet-{size}-{part}",
        category=EventPage.Category.DROP_IN,
        starts_at=first,
        duration_minutes=60,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;BYHOUR=9,10,13,14,15;COUNT=80",
        registration_required=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    programme = Programme.objects.create(name=f"Jobbhörnet {size}-{part}", event_id=page.pk)
    slots = programme.derive_slots()
    people = Person.objects.bulk_create(
        Person(first_name=f"D{size}-{part}-{n}", gender=rng.choice(["woman", "man", ""]))
        for n in range(size)
    )
    if people[0].pk is None:
        people = list(
            Person.objects.filter(first_name__startswith=f"D{size}-{part}-").order_by("pk")
        )
    entries = []
    for n, person in enumerate(people):
        a = n % len(slots)
        entries.append((person, [slots[a], slots[(a + 10) % len(slots)]], first.date()))
    started = time.perf_counter()
    programme.enrol_many(entries)
    enrol_seconds = time.perf_counter() - started
    keys = {}
    sessions = list(programme.event.occurrences.order_by("start"))
    from events.models import slot_key

    for session in sessions:
        keys.setdefault(slot_key(session), []).append(session)
    rows = []
    for enrolment in programme.enrolments.prefetch_related("slots"):
        for slot in enrolment.slots.all():
            for session in keys[slot.key]:
                if rng.random() < 0.85:
                    rows.append(
                        Attendance(
                            occurrence=session,
                            participant_id=enrolment.participant_id,
                            method="kiosk",
                        )
                    )
    Attendance.objects.bulk_create(rows, batch_size=5000)
    return programme, sessions[-1].end + timedelta(minutes=1), enrol_seconds


def timed(work):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
    return seconds, len(queries), result


def floor_loop(programme, now):
    """The counting alone over rows already in memory (loaded before timing)."""
    from events.absence import Outcome, current_run
    from events.models import Attendance, ProgrammeSchedule

    sessions = list(programme.sessions(now))
    schedule = ProgrammeSchedule(programme)
    present = set(
        Attendance.objects.filter(occurrence__event_id=programme.event_id).values_list(
            "participant_id", "occurrence_id"
        )
    )

    def work():
        runs = 0
        for enrolment in schedule.enrolments:
            outcomes = [
                (
                    s.pk,
                    Outcome.ATTENDED
                    if (enrolment.participant_id, s.pk) in present
                    else Outcome.ABSENT,
                )
                for s in schedule.sessions_for(enrolment, sessions)
            ]
            runs += current_run(outcomes)[0]
        return runs

    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def naive_loop(programme, now):
    """What a first version would do: ask the database per participant and session."""
    from events.models import Attendance, slot_key

    def work():
        flagged = 0
        for enrolment in programme.enrolments.active():
            own = {slot.key for slot in enrolment.slots.all()}
            run = 0
            for session in programme.sessions(now):
                if slot_key(session) not in own:
                    continue
                if enrolment.pauses.filter(
                    starts_on__lte=session.start.date(), ends_on__gte=session.start.date()
                ).exists():
                    continue
                came = Attendance.objects.filter(
                    occurrence=session, participant_id=enrolment.participant_id
                ).exists()
                run = 0 if came else run + 1
            flagged += run >= programme.absence_limit
        return flagged

    return timed(work)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="180,1800,18000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    setup()
    from events import attendance
    from events.models import EventIndexPage
    from samverka.core.demo import seed_home

    home = seed_home(lambda message: None)
    index = EventIndexPage(title="Evenemang", slug="evenemang-bench")
    home.add_child(instance=index)
    index.save_revision().publish()
    rng = random.Random(15)
    print(
        f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f} "
        "(wall-clock seconds grow when other work shares the cores)"
    )
    header = f"{'enrolments':>10} {'what':<44} {'seconds':>9} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for size in sizes:
        # Check-in codes are four digits, unique in a programme: past 1,800 the
        # enrolments are spread over programmes of 1,800 each (as a municipality with
        # 18,000 enrolments would have), and tick checks them all, as it does.
        parts = max(1, size // PER_PROGRAMME) if size > PER_PROGRAMME else 1
        built = [build(size // parts, index, rng, part) for part in range(parts)]
        programmes = [p for p, _now, _s in built]
        now = built[0][1]
        enrol_seconds = sum(s for _p, _now, s in built)
        label = f"{size}" if parts == 1 else f"{size}"
        note = "" if parts == 1 else f" ({parts} programmes)"
        print(f"{label:>10} {('bulk enrolment' + note):<44} {enrol_seconds:>9.3f} {'':>8}")

        def tick(ps=programmes, n=now):
            return sum(len(p.evaluate(now=n)) for p in ps)

        def report(ps=programmes, n=now, by=()):
            return [attendance.attendance_by_slot_and_week(p, list(by), now=n) for p in ps]

        seconds, queries, _ = timed(tick)
        print(
            f"{label:>10} {'tick absence check, first run (writes)':<44} {seconds:>9.3f} {queries:>8}"
        )
        seconds, queries, _ = timed(tick)
        print(f"{label:>10} {'tick absence check, next run':<44} {seconds:>9.3f} {queries:>8}")
        floor = sum(floor_loop(p, now) for p in programmes)
        print(f"{label:>10} {'  floor: Python loop over rows in memory':<44} {floor:>9.3f} {0:>8}")
        if size <= NAIVE_MAX:
            seconds, queries, _n = naive_loop(programmes[0], now)
            print(
                f"{label:>10} {'  naive: ORM queries per person and session':<44} {seconds:>9.3f} {queries:>8}"
            )
        else:
            print(f"{label:>10} {'  naive: skipped (grows linearly)':<44}")
        seconds, queries, _ = timed(report)
        print(
            f"{label:>10} {'attendance report per slot and week':<44} {seconds:>9.3f} {queries:>8}"
        )
        seconds, queries, _ = timed(lambda: report(by=["gender"]))
        print(f"{label:>10} {'  the same, split by gender':<44} {seconds:>9.3f} {queries:>8}")


if __name__ == "__main__":
    main()
