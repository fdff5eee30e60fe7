"""Coaching report: aggregated in the database versus a plain Python loop over the same rows.

For 100, 10,000 and 100,000 coaching cases (about four in five with a job outcome, some with
two), the report (`coaching.reports.Report`, the headline, seven breakdowns and the median
time to job) is timed and its queries counted, next to a baseline that loads the same outcomes
with their cases and people and counts in Python. Both give the same headline figure; the
report's query count stays at `Report.QUERIES` whatever the size.

Runs on a temporary SQLite database (migrations only, no demo data), or on the empty
PostgreSQL database named by COACHING_BENCH_DATABASE_URL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from common import ROOT, manage

SCRIPT = r"""
import random, time
from datetime import date, timedelta
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from associations.models import Organisation
from coaching.models import Case, CaseOutcome
from coaching.reports import Report
from mentors.internships.tables import median
from samverka.people.models import Person
from samverka.people.outcomes import Outcome

rng = random.Random(14)
SIZES = [100, 10_000, 100_000]
counsellors = [
    get_user_model().objects.create(username=f"v{i}", first_name=f"Vägledare{i}", last_name="X")
    for i in range(12)
]
actor = Organisation.objects.create(name="Jobbcentrum", kind="public_actor", status="approved",
                                    organisation_number="2120000001")
JOB_KINDS = [k for k in Outcome.Kind.values if Outcome.GROUP_OF[k] in Outcome.JOB_GROUPS]
SOURCES = [s for s in Case.Source.values]
made = 0


def grow(to):
    # Bulk inserts: the parent rows through the ORM, the child rows (multi-table inheritance,
    # which bulk_create refuses) with one executemany.
    global made
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [
                Person(first_name=f"P{i}", gender=rng.choice(["female", "male", "unstated"]),
                       birth_year=rng.randint(1960, 2004),
                       district=rng.choice(["Årby", "Fröslunda", "Skiftinge", "Lagersberg"]),
                       date_of_settlement=date(2014, 1, 1) + timedelta(days=rng.randint(0, 3000)))
                for i in range(made, to)
            ],
            batch_size=2000,
        )
        cases = Case.objects.bulk_create(
            [
                Case(person=p, counsellor=rng.choice(counsellors), actor=actor,
                     source=rng.choice(SOURCES), started_on=date(2021, 1, 1)
                     + timedelta(days=rng.randint(0, 500)))
                for p in people
            ],
            batch_size=2000,
        )
        parents, links = [], []
        for case in cases:
            if rng.random() < 0.8:
                for _ in range(rng.choice([1, 1, 1, 2])):
                    kind = rng.choice(JOB_KINDS)
                    start = case.started_on + timedelta(days=rng.randint(10, 400))
                    parents.append(Outcome(person_id=case.person_id, kind=kind,
                                           group=Outcome.GROUP_OF[kind], recorded_on=start,
                                           job_start_date=start))
                    links.append(case)
        parents = Outcome.objects.bulk_create(parents, batch_size=2000)
        table = CaseOutcome._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (outcome_ptr_id, case_id) VALUES (%s, %s)",
                [(o.pk, c.pk) for o, c in zip(parents, links)],
            )
        # what CaseOutcome.save() keeps up to date, done in bulk here
        first = {}
        for o, c in zip(parents, links):
            if c.pk not in first or o.job_start_date < first[c.pk][1].job_start_date:
                first[c.pk] = (c, o)
        for c, o in first.values():
            c.first_job_on = o.job_start_date
            c.days_to_job = (o.job_start_date - c.started_on).days
        Case.objects.bulk_update([c for c, _o in first.values()], ["first_job_on", "days_to_job"],
                                 batch_size=2000)
    made = to


def python_loop(start, end):
    # The same rows a report reads, loaded once, counted in Python: headline, breakdowns by
    # counsellor, gender and source, the median days to job.
    seen = {"job": set(), "subsidised": set()}
    by = {}
    rows = (
        CaseOutcome.objects.filter(group__in=Outcome.JOB_GROUPS)
        .select_related("person", "case__counsellor")
        .iterator(chunk_size=5000)
    )
    for o in rows:
        if start <= o.job_start_date <= end:
            seen[o.group].add(o.person_id)
            for key in (o.case.counsellor.get_full_name(), o.person.gender, o.case.source):
                by.setdefault((key, o.group), set()).add(o.person_id)
    days = sorted(
        d for d, on in Case.objects.values_list("days_to_job", "first_job_on")
        if on is not None and start <= on <= end
    )
    return len(seen["job"]), len(seen["subsidised"]), median(days)


def best_of(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


start, end = date(2021, 1, 1), date(2022, 5, 15)
print(f"{'cases':>8} {'outcomes':>9} {'report ms':>10} {'queries':>8} {'python ms':>10} "
      f"{'queries':>8} {'speed-up':>9}  same figures")
for size in SIZES:
    grow(size)
    with CaptureQueriesContext(connection) as q_report:
        Report(start, end).run()
    repeat = 5 if size < 100_000 else 2
    report_s, report = best_of(lambda: Report(start, end).run(), repeat)
    with CaptureQueriesContext(connection) as q_python:
        python_loop(start, end)
    python_s, base = best_of(lambda: python_loop(start, end), max(1, repeat - 2))
    same = (report.into_job, report.into_subsidised, report.median_days_to_job) == base
    print(f"{size:>8} {CaseOutcome.objects.count():>9} {report_s * 1000:>10.1f} "
          f"{len(q_report):>8} {python_s * 1000:>10.1f} {len(q_python):>8} "
          f"{python_s / report_s:>8.1f}x  {same}", flush=True)
"""


def main():
    tmp = tempfile.mkdtemp(prefix="samverka-bench-coaching-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samverka.settings.test",
        # COACHING_BENCH_DATABASE_URL=postgres://... runs it on an (empty) PostgreSQL database.
        "DATABASE_URL": os.environ.get(
            "COACHING_BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
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
