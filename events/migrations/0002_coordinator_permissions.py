"""Give the Coordinator group the permissions on the events models (event pages
themselves are governed by Wagtail's page permissions)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Coordinator")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coordinator").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="events"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
