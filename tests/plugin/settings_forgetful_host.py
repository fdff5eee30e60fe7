"""A host that forgot an app and a context processor Samverka needs (tests/plugin/test_checks.py)."""

from samverka.settings.test import *  # noqa: F403
from samverka.settings.test import INSTALLED_APPS, TEMPLATES

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "django_filters"]
TEMPLATES = [dict(TEMPLATES[0], OPTIONS=dict(TEMPLATES[0]["OPTIONS"]))]
TEMPLATES[0]["OPTIONS"]["context_processors"] = [
    name
    for name in TEMPLATES[0]["OPTIONS"]["context_processors"]
    if name != "samverka.core.context_processors.site_context"
]
