"""Demo: the neighbour municipality Norrvik (fictional), which has no civic-orientation course
of its own and sends its residents to Ålunda's. Its coordinator Nils holds a role for Norrvik
only; Karin coordinates Ålunda, the municipality that runs the installation. The shared course
itself is filled in by `events.municipality_demo`. Safe to run again."""

from django.db import transaction

from samverka.core.demo import demo_login, ensure_user

from .municipalities import District, Municipality, MunicipalityRole

NEIGHBOUR = "Norrvik kommun"
NEIGHBOUR_CODE = "0999"  # fictional: no real municipality has this kommunkod
NEIGHBOUR_DISTRICTS = [
    ("Norrvik centrum", "199 30, 199 31", 59.5231, 17.9012),
    ("Strandby", "199 40", 59.5350, 17.9290),
]


def neighbour() -> Municipality | None:
    return Municipality.objects.filter(name=NEIGHBOUR).first()


@transaction.atomic
def seed_municipalities(report):
    home = Municipality.objects.filter(is_default=True).first()
    if home is not None and not home.email:
        home.email = "kontakt@alunda.demo.samverka.se"
        home.phone = "010-100 00 00"
        home.website = "https://alunda.demo.samverka.se/"
        home.save()
    municipality, created = Municipality.objects.get_or_create(
        name=NEIGHBOUR,
        defaults={
            "code": NEIGHBOUR_CODE,
            "email": "integration@norrvik.demo.samverka.se",
            "phone": "010-200 00 00",
            "address": "Kommunhuset, Torget 1, 199 30 Norrvik",
        },
    )
    for order, (name, postcodes, lat, lon) in enumerate(NEIGHBOUR_DISTRICTS):
        District.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={
                "postcodes": postcodes,
                "latitude": lat,
                "longitude": lon,
                "sort_order": order,
            },
        )
    nils = ensure_user(demo_login("coordinator of Norrvik"))
    MunicipalityRole.objects.get_or_create(user=nils, municipality=municipality)
    report(
        f"{'created' if created else 'kept'} {NEIGHBOUR} with {municipality.districts.count()} "
        f"districts; {nils.email} coordinates it (and only it)"
    )


SEEDERS = [seed_municipalities]
