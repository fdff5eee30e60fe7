"""Internship report: aggregated in the database versus the obvious Python loop.

For 100, 1,000 and 10,000 ended internships (each with an outcome at the end and
after 90 days), the report (`mentors.internships.reports.Report`) is timed and its
queries counted, next to a baseline that loads the internships with their
outcomes and newcomers and counts in Python. Both give the same headline figure;
the report's query count stays at `Report.QUERIES` whatever the size.

Runs on a temporary SQLite database (migrations only, no demo data), or on the
empty PostgreSQL database named by INTERNSHIPS_BENCH_DATABASE_URL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from common import ROOT, manage

SCRIPT = r"""
import random, statistics, time
from datetime import date, timedelta
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from associations.models import Organisation
from mentors.models import Newcomer
from samverka.people.models import Person
from mentors.internships.models import Internship, InternshipPlace, Outcome
from mentors.internships.reports import Report
from mentors.internships.tables import median
from samverka.people.outcomes import Outcome as PersonOutcome

rng = random.Random(1)
SIZES = [100, 1000, 10000]
employers = [
    Organisation.objects.create(
        name=f"Arbetsgivare {i}", organisation_number=f"556{900000 + i:06d}0"[:10],
        kind="company", status="approved",
    )
    for i in range(25)
]
places = [
    InternshipPlace.objects.create(
        employer=employers[i % 25], title=f"Plats {i}", occupation="Yrke", sector=f"Sektor {i % 8}",
        starts_on=date(2024, 1, 1), ends_on=date(2026, 12, 31), number_of_places=30000,
        supervisor_name="H",
    )
    for i in range(50)
]
KINDS = [k for k in Outcome.Kind.values]
made = 0


def grow(to):
    global made
    with transaction.atomic():
        built = [
            Newcomer.build(first_name=f"N{i}", gender=rng.choice(["female", "male"]),
                           district=rng.choice(["Västerby", "Ålunda centrum", "Norrängen"]),
                           date_of_settlement=date(2022, 1, 1) + timedelta(days=rng.randint(0, 900)))
            for i in range(made, to)
        ]
        for n, person in zip(built, Person.objects.bulk_create([n.person for n in built])):
            n.person = person
        newcomers = Newcomer.objects.bulk_create(built)
        internships = []
        for n in newcomers:
            start = date(2025, 1, 1) + timedelta(days=rng.randint(0, 500))
            end = start + timedelta(days=84)
            internships.append(Internship(newcomer=n, place=rng.choice(places), start_date=start,
                                          end_date=end, ended_on=end, status="completed"))
        Internship.objects.bulk_create(internships)
        outcomes = []
        for i in internships:
            for checkpoint, days in (("end", 0), ("day_90", 90)):
                kind = rng.choice(KINDS)
                group = Outcome.GROUP_OF[kind]
                job = i.end_date + timedelta(days=days) if group in Outcome.JOB_GROUPS else None
                outcomes.append(Outcome(internship=i, checkpoint=checkpoint, kind=kind, group=group,
                                        recorded_on=i.end_date + timedelta(days=days), job_start_date=job))
        # Internship outcomes are outcomes of the person (multi-table inheritance, which
        # bulk_create refuses): the parent rows in bulk, the child rows with one executemany.
        parents = PersonOutcome.objects.bulk_create(
            [PersonOutcome(person_id=o.internship.newcomer.person_id, kind=o.kind, group=o.group,
                           recorded_on=o.recorded_on, job_start_date=o.job_start_date)
             for o in outcomes],
            batch_size=2000,
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {Outcome._meta.db_table} (outcome_ptr_id, internship_id, checkpoint)"
                " VALUES (%s, %s, %s)",
                [(p.pk, o.internship.pk, o.checkpoint) for p, o in zip(parents, outcomes)],
            )
        # what Outcome.save() keeps up to date, done in bulk here
        jobs = {}
        for o in outcomes:
            if o.job_start_date:
                jobs.setdefault(id(o.internship), []).append(o.job_start_date)
        for i in internships:
            firsts = jobs.get(id(i))
            if firsts:
                i.job_started_on = min(firsts)
                i.days_to_job = (i.job_started_on - i.newcomer.date_of_settlement).days
        Internship.objects.bulk_update(internships, ["job_started_on", "days_to_job"], batch_size=2000)
    made = to


def python_baseline(start, end):
    into = {"job": set(), "subsidised": set()}
    days = []
    qs = Internship.objects.select_related("newcomer", "place__employer").prefetch_related("outcomes")
    by_gender = {}
    for i in qs:
        for o in i.outcomes.all():
            if o.group in into and o.job_start_date and start <= o.job_start_date <= end:
                into[o.group].add(i.pk)
            if o.checkpoint == "end" and i.ended_on and start <= i.ended_on <= end:
                key = (i.newcomer.gender, o.group)
                by_gender[key] = by_gender.get(key, 0) + 1
        if i.job_started_on and start <= i.job_started_on <= end and i.days_to_job is not None:
            days.append(i.days_to_job)
    return len(into["job"]), len(into["subsidised"]), median(sorted(days))


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


start, end = date(2025, 1, 1), date(2026, 5, 31)
print(f"{'internships':>11} {'report ms':>10} {'queries':>8} {'python ms':>10} {'queries':>8} {'speed-up':>9}  same figures")
for size in SIZES:
    grow(size)
    with CaptureQueriesContext(connection) as q_report:
        Report(start, end).run()
    report_s, report = best_of(lambda: Report(start, end).run())
    with CaptureQueriesContext(connection) as q_python:
        python_baseline(start, end)
    python_s, base = best_of(lambda: python_baseline(start, end), repeat=3)
    slowest = sorted(q_report.captured_queries, key=lambda q: -float(q["time"]))[:2]
    same = (report.into_job, report.into_subsidised, report.median_days_to_job) == base
    print(f"{size:>11} {report_s * 1000:>10.1f} {len(q_report):>8} {python_s * 1000:>10.1f} "
          f"{len(q_python):>8} {python_s / report_s:>8.1f}x  {same}")
    if size == SIZES[-1]:
        for q in slowest:
            print(f"    slowest report query {float(q['time']) * 1000:.0f} ms: {q['sql'][:160]}")
"""


def main():
    tmp = tempfile.mkdtemp(prefix="samverka-bench-internships-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samverka.settings.test",
        # INTERNSHIPS_BENCH_DATABASE_URL=postgres://... runs it on an (empty) PostgreSQL database.
        "DATABASE_URL": os.environ.get(
            "INTERNSHIPS_BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
        ),
        "PYTHONUNBUFFERED": "1",
    }
    print("Preparing a temporary database …", flush=True)
    manage(env, "migrate", "--noinput")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SCRIPT],
        env=env,
        check=True,
        cwd=ROOT,
    )


if __name__ == "__main__":
    main()
