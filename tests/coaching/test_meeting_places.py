"""Meeting places: actors from the registry, plain-ASCII slugs, upcoming events and drop-in
hours on the page."""

import pytest

from associations.models import Organisation
from samverka.orientation.models import MeetingPlaceActor

pytestmark = pytest.mark.django_db


def test_slug_is_plain_ascii_and_the_page_answers(client, eskilstuna):
    assert eskilstuna.arby.slug == "motesplats-arby"
    assert eskilstuna.froslunda.slug == "motesplats-froslunda"
    response = client.get("/motesplatser/motesplats-arby/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Jobbcentrum", "Familjerådgivningen", "Årby bibliotek"):
        assert name in html


def test_actors_are_organisations_of_the_registry(eskilstuna):
    arby = eskilstuna.arby
    assert set(arby.actor_organisations()) == {
        eskilstuna.jobbcentrum,
        eskilstuna.family,
        eskilstuna.library,
        eskilstuna.language,
    }


def test_an_actor_given_by_name_only_is_shown_but_is_no_referral_target(eskilstuna):
    actor = MeetingPlaceActor(
        page=eskilstuna.froslunda,
        name="Öppna förskolan Trollet",
        offer=MeetingPlaceActor.Offer.OPEN_PRESCHOOL,
        description="-",
    )
    actor.save()
    assert actor.display_name == "Öppna förskolan Trollet"
    assert list(eskilstuna.froslunda.actor_organisations()) == [eskilstuna.jobbcentrum]
    assert not Organisation.objects.filter(name="Öppna förskolan Trollet").exists()
