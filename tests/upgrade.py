"""Tests of data migrations: rows made with the schema of an earlier release, migrated forward.

Each such test gets a database of its own (`old_database`), empty, that stands in for the
default database while it runs, and builds the old schema forward from nothing. Taking the
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


def _forget_caches():
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from samverka.people.municipalities import forget

    ContentType.objects.clear_cache()
    cache.clear()
    forget()


@pytest.fixture
def old_database(django_db_setup, django_db_blocker, tmp_path):
    """An empty database of this test's own in place of the default one (a SQLite file, or
    a PostgreSQL database beside the suite's), dropped afterwards; the suite's test database
    is not touched."""
    with django_db_blocker.unblock():
        original = connections[DEFAULT_DB_ALIAS]
        settings = dict(original.settings_dict)
        name = None
        if original.vendor == "sqlite":
            settings["NAME"] = str(tmp_path / "upgrade.sqlite3")
        elif original.vendor == "postgresql":
            name = f"{original.settings_dict['NAME']}_upgrade_{uuid.uuid4().hex[:8]}"[:63]
            with original._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
            settings["NAME"] = name
        else:  # pragma: no cover - the suite runs on SQLite and PostgreSQL
            pytest.skip(f"no database of its own on {original.vendor}")
        own = original.__class__(settings, DEFAULT_DB_ALIAS)
        connections[DEFAULT_DB_ALIAS] = own
        _forget_caches()
        try:
            yield own
        finally:
            own.close()
            connections[DEFAULT_DB_ALIAS] = original
            _forget_caches()
            if name:
                with original._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
