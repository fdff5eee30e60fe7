"""Under load: signed-in volunteers and anonymous visitors using filters, at once.

gunicorn with two sync workers on a free loopback port, the demo data in a
temporary SQLite database, `samverka.settings.bench` (production-like, page
cache on as in production: filtered listings and signed-in pages miss it anyway).
First the bare Django view alone, as the baseline of this run; then 20 signed-in
volunteers (each with a session of their own) and 20 anonymous visitors, each a
thread that requests its next address as soon as the last one answered, for
30 seconds. Every loop is bounded (a deadline and a request cap) and only
127.0.0.1 is contacted. Printed: requests, errors, p50 and p95 latency per group.

    python benchmarks/load.py
    python benchmarks/load.py --seconds 10 --users 5     # a shorter run
"""

from __future__ import annotations

import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import BARE, ROOT, demo_database, gunicorn, measure

SECONDS = 30.0
USERS = 20
REQUEST_CAP = 200_000  # a bound on every loop, far above what 30 s allow
VOLUNTEER = "volontar@demo.samverka.se"

# Run inside the demo database's environment: sessions for the volunteer, and
# filter values that exist in the demo data.
PREPARE = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from associations.models import Organisation
from events.models import EventPage

user = get_user_model().objects.get(username=%(user)r)
sessions = []
for _ in range(%(users)d):
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies["sessionid"].value)
districts = sorted(
    set(Organisation.objects.exclude(district="").values_list("district", flat=True))
)
print(json.dumps({
    "sessions": sessions,
    "categories": [value for value, _label in EventPage.Category.choices],
    "kinds": [value for value, _label in Organisation.Kind.choices],
    "districts": districts,
}))
"""


def prepare(env: dict, users: int) -> dict:
    output = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            PREPARE % {"user": VOLUNTEER, "users": users},
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def visitor_paths(data: dict) -> list[str]:
    from urllib.parse import quote

    paths = []
    for number, category in enumerate(data["categories"]):
        paths.append(f"/events/?category={category}")
        paths.append(f"/en/events/?category={category}&page={1 + number % 2}")
    for kind in data["kinds"]:
        paths.append(f"/organisations/?kind={kind}")
    for district in data["districts"][:4]:
        paths.append(f"/organisations/?district={quote(district)}")
    paths += ["/search/?q=bostad", "/ar/search/?q=sfi", "/search/?q=vard"]
    return paths


VOLUNTEER_PATHS = ["/my/", "/events/", "/organisations/", "/samhallsorientering/halsa/", "/"]


class Group:
    def __init__(self, name: str):
        self.name = name
        self.latencies: list[float] = []
        self.errors = 0
        self.lock = threading.Lock()

    def record(self, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if not ok:
                self.errors += 1

    def row(self, elapsed: float) -> str:
        latencies = self.latencies
        cuts = (
            statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else []
        )
        p50 = (cuts[49] if cuts else (latencies[0] if latencies else 0)) * 1000
        p95 = (cuts[94] if cuts else (latencies[0] if latencies else 0)) * 1000
        return (
            f"{self.name:<34} {len(latencies):>8} {self.errors:>6} "
            f"{len(latencies) / elapsed:>8.1f} {p50:>8.1f} {p95:>8.1f}"
        )


def _request(host: str, port: int, path: str, cookie: str | None) -> bool:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def run_load(server, groups, seconds: float) -> float:
    """Each (group, paths, cookie) is one thread looping over its paths until the deadline."""
    deadline = time.monotonic() + seconds

    def worker(group: Group, paths: list[str], cookie: str | None, offset: int) -> None:
        for number in range(REQUEST_CAP):
            if time.monotonic() >= deadline:
                return
            path = paths[(offset + number) % len(paths)]
            began = time.perf_counter()
            ok = _request(server.host, server.port, path, cookie)
            group.record(time.perf_counter() - began, ok)

    threads = [
        threading.Thread(target=worker, args=(group, paths, cookie, offset))
        for offset, (group, paths, cookie) in enumerate(groups)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else SECONDS
    users = int(argv[argv.index("--users") + 1]) if "--users" in argv else USERS
    with demo_database() as env:
        data = prepare(env, users)
        paths = visitor_paths(data)
        with gunicorn(env) as server:
            bare = measure(server, BARE, requests=3000, concurrency=4, time_cap=10)
            volunteers, visitors = Group("signed-in volunteers"), Group("anonymous, with filters")
            groups = [(volunteers, VOLUNTEER_PATHS, session) for session in data["sessions"]]
            groups += [(visitors, paths, None) for _ in range(users)]
            elapsed = run_load(server, groups, seconds)
    print(
        f"\nUnder load: gunicorn, 2 sync workers, {users} signed-in volunteers and {users} "
        f"anonymous visitors using filters at once for {seconds:.0f} s (loopback); "
        "the bare view alone first, 4 client threads"
    )
    header = f"{'who':<34} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
    print(header)
    print("-" * len(header))
    print(
        f"{'bare Django view (alone)':<34} {bare.requests:>8} {bare.errors:>6} "
        f"{bare.rps:>8.1f} {bare.p50_ms:>8.1f} {bare.p95_ms:>8.1f}"
    )
    print(volunteers.row(elapsed))
    print(visitors.row(elapsed))
    both = Group("everyone")
    both.latencies = volunteers.latencies + visitors.latencies
    both.errors = volunteers.errors + visitors.errors
    print(both.row(elapsed))


if __name__ == "__main__":
    import signal

    # Stopped from outside: still leave through the `with` blocks, which stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
