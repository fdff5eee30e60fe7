import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in
# the test body are safe because the live server runs in another thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def site_with_demo(transactional_db, django_db_serialized_rollback, home_page):
    # A transactional test empties every table afterwards, including the rows
    # migrations created (locales, groups, Wagtail's root page); serialized
    # rollback puts them back for the next test (see tests/conftest.py).
    return home_page


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def assert_no_axe_violations(axe, page):
    results = axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    assert violations == [], results.generate_report()
