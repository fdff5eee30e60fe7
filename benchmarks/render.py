"""What one uncached render of each page type costs, beside a bare Django view and
a stock Wagtail welcome page built in the same run.

For every page: the CPU time (time.process_time) of one request through the whole
middleware stack with django.test.Client, best of 15, page cache off, demo data;
and the number of queries it made. The stock Wagtail site is a fresh
`wagtail start` in a temporary folder, migrated, and measured the same way in a
subprocess of its own. The goal (issue 18): public pages ≤ 1.5 × the Wagtail
welcome page (the home page ≤ 1.0 ×), signed-in pages ≤ 2 ×, the admin
dashboard under 15 ms.

    python benchmarks/render.py

The measuring half (`--measure`) only imports Django, so it runs under either site.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

REPEATS = 15
WARMUP = 3

# (label, path, who, kind, goal as a multiple of the Wagtail welcome page or ms)
PAGES = [
    ("home /", "/", None, "public", 1.0),
    ("Arabic home /ar/", "/ar/", None, "public", 1.5),
    ("orientation index", "/samhallsorientering/", None, "public", 1.5),
    ("Arabic topic page", "/ar/samhallsorientering/halsa/", None, "public", 1.5),
    ("events listing /events/", "/events/", None, "public", 1.5),
    ("events, filtered", "/events/?category=language_cafe", None, "public", 1.5),
    ("directory /organisations/", "/organisations/", None, "public", 1.5),
    ("search", "/search/?q=" + quote("bostad"), None, "public", 1.5),
    ("volunteer's /my/", "/my/", "volunteer", "signed-in", 2.0),
    # Pages whose parts are kept until something on them changes, measured right after such a
    # change (each request follows a new generation): what the first visitor after a sign-up,
    # a publish or an edit pays. Shown, no goal of their own.
    ("events listing, after a sign-up", "/events/", None, "rebuilt:listing", None),
    ("directory, after an edit", "/organisations/", None, "rebuilt:directory", None),
    ("search, after a publish", "/search/?q=" + quote("bostad"), None, "rebuilt:content", None),
    ("/my/, after a change on it", "/my/", "volunteer", "rebuilt:my", None),
    ("coordinator's admin dashboard", "/admin/", "coordinator", "admin", 15.0),
    ("matching board", "/admin/kompis/", "coordinator", "admin", 15.0),
]


# --- the measuring half: runs inside a configured Django process -------------------


def _before(spec: dict, user) -> None:
    """Before each request of a "rebuilt:<what>" row: what the page keeps has changed."""
    what = spec["kind"].partition("rebuilt:")[2]
    if what == "my":
        from samverka.core import my_pages_cache

        my_pages_cache.changed([user.pk])
    elif what == "listing":
        from events.listing import listing_changed

        listing_changed()
    elif what == "directory":
        from associations.listing import directory_changed

        directory_changed()
    elif what == "content":
        from samverka.core.cache import CONTENT

        CONTENT.bump()


def _measure_in_process(specs: list[dict]) -> list[dict]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = []
    for spec in specs:
        # Each page starts from a collected heap: otherwise the pages measured late in
        # this process pay for the garbage of the ones before them (the stock site is
        # measured in a process of its own with two pages), which moved figures by a
        # third between positions in the list.
        gc.collect()
        client = Client(HTTP_HOST="localhost")
        user = None
        if spec.get("user"):
            user = get_user_model().objects.get(username=spec["user"])
            client.force_login(user)

        for _ in range(WARMUP):
            _before(spec, user)
            response = client.get(spec["path"])
        best = float("inf")
        for _ in range(REPEATS):
            _before(spec, user)
            began = time.process_time()
            response = client.get(spec["path"])
            best = min(best, time.process_time() - began)
        _before(spec, user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(spec["path"])
        results.append(
            {
                **spec,
                "status": response.status_code,
                "cpu_ms": best * 1000,
                "queries": len(queries),
            }
        )
    return results


# --- the driving half --------------------------------------------------------------


def _run_measure(env: dict, cwd: Path, specs: list[dict]) -> list[dict]:
    output = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", json.dumps(specs)],
        env=env,
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


@contextmanager
def stock_wagtail():
    """A fresh `wagtail start` site in a temporary folder, migrated; yields a function
    that measures its welcome page like the pages (in a subprocess of its own)."""
    from common import BIN

    reuse = os.environ.get("SAMVERKA_BENCH_STOCK_DIR")
    tmp = Path(reuse or tempfile.mkdtemp(prefix="samverka-stock-wagtail-"))
    try:
        if reuse:
            # A folder an earlier run left (`wagtail start welcome DIR`, bench.py, migrated).
            yield _stock_measurer(tmp)
            return
        subprocess.run(
            [str(BIN / "wagtail"), "start", "welcome", str(tmp)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # Production-like like the bench settings: DEBUG off, static files without
        # collectstatic (they are not what is measured).
        (tmp / "welcome" / "settings" / "bench.py").write_text(
            "from .base import *\n"
            "DEBUG = False\n"
            "SECRET_KEY = 'stock-wagtail-benchmark-only'\n"
            "ALLOWED_HOSTS = ['*']\n"
            "STORAGES['staticfiles'] = {'BACKEND': "
            "'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
        )
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            env=_stock_env(tmp),
            cwd=tmp,
            check=True,
        )
        # A superuser, for Wagtail's own admin dashboard: the admin chrome (sidebar,
        # telepath, dialogs) every admin page pays, measured beside ours.
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from django.contrib.auth import get_user_model; "
                f"get_user_model().objects.create_superuser({STOCK_ADMIN!r}, "
                "'admin@example.com', 'bench-only-password')",
            ],
            env=_stock_env(tmp),
            cwd=tmp,
            check=True,
        )
        yield _stock_measurer(tmp)
    finally:
        if not reuse:
            shutil.rmtree(tmp, ignore_errors=True)


def _stock_env(folder: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CACHE_URL", "REDIS_URL")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "welcome.settings.bench", "PYTHONPATH": str(folder)})
    return env


STOCK_ADMIN = "stock-admin"


def _stock_measurer(folder: Path):
    """Measures the stock welcome page and the stock admin dashboard (a superuser's)."""
    specs = [
        {"label": "stock Wagtail welcome page", "path": "/", "kind": "baseline"},
        {
            "label": "stock Wagtail admin dashboard",
            "path": "/admin/",
            "user": STOCK_ADMIN,
            "kind": "baseline",
        },
    ]
    return lambda: _run_measure(_stock_env(folder), folder, specs)


LOGINS = {"volunteer": "volontar@demo.samverka.se", "coordinator": "samordnare@demo.samverka.se"}


def print_render_table(
    bare: dict, stock: dict, results: list[dict], stock_admin: dict | None = None
) -> bool:
    header = (
        f"{'page':<32} {'status':>6} {'CPU ms':>7} {'queries':>7}"
        f" {'× bare':>7} {'× Wagtail':>9}  {'goal':<18}"
    )
    print(header)
    print("-" * len(header))
    for row in (bare, stock):
        print(
            f"{row['label']:<32} {row['status']:>6} {row['cpu_ms']:>7.2f} {row['queries']:>7}"
            f" {row['cpu_ms'] / bare['cpu_ms']:>6.1f}× {row['cpu_ms'] / stock['cpu_ms']:>8.2f}×"
        )
    all_met = True
    for row in results:
        ratio = row["cpu_ms"] / stock["cpu_ms"]
        if row["goal"] is None:
            met, goal = True, "—"
        elif row["kind"] == "admin":
            met = row["cpu_ms"] < row["goal"]
            goal = f"< {row['goal']:.0f} ms"
        else:
            met = ratio <= row["goal"]
            goal = f"≤ {row['goal']:.1f}×"
        met = met and row["status"] == 200
        verdict = "" if row["goal"] is None else ("met" if met else "NOT met")
        all_met = all_met and met
        admin_ratio = ""
        if row["kind"] == "admin" and stock_admin:
            admin_ratio = f"  ({row['cpu_ms'] / stock_admin['cpu_ms']:.2f}× stock admin)"
        print(
            f"{row['label']:<32} {row['status']:>6} {row['cpu_ms']:>7.2f} {row['queries']:>7}"
            f" {row['cpu_ms'] / bare['cpu_ms']:>6.1f}× {ratio:>8.2f}×"
            f"  {goal:<9} {verdict}{admin_ratio}"
        )
    return all_met


def main() -> None:
    from common import ROOT, demo_database

    print("Building a stock Wagtail site in a temporary folder …", flush=True)
    with stock_wagtail() as measure_stock, demo_database(SAMVERKA_PAGE_CACHE_SECONDS="0") as env:
        specs = [{"label": "bare Django view", "path": "/bench/bare/", "kind": "baseline"}]
        for label, path, who, kind, goal in PAGES:
            specs.append(
                {"label": label, "path": path, "user": LOGINS.get(who), "kind": kind, "goal": goal}
            )
        # The machine may be busy with other work: the stock page is measured before
        # and after the pages, and keeps its better figure, as every page keeps its best.
        before = measure_stock()
        measured = _run_measure(env, ROOT, specs)
        after = measure_stock()
        stock, stock_admin = (
            min(first, second, key=lambda row: row["cpu_ms"])
            for first, second in zip(before, after, strict=True)
        )
    bare, results = measured[0], measured[1:]
    print(
        "\nOne uncached render per page: CPU time (time.process_time) of one request "
        "through the whole middleware stack (django.test.Client), best of "
        f"{REPEATS}, page cache off, demo data; stock Wagtail measured the same way "
        "in the same run"
    )
    all_met = print_render_table(bare, stock, results, stock_admin)
    print(
        f"\nStock Wagtail admin dashboard (a superuser, empty site): "
        f"{stock_admin['cpu_ms']:.2f} ms CPU, {stock_admin['queries']} queries, "
        f"status {stock_admin['status']}; the admin pages' ratio to it is shown beside them."
    )
    print(f"\nGoals {'all met' if all_met else 'NOT all met'}.")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        # This folder's events.py and matching.py would shadow the apps of those names.
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
        print(json.dumps(_measure_in_process(json.loads(sys.argv[2]))))
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        main()
