"""The Counsellor role (vägledare): the Wagtail admin, the coaching models, the people they
coach. Which cases a counsellor sees is decided per object (coaching.access); the model
permissions only open the menus. Coordinators get the coaching report and the referrals."""

from django.db import migrations

from samverka.core.migration_utils import ensure_permissions

COUNSELLOR = "Counsellor"
COUNSELLOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        ("coaching", f"{action}_{model}")
        for model in ("case", "contact", "referral", "caseoutcome")
        for action in ("add", "change", "view")
    ],
    ("coaching", "view_coaching_report"),
    ("people", "add_person"),
    ("people", "change_person"),
    ("people", "view_person"),
]
COORDINATOR_PERMISSIONS = [
    ("coaching", "view_coaching_report"),
    *[
        ("coaching", f"{action}_actormembership")
        for action in ("add", "change", "delete", "view")
    ],
]


def grant(apps, schema_editor):
    ensure_permissions(apps, "coaching")
    ensure_permissions(apps, "people")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (
        (COUNSELLOR, COUNSELLOR_PERMISSIONS),
        ("Coordinator", COORDINATOR_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # The group is emptied rather than deleted: deleting would cascade through other apps'
    # historical models (page permissions), which a migration must not rely on.
    counsellor = Group.objects.filter(name=COUNSELLOR).first()
    if counsellor is not None:
        counsellor.permissions.clear()
    coordinator = Group.objects.filter(name="Coordinator").first()
    if coordinator is not None:
        coordinator.permissions.remove(
            *Permission.objects.filter(content_type__app_label="coaching")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
        ("core", "0002_roles_and_locales"),
        ("people", "0009_outcome"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
