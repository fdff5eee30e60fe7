"""Editors and coordinators may start a translation (wagtail-localize's "Translate" on a
page or a snippet, such as a message text): without the permission only a superuser could,
and a new page or event would stay Swedish until an administrator stepped in."""

from django.db import migrations

GROUPS = ("Editor", "Coordinator")


def _permission(apps):
    return (
        apps.get_model("auth", "Permission")
        .objects.filter(content_type__app_label="wagtail_localize", codename="submit_translation")
        .first()
    )


def grant(apps, schema_editor):
    permission = _permission(apps)
    if permission is None:  # created by wagtail_localize.0006, which this migration follows
        return
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = _permission(apps)
    if permission is None:
        return
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("orientation", "0007_adopt_translations"),
        ("core", "0007_message_text_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
