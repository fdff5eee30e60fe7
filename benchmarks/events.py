"""Events: the "What's on" listing, an event page, a calendar feed and a
registration (POST, with its row lock and email queued) next to a bare Django
view, served by gunicorn in the same run. The listing is measured again after
10,000 extra dates are added, to show that its cost does not grow with them.

The registration's rate limit (10 an hour per address in production) is lifted
in a settings module of this benchmark's own: every request comes from 127.0.0.1.
"""

from __future__ import annotations

import http.client
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from common import BARE, ROOT, Result, demo_database, gunicorn, manage, measure, print_table

SETTINGS = """\
from samverka.settings.bench import *  # noqa: F403

SAMVERKA_EVENTS_RATE_LIMITS = {"register": (1_000_000, 60)}
"""

FIND_DATE = (
    "from events.models import EventOccurrence; "
    "print(EventOccurrence.objects.get(event__slug='informationstraff-sfi-praktik').pk)"
)

ADD_DATES = """
from datetime import timedelta
from django.utils import timezone
from events.models import EventOccurrence, EventPage
event = EventPage.objects.get(slug="natverkstraff")
start = timezone.now() + timedelta(days=1)
EventOccurrence.objects.bulk_create(
    EventOccurrence(event=event, original_start=start + timedelta(hours=n),
                    start=start + timedelta(hours=n), end=start + timedelta(hours=n, minutes=30))
    for n in range(1, 10_001)
)
print(EventOccurrence.objects.count(), "dates")
"""


def _request(server, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, response.getheader("Set-Cookie") or "", data
    finally:
        connection.close()


def _find_date(env) -> int:
    """The demo's coming information meeting (40 seats, then the waitlist)."""
    output = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", FIND_DATE],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(output.strip().splitlines()[-1])


def measure_registrations(server, date_id, *, requests=400, concurrency=4, time_cap=20.0):
    """POST the registration form with a new person each time (a 302 is success)."""
    path = f"/events/date/{date_id}/"
    latencies, errors = [], 0
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + time_cap

    def worker():
        nonlocal issued, errors
        _status, set_cookie, html = _request(server, "GET", path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        cookie = set_cookie.split(";", 1)[0]
        while True:
            with lock:
                if issued >= requests or time.monotonic() > deadline:
                    return
                issued += 1
            key = uuid.uuid4().hex
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "name": f"Bench {key[:8]}",
                    "email": f"{key}@bench.example",
                    "people": "1",
                    "language": "sv",
                    "consent": "on",
                    "idempotency_key": key,
                }
            )
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": f"{server.base_url}{path}",
            }
            began = time.perf_counter()
            try:
                status, _c, _b = _request(server, "POST", path, body, headers)
                ok = status == 302
            except OSError:
                ok = False
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                errors += not ok

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return Result(
        path=f"POST {path}",
        requests=len(latencies),
        errors=errors,
        seconds=seconds,
        p50_ms=cuts[49] * 1000,
        p95_ms=cuts[94] * 1000,
    )


def main() -> None:
    settings_dir = tempfile.mkdtemp(prefix="samverka-bench-events-")
    (Path(settings_dir) / "events_bench_settings.py").write_text(SETTINGS)
    extra = {"DJANGO_SETTINGS_MODULE": "events_bench_settings", "PYTHONPATH": settings_dir}
    pages = {
        "/events/": "listing, Swedish",
        "/ar/events/": "listing, Arabic",
        "/events/?language=ar&category=language_cafe": "listing, filtered",
        "/evenemang/sprakcafe-ekby/": "event page (series)",
        "/events/calendar.ics": "calendar feed, all events",
    }
    listing_labels = {BARE: "bare Django view", "/events/": "listing, Swedish"}
    with demo_database(**extra) as env:
        date_id = _find_date(env)
        with gunicorn(env, SAMVERKA_PAGE_CACHE_SECONDS="0") as server:
            baseline = measure(server, BARE)
            results = [measure(server, path) for path in pages]
            results.append(measure(server, f"/events/date/{date_id}/"))
            results.append(measure_registrations(server, date_id))
        print_table(
            "Events, every request renders (cache off); gunicorn, 2 workers, 4 client threads",
            baseline,
            results,
            labels={
                BARE: "bare Django view",
                **pages,
                f"/events/date/{date_id}/": "registration form (GET)",
                f"POST /events/date/{date_id}/": "registration (POST)",
            },
        )
        with gunicorn(env) as server:
            baseline = measure(server, BARE)
            cached = [measure(server, "/events/"), measure(server, "/ar/events/")]
        print_table(
            "Listing as anonymous visitors get it (cached up to a minute)",
            baseline,
            cached,
            labels={**listing_labels, "/ar/events/": "listing, Arabic"},
        )
        manage(env, "shell", "-c", ADD_DATES, quiet=False)
        with gunicorn(env, SAMVERKA_PAGE_CACHE_SECONDS="0") as server:
            baseline = measure(server, BARE)
            listing = measure(server, "/events/")
        print_table(
            "Listing after 10,000 more dates (cache off)",
            baseline,
            [listing],
            labels=listing_labels,
        )


if __name__ == "__main__":
    main()
