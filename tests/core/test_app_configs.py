"""Every Samverka app states its own primary-key type (issue 20: a host's DEFAULT_AUTO_FIELD)."""

import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps

SAMVERKA_APPS = ["core", "people", "home", "orientation", "associations", "mentors"]
SAMVERKA_APPS += ["internships", "events"]
ROOT = Path(__file__).resolve().parents[2]


def test_every_samverka_app_sets_default_auto_field():
    for label in SAMVERKA_APPS:
        assert "default_auto_field" in type(apps.get_app_config(label)).__dict__, label


def test_migrations_match_models_in_a_host_with_another_default_auto_field(tmp_path):
    # Models are built once per process, so the host is a process of its own.
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings_other_autofield"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'host.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run", *SAMVERKA_APPS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
