"""The PostgreSQL pass of the CI runs only tests that may touch a database
(SAMVERKA_DATABASE_TESTS_ONLY, tests/conftest.py): none of those may be left out."""

from dataclasses import dataclass, field

import pytest
from django.test import SimpleTestCase, TestCase, TransactionTestCase

from tests.conftest import uses_database


@dataclass
class Item:
    fixturenames: list[str] = field(default_factory=list)
    marker: object = None
    cls: type | None = None

    def get_closest_marker(self, name):
        return self.marker if name == "django_db" else None


class Plain(SimpleTestCase):
    pass


class WithDatabase(SimpleTestCase):
    databases = {"default"}


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (Item(), False),
        (Item(fixturenames=["client", "settings", "tmp_path"]), False),
        (Item(marker=pytest.mark.django_db), True),
        # a persona fixture asks for db, so the test's fixture closure holds it
        (Item(fixturenames=["coordinator", "db"]), True),
        (Item(fixturenames=["transactional_db"]), True),
        (Item(fixturenames=["live_server", "page"]), True),
        (Item(fixturenames=["old_database"]), True),
        (Item(cls=TestCase), True),
        (Item(cls=TransactionTestCase), True),
        (Item(cls=WithDatabase), True),
        (Item(cls=Plain), False),
    ],
)
def test_every_test_that_may_touch_a_database_is_kept(item, expected):
    assert uses_database(item) is expected


def test_a_test_without_a_database_is_refused_one():
    """What makes leaving the others out safe: pytest-django refuses them the database."""
    from wagtail.models import Page

    with pytest.raises(RuntimeError, match="Database access not allowed"):
        Page.objects.count()


def test_the_upgrade_template_leaves_the_database_refused(_oldest_release):
    """The tests of data migrations build a template database once per process (a session
    fixture); building it must not leave the database open to every later test of that
    process, which would make the refusal above depend on the order tests run in."""
    from wagtail.models import Page

    with pytest.raises(RuntimeError, match="Database access not allowed"):
        Page.objects.count()
