import pytest

from associations.demo import seed_organisations, seed_volunteers
from mentors.demo import seed_matches, seed_newcomers
from mentors.models import Match, Newcomer

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_gives_eva_a_proposal_and_a_match(volunteer_user):
    messages = []
    for seeder in (seed_organisations, seed_volunteers, seed_newcomers, seed_matches):
        seeder(messages.append)
    assert Newcomer.objects.count() == 230
    assert Newcomer.objects.waiting().count() > 100
    assert Match.objects.filter(status=Match.Status.ENDED).exists()
    eva = Match.objects.filter(volunteer__user=volunteer_user)
    assert eva.filter(status=Match.Status.ACTIVE).count() == 1
    assert eva.filter(status=Match.Status.PROPOSED).count() == 1
    languages = {code for n in Newcomer.objects.all() for code in n.languages}
    assert {"ar", "prs", "ti", "so", "uk"} <= languages
    before = (Newcomer.objects.count(), Match.objects.count())
    seed_newcomers(messages.append)
    seed_matches(messages.append)
    assert (Newcomer.objects.count(), Match.objects.count()) == before
