"""Give the Coordinator group the permissions on the kompis-matching models."""

from django.db import migrations

from samverka.core.migration_utils import grant_model_permissions

MODELS = [
    "newcomer",
    "mentorpreferences",
    "matchingpolicy",
    "excludedpair",
    "matchrun",
    "proposal",
    "match",
    "meeting",
    "followup",
]


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0001_initial"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [grant_model_permissions("mentors", MODELS)]
