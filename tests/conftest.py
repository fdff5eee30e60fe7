"""Shared fixtures: named personas and a Wagtail site with the demo home page.

Personas (as in healthchecks' tests): `coordinator` (Karin), `editor` (Jonas),
`volunteer` (Eva), `representative` (Ali) and `visitor` (an anonymous client).
"""

import os
import shutil

import pytest
from django.core.cache import cache

from tests.upgrade import _oldest_release, old_database  # noqa: F401 - fixtures for every package

# Debian's Chromium, or CHROMIUM_PATH; None when there is none.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")
)
if CHROMIUM and not os.path.exists(CHROMIUM):
    CHROMIUM = None


# What a test asks for when it uses a database (directly or through another fixture).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "old_database",
    }
)


def uses_database(item) -> bool:
    """Whether the test may touch a database: pytest-django refuses database access to any
    other test, so those pass or fail the same whatever database the suite runs on (tests
    that start processes give them a database URL of their own)."""
    if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
        getattr(item, "fixturenames", ())
    ):
        return True
    from django.test import SimpleTestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is None or not issubclass(cls, SimpleTestCase):
        return False
    return issubclass(cls, TransactionTestCase) or bool(cls.databases)


def pytest_collection_modifyitems(config, items):
    # SAMVERKA_DATABASE_TESTS_ONLY=1: the second pass of the CI (PostgreSQL) runs only the
    # tests that use the database; the others ran in the first pass and cannot differ.
    if os.environ.get("SAMVERKA_DATABASE_TESTS_ONLY") == "1":
        others = [item for item in items if not uses_database(item)]
        if others:
            config.hook.pytest_deselected(items=others)
            items[:] = [item for item in items if uses_database(item)]
    if CHROMIUM:
        return
    if os.environ.get("CI") == "true":
        return  # under CI a missing browser fails the browser tests instead of skipping them
    skip = pytest.mark.skip(reason="Chromium is missing: sudo apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


# The rows migrations create (locales, groups, Wagtail's root page), serialized
# when the test database is made; see `site_with_demo` in tests/browser/conftest.py.
MIGRATED_ROWS: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            MIGRATED_ROWS[alias] = contents


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migrated_rows_for_transactional_tests(request):
    """Before a transactional test, put back the rows migrations created.

    Django's serialized rollback keeps its snapshot on the connection object.
    Once Playwright's event loop runs in this thread, asgiref hands out fresh
    connection objects without it, the tables stay empty after the previous
    transactional test, and post_migrate has refilled only content types and
    permissions: empty them again and load the snapshot kept above.
    """
    if not _is_transactional(request) or not MIGRATED_ROWS:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.core.management import call_command
    from django.db import connections
    from wagtail.models import Locale

    for alias, contents in MIGRATED_ROWS.items():
        connection = connections[alias]
        if hasattr(connection, "_test_serialized_contents"):
            continue
        if not Locale.objects.using(alias).exists():
            call_command(
                "flush", interactive=False, inhibit_post_migrate=True, verbosity=0, database=alias
            )
            connection.creation.deserialize_db_from_string(contents)
        # From now on Django's own serialized rollback finds the snapshot.
        connection._test_serialized_contents = contents
    yield


def give_session_mfa(client, user):
    """Record in ``client``'s session that this login passed MFA, as allauth does
    after a TOTP code (staff views require it: samverka.core.middleware)."""
    import time

    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_mfa(monkeypatch):
    """`force_login` stands for a complete login, second factor included; the MFA
    tests (tests/core/test_security_mfa.py) log in without it on purpose."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        give_session_mfa(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Swedish: a request in an earlier test leaves its
    language active in this thread, and work outside a request (periodic
    tasks, commands) would then render emails in that language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    from samverka.home.demo import seed_home

    return seed_home(lambda message: None)


def _persona(role):
    from samverka.core.demo import demo_login, ensure_user

    return ensure_user(demo_login(role))


@pytest.fixture
def coordinator(db):
    return _persona("coordinator")


@pytest.fixture
def editor(db):
    return _persona("editor")


@pytest.fixture
def volunteer_user(db):
    return _persona("volunteer")


@pytest.fixture
def representative_user(db):
    return _persona("association representative")


@pytest.fixture
def visitor(client):
    return client


# --- Browser tests: Playwright drives Debian's Chromium, never a downloaded one ---


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        # Under CI a missing browser must fail here rather than be skipped.
        "executable_path": CHROMIUM or os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def phone_page(browser):
    """A 360 px wide phone viewport."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()
