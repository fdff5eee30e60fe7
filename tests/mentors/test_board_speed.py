"""What keeps the matching board cheap without changing whom it shows.

The board's scoped queries read the coordinator's municipalities through
`samverka.people.municipalities.municipalities_for`, whose subquery is compiled once per user
object instead of once per query. These tests pin that the board's access functions select
the rows of the one scoping rule for each kind of coordinator, that a change of roles counts
at the next query (what is kept is the statement, not its result), and that a board request
compiles it once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from mentors import access
from mentors.models import ExcludedPair, Match, Newcomer, available_mentors
from samverka.core.permissions import COORDINATOR, REGIONAL_COORDINATOR
from samverka.people import municipalities
from samverka.people.municipalities import (
    District,
    Municipality,
    MunicipalityRole,
    _coordinated,
    municipalities_for,
    scope,
)
from tests.mentors.conftest import make_mentor, make_newcomer

pytestmark = pytest.mark.django_db


def _user(name, *groups):
    user = get_user_model().objects.create_user(
        username=f"{name}@example.org", email=f"{name}@example.org", password="x-long-pw-1"
    )
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def two_municipalities(db):
    home = Municipality.objects.get(is_default=True)
    norrvik = Municipality.objects.create(name="Norrvik kommun", code="0999")
    District.objects.create(municipality=norrvik, name="Norrvik centrum", postcodes="199 30")
    home_district = District.objects.filter(municipality=home).values_list("name", flat=True)[0]
    people = {}
    for where, municipality, district in (
        ("home", home, home_district),
        ("norrvik", norrvik, "Norrvik centrum"),
    ):
        newcomer = make_newcomer(f"N{where}", home_municipality=municipality, district=district)
        waiting = make_newcomer(f"W{where}", home_municipality=municipality, district=district)
        mentor = make_mentor(f"M{where}", district=district, capacity=2)
        match = Match.propose(newcomer, mentor)
        ExcludedPair.objects.create(newcomer=waiting, volunteer=mentor, reason="test")
        people[where] = (newcomer, mentor, match)
    make_mentor("Nowhere", district="")  # a district that tells no municipality: seen by all
    make_mentor("Elsewhere", district="Somewhere unknown")
    return home, norrvik


def _coordinators(home, norrvik):
    karin = _user("karin", COORDINATOR)  # no role: the default municipality
    nils = _user("nils", COORDINATOR)
    MunicipalityRole.objects.create(user=nils, municipality=norrvik)
    both = _user("both", COORDINATOR)
    for municipality in (home, norrvik):
        MunicipalityRole.objects.create(user=both, municipality=municipality)
    regional = _user("regional", REGIONAL_COORDINATOR)
    return [karin, nils, both, regional]


def _pks(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def test_the_board_scopes_select_the_rows_of_the_one_scoping_rule(two_municipalities):
    home, norrvik = two_municipalities
    expected = {
        "karin@example.org": {home.pk},  # no role: the default municipality
        "nils@example.org": {norrvik.pk},
        "both@example.org": {home.pk, norrvik.pk},
        "regional@example.org": {home.pk, norrvik.pk},
    }
    for user in _coordinators(home, norrvik):
        ids = municipalities_for(user)
        if user.username == "regional@example.org":
            assert ids is None
        else:
            # the compiled statement selects what the queryset it was compiled from selects
            assert set(Municipality.objects.filter(pk__in=ids).values_list("pk", flat=True)) == (
                set(_coordinated(user).values_list("pk", flat=True))
            )
        seen = {n.person.home_municipality_id for n in access.newcomers_for(user)}
        assert seen == expected[user.username]
        assert {m.newcomer.person.home_municipality_id for m in access.matches_for(user)} == (
            expected[user.username]
        )
        assert {
            p.newcomer.person.home_municipality_id for p in access.excluded_pairs_for(user)
        } == (expected[user.username])
        names = {m.first_name for m in access.mentors_for(user)}
        # kompisar whose district tells no municipality are seen by every coordinator
        assert {"Nowhere", "Elsewhere"} <= names
        assert ("Mhome" in names) == (home.pk in expected[user.username])
        assert ("Mnorrvik" in names) == (norrvik.pk in expected[user.username])
        assert _pks(access.mentors_for(user)) == _pks(
            scope(available_mentors(), user, (), district=access.MENTOR_DISTRICT)
        )


def test_a_role_given_or_taken_counts_at_the_next_query(two_municipalities):
    home, norrvik = two_municipalities
    karin = _user("karin", COORDINATOR)
    at_home = _pks(access.newcomers_for(karin))
    assert at_home and all(
        n.person.home_municipality_id == home.pk for n in access.newcomers_for(karin)
    )
    role = MunicipalityRole.objects.create(user=karin, municipality=norrvik)
    # the same user object: the remembered statement reads the roles again
    assert {n.person.home_municipality_id for n in access.newcomers_for(karin)} == {norrvik.pk}
    role.delete()
    assert _pks(access.newcomers_for(karin)) == at_home
    karin.is_superuser = True
    assert municipalities_for(karin) is None
    assert _pks(access.newcomers_for(karin)) == _pks(Newcomer.objects.all())


def test_the_board_compiles_the_municipalities_once_per_kind_of_coordinator(
    client, two_municipalities, monkeypatch
):
    """The board's statements are kept per kind of coordinator (mentors.statements): the
    municipalities' subquery is compiled once for all of them, for a stand-in user, and no
    more on later requests, whoever makes them."""
    from mentors import statements
    from samverka.core import statements as core_statements

    home, norrvik = two_municipalities
    nils = _user("nils", COORDINATOR)
    MunicipalityRole.objects.create(user=nils, municipality=norrvik)
    karin = _user("karin", COORDINATOR)
    compiled = []
    original = municipalities._coordinated

    def counting(user):
        compiled.append(user.pk)
        return original(user)

    monkeypatch.setattr(municipalities, "_coordinated", counting)
    monkeypatch.setattr(core_statements, "_kept", {})
    monkeypatch.setattr(statements, "_stand_ins", {})
    client.force_login(nils)
    page = client.get(reverse("mentors_admin:board")).content.decode()
    assert compiled == [core_statements.USER_ID]
    assert "Nnorrvik" in page and "Nhome" not in page
    assert "Mnorrvik" in page and "Mhome" not in page
    assert "Nowhere" in page and "Elsewhere" in page
    client.force_login(karin)
    page = client.get(reverse("mentors_admin:board")).content.decode()
    assert compiled == [core_statements.USER_ID]
    assert "Nhome" in page and "Nnorrvik" not in page


def test_the_totals_count_every_row_not_only_those_shown(client, coordinator, monkeypatch):
    """The lists' totals are read beside their first rows (a window over the whole result,
    counted before the LIMIT): more rows than the board shows still give the full totals."""
    from mentors import admin_views

    monkeypatch.setattr(admin_views, "BOARD_ROWS", 2)
    newcomers = [make_newcomer(f"Wait{k}", days=10 + k) for k in range(3)]
    make_newcomer("Applied", status=Newcomer.Status.PENDING)
    mentors = [make_mentor(f"Free{k}", capacity=2) for k in range(3)]
    make_mentor("Full", capacity=1)
    Match.propose(make_newcomer("Held"), mentors[0])
    for newcomer in newcomers:
        ExcludedPair.objects.create(newcomer=newcomer, volunteer=mentors[1], reason="test")
    client.force_login(coordinator)
    response = client.get(reverse("mentors_admin:board"))
    context = response.context
    assert [row["name"] for row in context["newcomer_rows"]] == ["Wait2 Yousef", "Wait1 Yousef"]
    assert (context["waiting_total"], context["pending"]) == (3, 1)
    # Full holds nothing yet (capacity 1, no match): four with a free place, two shown
    assert [row["name"] for row in context["mentor_rows"]] == ["Free0 Holm", "Free1 Holm"]
    assert context["mentors_total"] == 4
    assert [row["free_places"] for row in context["mentor_rows"]] == ["1", "2"]
    assert len(context["excluded_rows"]) == 2 and context["excluded_total"] == 3
    page = response.content.decode()
    assert "Showing the first 2 of 3 in line." in page
    assert "Showing 2 of 4 kompisar." in page
    assert "All 3 excluded pairs" in page
    assert "1 application to check." in page
    assert context["awaiting"][0].newcomer.full_name == "Held Yousef"
    assert context["flagged"] == []
