"""A host missing an app, a context processor, a middleware or a setting Samverka needs gets
a system-check error naming it (issue 20, "Bad input"), not a traceback at request time."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.checks import Error
from django.test import override_settings

from events import checks as events_checks
from samverka.core import checks

ROOT = Path(__file__).resolve().parents[2]


def ids(messages):
    return [message.id for message in messages]


def test_the_reference_site_passes():
    assert checks.check_apps() == []
    assert checks.check_templates() == []
    assert checks.check_middleware() == []
    assert events_checks.check_place_model() == []


def test_a_missing_app_is_named(monkeypatch):
    monkeypatch.setattr(checks, "_installed", lambda name: name not in {"allauth.mfa", "mentors"})
    messages = checks.check_apps()
    texts = [message.msg for message in messages]
    assert "Samverka needs the app 'allauth.mfa' in INSTALLED_APPS." in texts
    # mentors.internships needs mentors.
    assert "The Samverka app 'mentors.internships' needs 'mentors' in INSTALLED_APPS." in texts
    assert all(isinstance(message, Error) for message in messages)


def test_a_missing_context_processor_is_named():
    templates = [dict(settings.TEMPLATES[0], OPTIONS=dict(settings.TEMPLATES[0]["OPTIONS"]))]
    templates[0]["OPTIONS"]["context_processors"] = [
        name
        for name in templates[0]["OPTIONS"]["context_processors"]
        if name != "samverka.core.context_processors.site_context"
    ]
    with override_settings(TEMPLATES=templates):
        messages = checks.check_templates()
    assert ids(messages) == ["samverka.E003"]
    assert "samverka.core.context_processors.site_context" in messages[0].msg


@override_settings(SAMVERKA_BASE_TEMPLATE="layouts/nowhere.html")
def test_a_base_template_that_does_not_exist_is_named():
    messages = checks.check_templates()
    assert ids(messages) == ["samverka.E004"]
    assert "'layouts/nowhere.html' (SAMVERKA_BASE_TEMPLATE)" in messages[0].msg


def test_a_missing_middleware_is_named():
    middleware = [
        name
        for name in settings.MIDDLEWARE
        if name != "allauth.account.middleware.AccountMiddleware"
    ]
    with override_settings(MIDDLEWARE=middleware):
        messages = checks.check_middleware()
    assert ids(messages) == ["samverka.E005"]
    assert "allauth.account.middleware.AccountMiddleware" in messages[0].msg


def test_a_place_model_that_is_not_installed_is_named():
    with override_settings(SAMVERKA_EVENTS_PLACE_MODEL="nowhere.Place"):
        messages = events_checks.check_place_model()
    assert ids(messages) == ["samverka.E006"]
    assert "SAMVERKA_EVENTS_PLACE_MODEL refers to 'nowhere.Place'" in messages[0].msg


def test_a_place_model_without_title_and_address_is_named():
    with override_settings(SAMVERKA_EVENTS_PLACE_MODEL="associations.Organisation"):
        messages = events_checks.check_place_model()
    assert ids(messages) == ["samverka.E007"]
    assert "'title' or 'full_address'" in messages[0].msg


def test_manage_py_check_names_what_a_host_forgot(tmp_path):
    """The same through `manage.py check` in a host of its own (a process of its own)."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "tests.plugin.settings_forgetful_host"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'host.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "samverka.E001" in result.stderr and "'django_filters'" in result.stderr
    assert "samverka.E003" in result.stderr and "site_context" in result.stderr
    assert "Traceback" not in result.stderr
