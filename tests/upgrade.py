"""Tests of data migrations: rows made with the schema of an earlier release, migrated forward.

Each such test gets a database of its own (`old_database`) that stands in for the default
database while it runs: a copy of one built once per test process at the oldest schema the
tests start from (OLDEST), which the test migrates forward. Taking the
suite's own test database back in time instead (MigrationExecutor backwards, then forwards
again, then a flush and the migrations' rows reloaded for the next test) cost each test about
three times as much, and these tests were the slowest part of the suite on both databases.

    def test_something(old_database):
        old = migrate([("events", "0006_participant_profile_only")])
        ...make rows with old.get_model(...)...
        new = migrate(leaves())
        ...check them with new.get_model(...)...
"""

from __future__ import annotations

import contextlib
import shutil
import uuid

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor

# The apps whose migrations these tests take back; every other app (Django's, Wagtail's,
# allauth's, …) is migrated to its newest state, as it is on any installation being upgraded.
SAMVERKA_APPS = {
    "core",
    "people",
    "home",
    "orientation",
    "associations",
    "mentors",
    "internships",
    "events",
    "coaching",
}


def leaves() -> list[tuple[str, str]]:
    """Every app's newest migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    """Migrate the database to `targets` (app label, migration name or None); the apps the
    targets do not name are taken to their newest migration when they are not Samverka's.
    Returns the historical apps at the targets."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    named = {app for app, _name in targets}
    others = [
        leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] not in SAMVERKA_APPS | named
    ]
    executor.migrate([*others, *targets])
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


# The oldest schema a test here starts from. It is built once per test process (Django's,
# Wagtail's and the other apps' migrations at their newest, Samverka's at these) and each test
# gets a copy, so a test migrates only from here to its own starting point and on.
OLDEST = [
    ("associations", "0005_volunteer_anonymised_at"),
    ("mentors", "0002_coordinator_permissions"),
    ("events", "0003_participant_newcomer"),
    ("internships", "0003_report_indexes"),
    ("people", None),
]


def _forget_caches():
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from samverka.people.municipalities import forget

    ContentType.objects.clear_cache()
    cache.clear()
    forget()


class _Databases:
    """Empty databases beside the suite's test database, and copies of them."""

    def __init__(self, original, folder):
        self.original = original
        self.folder = folder
        self.vendor = original.vendor
        if self.vendor not in ("sqlite", "postgresql"):  # pragma: no cover
            pytest.skip(f"no database of its own on {self.vendor}")

    def _name(self, suffix):
        if self.vendor == "sqlite":
            return str(self.folder / f"{suffix}.sqlite3")
        return f"{self.original.settings_dict['NAME']}_{suffix}"[:63]

    def create(self, suffix, template=None):
        name = self._name(suffix)
        if self.vendor == "sqlite":
            if template:
                shutil.copyfile(template, name)
        else:
            with self.original._nodb_cursor() as cursor:
                copy = f' TEMPLATE "{template}"' if template else ""
                cursor.execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def drop(self, name):
        if self.vendor == "postgresql":
            with self.original._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextlib.contextmanager
    def standing_in(self, name):
        """The database `name` in place of the default one while the block runs."""
        own = self.original.__class__(
            {**self.original.settings_dict, "NAME": name}, DEFAULT_DB_ALIAS
        )
        connections[DEFAULT_DB_ALIAS] = own
        _forget_caches()
        try:
            yield own
        finally:
            own.close()
            connections[DEFAULT_DB_ALIAS] = self.original
            _forget_caches()


@pytest.fixture(scope="session")
def _oldest_release(django_db_setup, django_db_blocker, tmp_path_factory):
    # The database is unblocked only while the template is built and dropped: a session
    # fixture that yielded inside unblock() would let every later test of this process
    # touch the database unasked.
    with django_db_blocker.unblock():
        databases = _Databases(connections[DEFAULT_DB_ALIAS], tmp_path_factory.mktemp("upgrade"))
        name = databases.create(f"oldest_{uuid.uuid4().hex[:8]}")
        try:
            with databases.standing_in(name):
                migrate(OLDEST)
        except BaseException:
            databases.drop(name)
            raise
    try:
        yield databases, name
    finally:
        with django_db_blocker.unblock():
            databases.drop(name)


@pytest.fixture
def old_database(_oldest_release, django_db_blocker):
    """A database of this test's own in place of the default one, at OLDEST (a copy of the
    one built for this process: a SQLite file, or a PostgreSQL database made from it as a
    template), dropped afterwards; the suite's test database is not touched."""
    databases, oldest = _oldest_release
    with django_db_blocker.unblock():
        name = databases.create(f"upgrade_{uuid.uuid4().hex[:8]}", template=oldest)
        try:
            with databases.standing_in(name) as own:
                yield own
        finally:
            databases.drop(name)
