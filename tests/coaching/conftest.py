"""Eskilstuna's Mötesplats Årby and Fröslunda as fixtures.

Personas: `sara` (job counsellor, Jobbcentrum at Årby), `nils` (her colleague at Årby),
`lina` (family counsellor at Årby), `omar` (job counsellor at Fröslunda), plus the shared
coordinator Karin and association representative Ali.
"""

import itertools
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from associations.models import Organisation
from coaching.models import ActorMembership, Case
from samverka.people.models import Person

_numbers = itertools.count(1)


def make_organisation(name, kind=Organisation.Kind.PUBLIC_ACTOR):
    return Organisation.objects.create(
        name=name,
        organisation_number=f"21{next(_numbers):04d}-0000",
        kind=kind,
        status=Organisation.Status.APPROVED,
    )


def make_meeting_place(index, title, slug, district, actors):
    from samverka.orientation.models import MeetingPlaceActor, MeetingPlacePage

    place = MeetingPlacePage(
        title=title, slug=slug, street_address="Torget 1", city="Eskilstuna", district=district
    )
    for organisation, offer in actors:
        place.actors.add(MeetingPlaceActor(organisation=organisation, offer=offer, description="-"))
    index.add_child(instance=place)
    place.save_revision().publish()
    return MeetingPlacePage.objects.get(pk=place.pk)


def make_counsellor(name, actor, meeting_place):
    user = get_user_model().objects.create_user(
        username=f"{name.lower()}@eskilstuna.example",
        email=f"{name.lower()}@eskilstuna.example",
        first_name=name,
        last_name="Vägledare",
    )
    user.groups.add(Group.objects.get(name="Counsellor"))
    ActorMembership.objects.create(user=user, actor=actor, meeting_place=meeting_place)
    return user


def make_person(first_name, **fields):
    return Person.objects.create(first_name=first_name, last_name="Testsson", **fields)


def make_case(person, counsellor, actor, meeting_place, **fields):
    fields.setdefault("started_on", date(2021, 1, 11))
    return Case.objects.create(
        person=person, counsellor=counsellor, actor=actor, meeting_place=meeting_place, **fields
    )


@pytest.fixture
def eskilstuna(home_page):
    """Two meeting places, their actors and their staff."""
    from samverka.orientation.models import MeetingPlaceActor, MeetingPlaceIndexPage

    Offer = MeetingPlaceActor.Offer
    index = MeetingPlaceIndexPage(title="Mötesplatser", slug="motesplatser")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    jobbcentrum = make_organisation("Jobbcentrum")
    family = make_organisation("Familjerådgivningen")
    library = make_organisation("Årby bibliotek")
    language = make_organisation("Språkstödet Röda Korset", Organisation.Kind.ASSOCIATION)
    income_support = make_organisation("Försörjningsstöd")
    arby = make_meeting_place(
        index,
        "Mötesplats Årby",
        "",
        "Årby",
        [
            (jobbcentrum, Offer.JOB),
            (family, Offer.FAMILY),
            (library, Offer.LIBRARY),
            (language, Offer.LANGUAGE),
        ],
    )
    froslunda = make_meeting_place(
        index, "Mötesplats Fröslunda", "", "Fröslunda", [(jobbcentrum, Offer.JOB)]
    )
    ns = type("Eskilstuna", (), {})()
    ns.index = index
    ns.arby, ns.froslunda = arby, froslunda
    ns.jobbcentrum, ns.family, ns.library = jobbcentrum, family, library
    ns.language, ns.income_support = language, income_support
    ns.sara = make_counsellor("Sara", jobbcentrum, arby)
    ns.nils = make_counsellor("Nils", jobbcentrum, arby)
    ns.lina = make_counsellor("Lina", family, arby)
    ns.omar = make_counsellor("Omar", jobbcentrum, froslunda)
    return ns
