"""Every associations view × every role.

Roles: visitor (anonymous), volunteer (Eva: an account, no organisation),
other_admin (admin of organisation B reaching for A's data), contact (contact
person of A: may read, not change), admin (admin of A), coordinator.
"""

import pytest
from django.urls import reverse

from associations.models import AccessRequest, Membership, Representative

from .conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "volunteer", "other_admin", "contact", "admin", "coordinator"]
LOGIN = "login"  # a redirect to the login page


@pytest.fixture
def world(org_a, org_b, contact_a, eva, coordinator, representative_user, admin_b, volunteer_user):
    target = make_user("target@example.com", "Tove", "Target")
    target_rep = Representative.objects.create(
        organisation=org_a, user=target, role=Representative.Role.CONTACT
    )
    asker = make_user("asker@example.com", "Adam", "Asker")
    access_request = AccessRequest.objects.create(organisation=org_a, user=asker)
    from associations.models import Invitation

    invitation = Invitation.objects.create(
        organisation=org_a, kind="volunteer", email="ny@example.com", invited_by=target
    )
    return {
        "invitation": invitation,
        "org_a": org_a,
        "org_b": org_b,
        "target_rep": target_rep,
        "membership_a": Membership.objects.get(volunteer=eva, organisation=org_a),
        "membership_b": Membership.objects.get(volunteer=eva, organisation=org_b),
        "access_request": access_request,
        "users": {
            "visitor": None,
            "volunteer": volunteer_user,
            "other_admin": admin_b,
            "contact": contact_a,
            "admin": representative_user,
            "coordinator": coordinator,
        },
    }


