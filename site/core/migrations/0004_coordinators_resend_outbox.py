"""Coordinators may send a failed or bounced message again (the outbox listing)."""

from django.db import migrations

from samverka.core.migration_utils import ensure_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="core", codename="change_outboundemail"
    )
    for group in Group.objects.filter(name="Coordinator"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Coordinator"):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="core", codename="change_outboundemail")
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_outbox_claims_and_kinds")]

    operations = [migrations.RunPython(grant, revoke)]
