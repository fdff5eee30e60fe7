"""Scoping costs no query: the municipalities a coordinator sees are read inside the statement
that lists or loads the rows (a subquery), never fetched first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_load_and_authorise_a_person_costs_what_it_did(world, django_assert_num_queries):
    from samverka.people.access import get_person_for

    for user, person in ((world.nils, world.reza.person), (world.karin, world.amal.person)):
        user = type(user).objects.get(pk=user.pk)  # groups not yet read
        # 1 the user's groups (is_coordinator), 2 the person, scoped in the same statement
        with django_assert_num_queries(2):
            assert get_person_for(user, person.pk) == person


@pytest.mark.parametrize("namespace", ["persons", "newcomers"])
def test_listings_cost_the_same_for_both_coordinators_and_any_number_of_rows(
    client, world, namespace
):
    from mentors.models import Newcomer

    url = reverse(f"{namespace}:index")
    counts = {}
    for who in ("karin", "nils"):
        client.force_login(getattr(world, who))
        client.get(url)  # warm the menu and layout caches
        counts[who] = _count(client, url)
    for n in range(5):
        Newcomer.objects.register(
            first_name=f"Ny{n}", district="Norrvik centrum", home_municipality=world.norrvik
        )
    client.force_login(world.nils)
    client.get(url)
    assert _count(client, url) == counts["nils"] == counts["karin"]


def test_the_board_costs_its_pinned_count_for_a_scoped_coordinator(client, world):
    from tests.mentors.test_matching_issue16 import BOARD_QUERIES

    client.force_login(world.nils)
    url = reverse("mentors_admin:board")
    client.get(url)
    assert _count(client, url) == BOARD_QUERIES
