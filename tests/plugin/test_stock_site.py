"""The plugin set on a stock Wagtail site (issue 20, item 5).

Builds the wheel, makes a fresh `wagtail start` project and a fresh virtual environment with
requirements.lock's pins and the wheel (nothing of this repository on the path), adds Samverka
the way the README says, and runs `check`, `migrate` and `makemigrations --check`; then the
association directory, the event listing and the volunteer form answer 200 inside the host's
own base template, and the admin answers 200 to a superuser. On SQLite, and on PostgreSQL when
DATABASE_URL is a postgres URL (the CI runs the suite on both).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "hostsite"
# Generous: on a loaded 2-core machine `migrate` on PostgreSQL alone took over 15 minutes.
TIMEOUT = 1800

pytestmark = pytest.mark.stock_site

HOST_SETTINGS = """

# --- Samverka (README: "Add Samverka to your Wagtail site") ---
from samverka import plugin  # noqa: E402

INSTALLED_APPS = plugin.with_installed_apps(INSTALLED_APPS)
TEMPLATES[0]["OPTIONS"]["context_processors"] += plugin.CONTEXT_PROCESSORS
MIDDLEWARE += plugin.MIDDLEWARE
AUTHENTICATION_BACKENDS = plugin.AUTHENTICATION_BACKENDS
"""


def _uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("uv is missing (it is a dev dependency in requirements.lock)")
        pytest.skip("uv is not installed")
    return found


class Steps:
    """Runs commands, remembers how long each took (printed with -s, and on failure)."""

    def __init__(self):
        self.timings: list[tuple[str, float]] = []

    def run(self, name, command, **kwargs) -> str:
        started = time.monotonic()
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False, **kwargs
        )
        self.timings.append((name, time.monotonic() - started))
        assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def __str__(self):
        return ", ".join(f"{name} {seconds:.0f}s" for name, seconds in self.timings)


def _install(steps, uv, python, *args):
    base = [uv, "pip", "install", "--quiet", "--python", str(python), "--no-deps", *args]
    try:
        # From uv's cache when it holds every pin (no network); otherwise from the index.
        steps.run("install (offline)", [*base, "--offline"])
    except AssertionError:
        steps.run("install", base)


@pytest.fixture
def postgres_database():
    """A fresh database next to DATABASE_URL's when that is PostgreSQL, else None."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    name = f"samverka_stock_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_samverka_installs_into_a_stock_wagtail_site(tmp_path, postgres_database):
    uv = _uv()
    steps = Steps()
    started = time.monotonic()

    # 1. The wheel, from this checkout (the translations are compiled by `make install`).
    steps.run(
        "compile translations", [sys.executable, str(ROOT / "scripts/compile_translations.py")]
    )
    dist = tmp_path / "dist"
    steps.run(
        "build wheel",
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(dist), str(ROOT)],
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("samverka-*.whl")

    # 2. A fresh virtual environment: the lock file's pins, then the wheel.
    venv = tmp_path / "venv"
    steps.run("uv venv", [uv, "venv", "--quiet", "--python", sys.executable, str(venv)])
    python = venv / "bin" / "python"
    _install(steps, uv, python, "--require-hashes", "-r", str(ROOT / "requirements.lock"))
    steps.run("install wheel", [uv, "pip", "install", "--quiet", "--python", str(python),
                                "--no-deps", str(wheel)])  # fmt: skip

    # 3. A stock Wagtail project with Samverka added as the README says.
    site = tmp_path / "site"
    site.mkdir()
    steps.run("wagtail start", [str(venv / "bin" / "wagtail"), "start", PROJECT, str(site)])
    settings_file = site / PROJECT / "settings" / "base.py"
    extra = HOST_SETTINGS
    if postgres_database:
        extra += f"\nimport dj_database_url  # noqa: E402\n\nDATABASES = {{'default': dj_database_url.parse({postgres_database!r})}}\n"
    settings_file.write_text(settings_file.read_text() + extra)
    urls_file = site / PROJECT / "urls.py"
    urls = urls_file.read_text()
    anchor = '    path("search/", search_views.search, name="search"),\n'
    assert anchor in urls
    urls = urls.replace(anchor, anchor + '    path("", include(plugin.urlpatterns)),\n')
    urls_file.write_text("from samverka import plugin\n" + urls)
    shutil.copy(Path(__file__).with_name("stock_requests.py"), site / "stock_requests.py")

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH", "VIRTUAL_ENV"}
    }
    env["DJANGO_SETTINGS_MODULE"] = f"{PROJECT}.settings.dev"

    def manage(name, *args):
        return steps.run(name, [str(python), "manage.py", *args], cwd=site, env=env)

    # Nothing of this checkout is importable in there: the wheel is what runs.
    location = steps.run(
        "where samverka comes from",
        [str(python), "-c", "import samverka.plugin, events; print(events.__file__)"],
        cwd=site,
        env=env,
    )
    assert str(venv) in location, location

    # 4. check, migrate, makemigrations --check.
    assert "no issues" in manage("check", "check")
    manage("migrate", "migrate", "--noinput")
    manage("makemigrations --check", "makemigrations", "--check", "--dry-run")

    # 5. The directory, the event listing, the volunteer form and the admin.
    output = steps.run("requests", [str(python), "stock_requests.py"], cwd=site, env=env).strip()
    results = json.loads(output.splitlines()[-1])
    print(f"\nstock site ({'PostgreSQL' if postgres_database else 'SQLite'}) in "
          f"{time.monotonic() - started:.0f}s: {steps}")  # fmt: skip
    assert results == {
        "/organisations/": [200, True],
        "/events/": [200, True],
        "/organisations/volunteer/": [200, True],
        "/admin/": [200, True],
    }, f"{results} ({steps})"
