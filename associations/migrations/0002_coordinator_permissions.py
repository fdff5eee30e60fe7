"""Give the Coordinator group the permissions on the associations models."""

from django.db import migrations

from samverka.core.migration_utils import grant_model_permissions

MODELS = [
    "organisation",
    "representative",
    "volunteer",
    "membership",
    "invitation",
    "accessrequest",
    "consenttext",
]


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0001_initial"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [grant_model_permissions("associations", MODELS)]
