"""The board's statements are compiled once per process and kind of coordinator
(mentors.statements): every coordinator must still get exactly what their own queryset
gives, and a change of roles must count at the next request."""

import pytest
from django.contrib.auth import get_user_model

from mentors import admin_views, statements
from mentors.models import Match
from samverka.people.municipalities import MunicipalityRole
from tests.mentors.conftest import make_mentor, make_newcomer
from tests.mentors.test_board_speed import (  # noqa: F401 - a fixture
    _coordinators,
    _user,
    two_municipalities,
)

pytestmark = pytest.mark.django_db

BUILDERS = {
    "board:newcomers": admin_views._board_newcomers,
    "board:mentors": admin_views._board_mentors,
    "board:excluded": admin_views._board_excluded,
    "board:matches": admin_views._board_matches,
    "board:draft": admin_views._board_draft,
}


def _seen(row):
    """What the board reads of a row."""
    if isinstance(row, tuple):
        return row
    seen = [type(row).__name__, row.pk, getattr(row, "total", None)]
    for path in ("newcomer.person.first_name", "volunteer.first_name", "person.first_name"):
        value = row
        for name in path.split("."):
            value = getattr(value, name, None)
        seen.append(value)
    return tuple(seen)


def _both(user) -> dict:
    return {
        name: (
            [_seen(r) for r in statements.rows(name, user, build)],
            [_seen(r) for r in build(user)],
        )
        for name, build in BUILDERS.items()
    }


def test_every_kind_of_coordinator_gets_what_their_queryset_gives(two_municipalities):  # noqa: F811
    home, norrvik = two_municipalities
    users = _coordinators(home, norrvik)
    users.append(
        get_user_model().objects.create_superuser("root@example.org", "root@example.org", "x")
    )
    users.append(_user("nobody"))  # no coordinator: nothing, not kept
    kinds = set()
    for _ in range(2):  # compiled, then kept
        for user in users:
            kinds.add(statements.kind_of(user))
            for name, (kept, own) in _both(user).items():
                assert kept == own, (user.username, name)
    assert kinds == {statements.SCOPED, statements.EVERY, None}
    # the users see different rows: the statement is not one user's
    seen = {u.username: _both(u)["board:newcomers"][0] for u in users}
    assert seen["karin@example.org"] != seen["nils@example.org"]
    assert seen["nobody@example.org"] == []


def test_a_role_given_counts_at_the_next_request(client, two_municipalities):  # noqa: F811
    home, norrvik = two_municipalities
    nils = _user("nils", "Coordinator")
    MunicipalityRole.objects.create(user=nils, municipality=norrvik)
    client.force_login(nils)
    page = client.get("/admin/kompis/").content.decode()
    assert "Nnorrvik" in page and "Nhome" not in page
    MunicipalityRole.objects.create(user=nils, municipality=home)
    page = client.get("/admin/kompis/").content.decode()
    assert "Nnorrvik" in page and "Nhome" in page


def test_the_policy_is_the_latest_version(client, coordinator):
    from mentors.models import MatchingPolicy

    client.force_login(coordinator)
    first = MatchingPolicy.objects.current()
    assert f"{first.version}." in client.get("/admin/kompis/").content.decode()
    newer = MatchingPolicy.objects.create(version=first.version + 1)
    response = client.get("/admin/kompis/")
    assert response.context["policy"].pk == newer.pk


def test_the_boards_rows_are_the_same_kept_or_built(client, coordinator):
    newcomer = make_newcomer("Kept")
    mentor = make_mentor("Kompis", capacity=2)
    Match.propose(newcomer, mentor)
    client.force_login(coordinator)
    first = client.get("/admin/kompis/").context
    second = client.get("/admin/kompis/").context
    for key in ("newcomer_rows", "mentor_rows", "excluded_rows", "waiting_total", "pending"):
        assert first[key] == second[key], key
    assert [m.pk for m in second["awaiting"]] == [m.pk for m in first["awaiting"]] != []


def test_with_only_applications_to_check_nobody_is_in_line(client, coordinator):
    """The pending are read with the newcomers in line (for their total) but never shown."""
    from mentors.models import Newcomer

    make_newcomer("Applied", status=Newcomer.Status.PENDING)
    make_newcomer("Also", status=Newcomer.Status.PENDING)
    client.force_login(coordinator)
    response = client.get("/admin/kompis/")
    context = response.context
    assert (context["newcomer_rows"], context["waiting_total"], context["pending"]) == ([], 0, 2)
    assert "Applied" not in response.content.decode()


@pytest.mark.parametrize("separators", [False, True])
def test_the_rows_numbers_are_written_as_the_template_writes_them(separators, settings):
    """The board's numbers are written out in the view (`_number`), as `{{ value }}`
    would localize them, with thousand separators on or off."""
    from django.template import Context, Template
    from django.utils import translation

    settings.USE_THOUSAND_SEPARATOR = separators
    template = Template("{{ value }}")
    for language in ("sv", "en", "ar"):
        with translation.override(language):
            for value in (0, 7, -3, 1234, 1234567):
                expected = template.render(Context({"value": value}))
                assert admin_views._number(value) == expected, (language, value)
