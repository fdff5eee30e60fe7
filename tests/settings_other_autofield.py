"""Test settings of a host whose DEFAULT_AUTO_FIELD differs from Samverka's (issue 20)."""

from samverka.settings.test import *  # noqa: F403

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
