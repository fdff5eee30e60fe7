"""Give the Coordinator group the permissions on the events models (event pages
themselves are governed by Wagtail's page permissions)."""

from django.db import migrations

from samverka.core.migration_utils import grant_model_permissions

MODELS = [
    "eventoccurrence",
    "registration",
    "attendance",
    "participant",
    "programme",
    "enrolment",
    "absence",
    "feedbackresponse",
    "calendartoken",
]


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [grant_model_permissions("events", MODELS)]
