"""Give the Coordinator group the permissions on the internship models."""

from django.db import migrations

from samverka.core.migration_utils import grant_model_permissions

MODELS = ["internshipplace", "internship", "followup", "contactlogentry", "outcome"]


class Migration(migrations.Migration):
    dependencies = [
        ("internships", "0001_initial"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [grant_model_permissions("internships", MODELS)]
