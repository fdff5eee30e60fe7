"""Coordinators work with people and consent texts. Seeing special-category data (faith,
income support) is a separate permission, granted to named staff, not to the group."""

from django.db import migrations

from samverka.core.migration_utils import grant_model_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [grant_model_permissions("people", ["person", "consentversion", "consentrecord"])]