def _client_for(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


def _check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == expected, response.content[:500]


# view name → (method, url kwargs builder, expected per role)
ORG_VIEWS = {
    "manage": ("get", lambda w: [w["org_a"].slug], [LOGIN, 404, 404, 200, 200, 200]),
    "edit": ("get", lambda w: [w["org_a"].slug], [LOGIN, 404, 404, 403, 200, 200]),
    "invite_representative": (
        "get",
        lambda w: [w["org_a"].slug],
        [LOGIN, 404, 404, 403, 200, 200],
    ),
    "invite_volunteer": ("get", lambda w: [w["org_a"].slug], [LOGIN, 404, 404, 200, 200, 200]),
    "remove_representative": (
        "post",
        lambda w: [w["org_a"].slug, w["target_rep"].pk],
        [LOGIN, 404, 404, 403, 302, 302],
    ),
    "change_role": (
        "post",
        lambda w: [w["org_a"].slug, w["target_rep"].pk],
        [LOGIN, 404, 404, 403, 302, 302],
    ),
    "end_membership": (
        "post",
        lambda w: [w["org_a"].slug, w["membership_a"].pk],
        [LOGIN, 404, 404, 403, 302, 302],
    ),
    "withdraw_invitation": (
        "post",
        lambda w: [w["org_a"].slug, w["invitation"].pk],
        [LOGIN, 404, 404, 403, 302, 302],
    ),
    "decide_access_request": (
        "post",
        lambda w: [w["org_a"].slug, w["access_request"].pk],
        [LOGIN, 404, 404, 403, 302, 302],
    ),
}


@pytest.mark.parametrize("view", list(ORG_VIEWS))
@pytest.mark.parametrize("role", ROLES)
def test_organisation_views(client, world, view, role):
    method, args, expected = ORG_VIEWS[view]
    url = reverse(f"associations:{view}", args=args(world))
    client = _client_for(client, world, role)
    data = {"role": "admin", "decision": "grant"} if method == "post" else None
    response = getattr(client, method)(url, data)
    _check(response, expected[ROLES.index(role)])


@pytest.mark.parametrize("role", ROLES)
def test_state_changes_only_for_those_allowed(client, world, role):
    """Refused requests change nothing: the removal stays undone."""
    client = _client_for(client, world, role)
    client.post(
        reverse(
            "associations:remove_representative",
            args=[world["org_a"].slug, world["target_rep"].pk],
        )
    )
    removed = not Representative.objects.filter(pk=world["target_rep"].pk).exists()
    assert removed == (role in {"admin", "coordinator"})


def test_other_organisations_objects_are_404_even_under_own_slug(client, world, admin_b):
    """B's admin cannot reach A's membership or representative through B's own pages."""
    client.force_login(admin_b)
    slug_b = world["org_b"].slug
    for name, pk in [
        ("end_membership", world["membership_a"].pk),
        ("remove_representative", world["target_rep"].pk),
        ("change_role", world["target_rep"].pk),
        ("decide_access_request", world["access_request"].pk),
    ]:
        response = client.post(reverse(f"associations:{name}", args=[slug_b, pk]))
        assert response.status_code == 404, name
    assert Membership.objects.filter(pk=world["membership_a"].pk, status="active").exists()


def test_each_organisation_sees_only_its_own_link(client, world, representative_user, admin_b):
    client.force_login(representative_user)
    html_a = client.get(reverse("associations:manage", args=[world["org_a"].slug])).content.decode()
    client.force_login(admin_b)
    html_b = client.get(reverse("associations:manage", args=[world["org_b"].slug])).content.decode()
    assert "Eva Holm" in html_a and "Eva Holm" in html_b
    # Neither sees the other organisation's name on its volunteer list.
    assert world["org_b"].name not in html_a
    assert world["org_a"].name not in html_b


PUBLIC_VIEWS = {
    "directory": [200] * 6,
    "become_volunteer": [200, 302, 200, 200, 200, 200],  # Eva is already a volunteer
    "register": [LOGIN, 200, 200, 200, 200, 200],
    "volunteer_profile": [LOGIN, 200, 302, 302, 302, 302],
    "volunteer_data": [LOGIN, 200, 404, 404, 404, 404],
    "volunteer_erase": [LOGIN, 200, 404, 404, 404, 404],  # GET: the confirmation page
    "become_volunteer_thanks": [200] * 6,
}


@pytest.mark.parametrize("view", list(PUBLIC_VIEWS))
@pytest.mark.parametrize("role", ROLES)
def test_public_and_personal_views(client, world, home_page, view, role):
    client = _client_for(client, world, role)
    _check(client.get(reverse(f"associations:{view}")), PUBLIC_VIEWS[view][ROLES.index(role)])


@pytest.mark.parametrize("role", ROLES)
def test_public_page_shows_only_public_fields(client, world, home_page, role):
    client = _client_for(client, world, role)
    response = client.get(reverse("associations:detail", args=[world["org_a"].slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Röda Korset Ålunda" in html
    for private in ("Hemlig Kontakt", "Endast för samordnare", "Eva Holm", "802"):
        assert private not in html


@pytest.mark.parametrize("role", ROLES)
def test_invitation_link_is_bound_to_the_invited_address(client, world, role):
    """The link alone is not enough: a visitor sees the invitation (to sign in or up with the
    invited address); anyone signed in with another address is refused (issue 10, finding 3)."""
    from associations.models import Invitation

    invitation = Invitation.objects.create(
        organisation=world["org_a"], kind="representative", email="x@example.com", role="contact"
    )
    client = _client_for(client, world, role)
    response = client.get(reverse("associations:invitation", args=[invitation.token()]))
    assert response.status_code == (200 if role == "visitor" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_request_access(client, world, role):
    client = _client_for(client, world, role)
    url = reverse("associations:request_access", args=[world["org_a"].organisation_number])
    response = client.get(url)
    expected = {
        "visitor": LOGIN,
        "contact": 302,  # already a representative: sent to the organisation's page
        "admin": 302,
    }.get(role, 200)
    _check(response, expected)


@pytest.mark.parametrize("role", ROLES)
def test_coordinator_admin_views(client, world, role):
    client = _client_for(client, world, role)
    for url in (
        reverse("associations_admin:decide", args=[world["org_a"].pk]),
        reverse("associations_admin:import"),
        reverse("organisation:index"),
        reverse("volunteer:index"),
        reverse("pending_organisations:index"),
    ):
        response = client.get(url)
        if role == "coordinator":
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), url
