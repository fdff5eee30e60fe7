"""The apps installed alone where that makes sense (issue 20, item 4; README "Supported
combinations"): without the reference site's apps, `migrate` (system checks included) and
`makemigrations --check` pass, and the installed apps' pages answer 200 in the host's layout."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.stock_site,
    # Each combination makes its own SQLite database whatever the suite runs on: once per
    # CI run is enough (the stock-site test covers PostgreSQL).
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="the combinations run on SQLite only; test_stock_site covers PostgreSQL",
    ),
]

# One process per combination (each start of Django costs seconds): `migrate` with its
# system checks, `makemigrations --check` (exits 1 on a missing migration), then the pages.
SCRIPT = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, skip_checks=False, verbosity=0)
call_command("makemigrations", check=True, dry_run=True, verbosity=1)
from django.test import Client
client = Client()
for path in {paths!r}:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert b'data-layout="combination-host"' in response.content, path
print("ok")
"""


@pytest.mark.parametrize(
    ("installed", "paths"),
    [
        (["associations"], ["/organisations/", "/organisations/volunteer/"]),
        (["associations", "events"], ["/organisations/", "/events/"]),
        (["associations", "mentors", "mentors.internships"], ["/organisations/volunteer/"]),
    ],
    ids=["associations", "events", "mentors"],
)
def test_a_combination_of_apps_installs(tmp_path, installed, paths):
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "tests.plugin.settings_combination"
    env["SAMVERKA_TEST_APPS"] = ",".join(installed)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'host.sqlite3'}"

    def run(*command):
        result = subprocess.run(
            [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=900, check=False,
        )  # fmt: skip
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    assert run("-c", SCRIPT.format(paths=paths)).strip().splitlines()[-1] == "ok"
