"""Helpers for data migrations that give the role groups their permissions.

They work on the historical models a migration passes in (`apps`), never on
the current ones, so a later model change cannot break an old migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def ensure_permissions(apps, app_label=None):
    """Create permissions now: Django normally does so only after all migrations."""
    configs = [apps.get_app_config(app_label)] if app_label else apps.get_app_configs()
    for app_config in configs:
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_model_permissions(app_label, models, group_name="Coordinator", actions=ACTIONS):
    """A RunPython operation giving `group_name` every action on `models` of `app_label`,
    reversed by taking all of that app's permissions away from the group again."""

    def grant(apps, schema_editor):
        ensure_permissions(apps, app_label)
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for model in models for action in actions],
            )
        )

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label))

    return migrations.RunPython(grant, revoke)
