"""Queueing programme session reminders: `tick`'s `send_session_reminders` for 1,000 and
10,000 participants of one programme, next to a baseline in the same run — a bare
`bulk_create` of the same number of outbox rows with a fixed text (no rendering, no
per-person language, no links).

Prints time and queries. The reminders' query count grows per batch of 1,000 rows (a
handful of queries each), not per participant. Each text is rendered in the person's
language with its own signed link, which is where the time goes.

Runs on a temporary SQLite database (migrations only), or on the database named by
NOTIFY_BENCH_DATABASE_URL (migrated; earlier benchmark participants are removed first).

One run on the shared 2-core machine (load average above 20), SQLite:
  1,000 reminders:  5.8 s, 24 queries  | bare bulk_create  0.45 s, 20 queries | 1 delivery task
 10,000 reminders: 54.8 s, 222 queries | bare bulk_create  5.2 s, 175 queries | 10 delivery tasks
Most queries on both sides are SQLite's split of each 1,000-row insert (its variable limit).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from common import ROOT, manage

SCRIPT = r"""
import time
from datetime import timedelta
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from samverka.core.demo import seed_home
from samverka.core.models import OutboundEmail
from samverka.people.models import Person
from events.models import EventIndexPage, EventPage, Enrolment, Participant, Programme
from events.reminders import send_session_reminders
import samverka.core.tasks as tasks

class CountBatches:
    # Queueing is measured, not delivery: the test settings' immediate task backend would
    # deliver every batch inside the measurement. One task per batch is recorded instead.
    batches = []
    def enqueue(self, pks):
        self.batches.append(len(pks))
tasks.deliver_batch = CountBatches()

home = seed_home(lambda message: None)
index = EventIndexPage.objects.filter(slug="evenemang").first()
if index is None:
    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home.add_child(instance=index)
    index.save_revision().publish()
Enrolment.objects.filter(programme__event__slug="jobbhornet-bench").delete()
Programme.objects.filter(event__slug="jobbhornet-bench").delete()
EventPage.objects.filter(slug="jobbhornet-bench").delete()
page = EventPage(title="Jobbhörnet", slug="jobbhornet-bench",
                 category=EventPage.Category.CIVIC_ORIENTATION,
                 starts_at=timezone.now().replace(microsecond=0) + timedelta(hours=20),
                 duration_minutes=60, capacity=0)
index.add_child(instance=page)
page.save_revision().publish()
page = EventPage.objects.get(pk=page.pk)
programme = Programme.objects.create(name="Jobbhörnet", event=page)
LANGS = ["sv", "ar", "ti", "uk", "so", "fa", "en"]
made = 0

def grow(to):
    global made
    with transaction.atomic():
        people = Person.objects.bulk_create([
            Person(first_name=f"Deltagare{i}", phone=f"+4670{i:07d}", preferred_language=LANGS[i % 7])
            for i in range(made, to)
        ])
        participants = Participant.objects.bulk_create([Participant(person=p) for p in people])
        Enrolment.objects.bulk_create([
            Enrolment(programme=programme, participant=p, enrolled_on=timezone.localdate() - timedelta(days=7))
            for p in participants
        ])
    made = to

def baseline(n):
    rows = [OutboundEmail(channel="sms", kind="bench", to=[f"+4670{i:07d}"], body="Påminnelse: Jobbhörnet i morgon 10:00.",
                          dedup_key=f"bench:{i}") for i in range(n)]
    with transaction.atomic():
        OutboundEmail.objects.bulk_create(rows, batch_size=1000)

print(f"{'reminders':>9} {'tick ms':>9} {'queries':>8} {'per 1000':>9} {'bulk_create ms':>15} {'queries':>8} {'ratio':>6}")
# A database from an earlier run (NOTIFY_BENCH_DATABASE_URL) starts without participants.
Enrolment.objects.filter(programme__event__slug="jobbhornet-bench").delete()
Participant.objects.filter(person__first_name__startswith="Deltagare").delete()
Person.objects.filter(first_name__startswith="Deltagare").delete()
for size in [1000, 10000]:
    grow(size)
    OutboundEmail.objects.all().delete()
    with CaptureQueriesContext(connection) as q_tick:
        t = time.perf_counter()
        queued = send_session_reminders()
        tick_s = time.perf_counter() - t
    assert queued == size, queued
    assert send_session_reminders() == 0  # a second tick queues nothing twice
    OutboundEmail.objects.all().delete()
    with CaptureQueriesContext(connection) as q_base:
        t = time.perf_counter()
        baseline(size)
        base_s = time.perf_counter() - t
    OutboundEmail.objects.all().delete()
    batches = len(CountBatches.batches)
    CountBatches.batches.clear()
    print(f"{size:>9} {tick_s * 1000:>9.0f} {len(q_tick):>8} {len(q_tick) * 1000 / size:>9.1f} "
          f"{base_s * 1000:>15.0f} {len(q_base):>8} {tick_s / base_s:>5.1f}x  delivery tasks: {batches}")
"""


def main():
    tmp = tempfile.mkdtemp(prefix="samverka-bench-notify-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samverka.settings.test",
        "DATABASE_URL": os.environ.get(
            "NOTIFY_BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
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
