"""Create the Coordinator and Editor groups with their Wagtail permissions, and
the content locales. Later apps add their own model permissions to these groups
in their own data migrations."""

from django.db import migrations

from samverka.core.conf import content_languages
from samverka.core.migration_utils import ensure_permissions

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
COORDINATOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
    ("core", "view_outboundemail"),
]
PAGE_PERMISSIONS = {
    "Editor": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Coordinator": ["add_page", "change_page", "publish_page"],
}


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    root = Page.objects.filter(depth=1).first()
    for name, codenames in (("Editor", EDITOR_PERMISSIONS), ("Coordinator", COORDINATOR_PERMISSIONS)):
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            group.permissions.add(permission)
        if root is not None:
            for codename in PAGE_PERMISSIONS[name]:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Coordinator"]).delete()


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    # WAGTAIL_CONTENT_LANGUAGES when the site sets it, else LANGUAGE_CODE's language, as
    # Wagtail reads them (a host site need not set it; issue 20).
    for code, _name in content_languages():
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
        migrations.RunPython(create_groups, remove_groups),
    ]
