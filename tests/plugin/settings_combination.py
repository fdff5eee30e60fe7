"""A host with only some of Samverka's apps and none of the reference site's
(tests/plugin/test_combinations.py): SAMVERKA_TEST_APPS names them, comma-separated."""

import os
from pathlib import Path

from samverka import plugin
from samverka.settings.test import *  # noqa: F403
from samverka.settings.test import INSTALLED_APPS, MIDDLEWARE, TEMPLATES

CHOSEN = [app for app in os.environ.get("SAMVERKA_TEST_APPS", "").split(",") if app]
_OURS = {"samverka.home", "samverka.orientation", *plugin.SAMVERKA_APPS, *plugin.OPTIONAL_APPS}
INSTALLED_APPS = [
    "samverka.core",
    "samverka.people",
    *CHOSEN,
    *(app for app in INSTALLED_APPS if app not in _OURS),
]
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("samverka.orientation")]
ROOT_URLCONF = "tests.plugin.urls_combination"
TEMPLATES = [dict(TEMPLATES[0], DIRS=[Path(__file__).resolve().parent / "templates"])]
# events' own places and any parent page: the meeting-place pages and the home page are the
# reference site's.
SAMVERKA_EVENTS_PLACE_MODEL = "events.Place"
SAMVERKA_EVENTS_INDEX_PARENT_PAGE_TYPES = None
