"""Shared fixtures: named personas and a Wagtail site with the demo home page.

Personas (as in healthchecks' tests): `coordinator` (Karin), `editor` (Jonas),
`volunteer` (Eva), `representative` (Ali) and `visitor` (an anonymous client).
"""

import os
import shutil

import pytest
from django.core.cache import cache

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    if os.environ.get("CI") == "true":
        return  # under CI a missing browser fails the browser tests instead of skipping them
    skip = pytest.mark.skip(reason="Chromium is missing: sudo apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from samverka.core.demo import seed_home

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
        "executable_path": CHROMIUM,
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
