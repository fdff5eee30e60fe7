"""Editors and coordinators edit the message texts (the Message texts admin)."""

from django.db import migrations

from samverka.core.migration_utils import ACTIONS, ensure_permissions

GROUPS = ("Editor", "Coordinator")
CODENAMES = [f"{action}_messagetext" for action in ACTIONS]


def grant(apps, schema_editor):
    ensure_permissions(apps, "core")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_message_texts")]

    operations = [migrations.RunPython(grant, revoke)]
