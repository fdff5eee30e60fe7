"""The installation's own municipality, made from what the first release knew about it.

- Name from the setting SAMVERKA_MUNICIPALITY; kommunkod from SAMVERKA_MUNICIPALITY_CODE,
  left EMPTY when that is not set (an empty code means "not yet entered": the admin lists it
  so, and a coordinator fills in the four digits; the code is unique only once filled in).
- The four districts the first release had in code, with their centres.
- Every existing person lives there; other apps' migrations point their programmes,
  organisations, internship places and meeting places at it.
- A "Regional coordinator" group with the Coordinator group's permissions: it sees every
  municipality; coordinators and editors may manage municipalities' records through it.
"""

from django.conf import settings
from django.db import migrations

from samverka.core.migration_utils import ensure_permissions

INITIAL_DISTRICTS = {
    "Ålunda centrum": (59.4321, 17.8312),
    "Västerby": (59.4476, 17.7985),
    "Norrängen": (59.4602, 17.8405),
    "Söderdal": (59.4155, 17.8570),
}


def create(apps, schema_editor):
    Municipality = apps.get_model("people", "Municipality")
    District = apps.get_model("people", "District")
    Person = apps.get_model("people", "Person")
    municipality = Municipality.objects.filter(is_default=True).first()
    if municipality is None:
        name = getattr(settings, "SAMVERKA_MUNICIPALITY", "") or "Ålunda kommun"
        code = getattr(settings, "SAMVERKA_MUNICIPALITY_CODE", "") or ""
        municipality = Municipality.objects.create(name=name, code=code, is_default=True)
        for order, (district, (lat, lon)) in enumerate(INITIAL_DISTRICTS.items()):
            District.objects.create(
                municipality=municipality,
                name=district,
                latitude=lat,
                longitude=lon,
                sort_order=order,
            )
    Person.objects.filter(home_municipality__isnull=True).update(home_municipality=municipality)

    ensure_permissions(apps, "people")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinator, _created = Group.objects.get_or_create(name="Coordinator")
    regional, _created = Group.objects.get_or_create(name="Regional coordinator")
    regional.permissions.add(*coordinator.permissions.all())
    regional.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="people",
            codename__in=[
                f"{action}_{model}"
                for model in ("municipality", "district", "municipalityrole")
                for action in ("add", "change", "delete", "view")
            ],
        )
    )
    # Ordinary coordinators may look at their municipality (its districts and contact).
    coordinator.permissions.add(
        *Permission.objects.filter(content_type__app_label="people", codename="view_municipality")
    )


def remove(apps, schema_editor):
    # The group stays (deleting it through historical models trips over auth's relations);
    # without its permissions it grants nothing.
    group = apps.get_model("auth", "Group").objects.filter(name="Regional coordinator").first()
    if group is not None:
        group.permissions.clear()
    apps.get_model("people", "Person").objects.update(home_municipality=None)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_municipalities"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [migrations.RunPython(create, remove)]
