import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from associations.models import (
    Invitation,
    Membership,
    Representative,
    Volunteer,
)
from samverka.core.models import OutboundEmail
from samverka.people.models import ConsentVersion

pytestmark = pytest.mark.django_db


def _invite(client, user, org, kind, **data):
    client.force_login(user)
    name = "invite_representative" if kind == "representative" else "invite_volunteer"
    response = client.post(reverse(f"associations:{name}", args=[org.slug]), data)
    assert response.status_code == 302, response.content[:1000]
    client.logout()
    email = OutboundEmail.objects.filter(to=[data["email"]]).latest("created_at")
    return re.search(r"https?://[^/\s]+(/\S+/invitation/\S+/)", email.body).group(1)


PROFILE = {
    "profile-first_name": "Yonas",
    "profile-last_name": "Tesfaye",
    "profile-district": "Västerby",
    "profile-roles": ["buddy", "language_cafe_host"],
    "profile-availability": ["tue_evening", "sat_morning"],
    "profile-capacity": "2",
    "profile-gender": "male",
    "profile-interests": ["football", "chess"],
    "profile-language_sv": "4",
    "profile-language_ti": "5",
}


def test_representative_invitation_new_account(client, org_a, representative_user, home_page):
    path = _invite(
        client, representative_user, org_a, "representative", email="ny@example.com", role="contact"
    )
    response = client.get(path)
    assert response.status_code == 200
    response = client.post(
        path,
        {
            "account-first_name": "Nils",
            "account-last_name": "Ny",
            "account-password1": "ett-långt-lösenord-42",
            "account-password2": "ett-långt-lösenord-42",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ny@example.com")
    assert Representative.objects.get(organisation=org_a, user=user).role == "contact"
    assert user.emailaddress_set.get().verified
    # Logged in, and the organisation's pages open.
    assert client.get(reverse("associations:manage", args=[org_a.slug])).status_code == 200


def test_reused_invitation_is_refused_clearly(client, org_a, representative_user, home_page):
    path = _invite(
        client, representative_user, org_a, "representative", email="ny@example.com", role="admin"
    )
    data = {
        "account-first_name": "Nils",
        "account-last_name": "Ny",
        "account-password1": "ett-långt-lösenord-42",
        "account-password2": "ett-långt-lösenord-42",
    }
    assert client.post(path, data).status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    response = client.post(path, data)
    assert response.status_code == 410
    assert get_user_model().objects.filter(email="ny@example.com").count() == 1


def test_expired_invitation(client, org_a, representative_user, home_page, monkeypatch):
    invitation = Invitation.objects.create(
        organisation=org_a, kind="representative", email="sen@example.com", role="contact"
    )
    token = invitation.token()
    later = timezone.now() + timedelta(seconds=Invitation.MAX_AGE + 60)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    response = client.get(reverse("associations:invitation", args=[token]))
    assert response.status_code == 410
    assert "has expired" in response.content.decode()


def test_tampered_invitation(client, org_a, home_page):
    invitation = Invitation.objects.create(organisation=org_a, kind="volunteer", email="a@b.se")
    token = invitation.token()
    response = client.get(reverse("associations:invitation", args=[token[:-2] + "xx"]))
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_withdrawn_invitation(client, org_a, home_page):
    invitation = Invitation.objects.create(organisation=org_a, kind="volunteer", email="a@b.se")
    token = invitation.token()
    invitation.delete()
    response = client.get(reverse("associations:invitation", args=[token]))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_existing_account_must_log_in_then_accepts(client, org_a, admin_b, representative_user):
    path = _invite(
        client, representative_user, org_a, "representative", email=admin_b.email, role="contact"
    )
    response = client.get(path)
    assert "Log in to accept" in response.content.decode()
    client.post(path, {"account-password1": "x"})  # no account is created for someone else
    assert not Representative.objects.filter(organisation=org_a, user=admin_b).exists()
    client.force_login(admin_b)
    assert client.post(path).status_code == 302
    assert Representative.objects.filter(organisation=org_a, user=admin_b).exists()


def test_volunteer_invitation_creates_account_profile_and_consent(
    client, org_a, contact_a, home_page
):
    path = _invite(
        client, contact_a, org_a, "volunteer", email="yonas@example.com", first_name="Yonas"
    )
    consent = ConsentVersion.objects.current("volunteering")
    before = timezone.now()
    # Without consent nothing is saved.
    data = {
        **PROFILE,
        "account-password1": "ett-långt-lösenord-42",
        "account-password2": "ett-långt-lösenord-42",
    }
    response = client.post(path, data)
    assert response.status_code == 200
    assert "consent" in response.context["forms"]["consent"].errors
    assert not Volunteer.objects.exists()
    assert not get_user_model().objects.filter(email="yonas@example.com").exists()

    response = client.post(path, {**data, "consent-consent": "on"})
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(email="yonas@example.com")
    assert volunteer.user.email == "yonas@example.com"
    assert volunteer.languages == {"sv": 4, "ti": 5}
    assert volunteer.roles == ["buddy", "language_cafe_host"]
    assert volunteer.availability == ["tue_evening", "sat_morning"]
    assert volunteer.interests == ["football", "chess"]
    assert volunteer.capacity == 2
    assert volunteer.consent.version == consent
    assert volunteer.consent.method == Volunteer.ConsentMethod.ONLINE
    assert volunteer.consent.given_at >= before
    assert volunteer.latitude is not None  # the district's centre
    assert Membership.objects.get(volunteer=volunteer).organisation == org_a


def test_one_person_through_two_organisations(client, org_a, org_b, contact_a, admin_b, home_page):
    path_a = _invite(
        client, contact_a, org_a, "volunteer", email="yonas@example.com", first_name="Y"
    )
    client.post(
        path_a,
        {
            **PROFILE,
            "account-password1": "ett-långt-lösenord-42",
            "account-password2": "ett-långt-lösenord-42",
            "consent-consent": "on",
        },
    )
    yonas = get_user_model().objects.get(email="yonas@example.com")
    path_b = _invite(client, admin_b, org_b, "volunteer", email="yonas@example.com", first_name="Y")
    client.force_login(yonas)
    response = client.get(path_b)
    assert "consent" not in response.context["forms"]  # already consented to this version
    response = client.post(path_b, {**PROFILE, "profile-capacity": "1"})
    assert response.status_code == 302
    assert Volunteer.objects.count() == 1
    volunteer = Volunteer.objects.get()
    assert set(volunteer.memberships.values_list("organisation__name", flat=True)) == {
        org_a.name,
        org_b.name,
    }
    assert volunteer.capacity == 1


def test_new_consent_version_must_be_accepted(client, org_a, contact_a, eva, volunteer_user):
    eva.record_consent(ConsentVersion.objects.current("volunteering"), "online")
    ConsentVersion.objects.create(purpose="volunteering", text="Ny text").publish()
    Membership.objects.filter(volunteer=eva).delete()
    path = _invite(client, contact_a, org_a, "volunteer", email=eva.email, first_name="Eva")
    client.force_login(volunteer_user)
    response = client.get(path)
    assert "consent" in response.context["forms"]
    assert "Ny text" in response.content.decode()
    client.post(path, {**PROFILE, "profile-first_name": "Eva", "consent-consent": "on"})
    assert [r.version.version for r in eva.consent_history()] == [2, 1]


def test_invitation_links_volunteer_registered_without_account(client, org_a, contact_a, home_page):
    paper = Volunteer.objects.create(
        first_name="Amina", last_name="Jama", email="amina@example.com", languages={"so": 5}
    )
    path = _invite(client, contact_a, org_a, "volunteer", email="amina@example.com", first_name="A")
    client.post(
        path,
        {
            **PROFILE,
            "profile-first_name": "Amina",
            "account-password1": "ett-långt-lösenord-42",
            "account-password2": "ett-långt-lösenord-42",
            "consent-consent": "on",
        },
    )
    paper.refresh_from_db()
    assert paper.user is not None
    assert Volunteer.objects.count() == 1


def test_weak_password_refused_nothing_saved(client, org_a, representative_user, home_page):
    path = _invite(
        client, representative_user, org_a, "representative", email="ny@example.com", role="contact"
    )
    response = client.post(
        path,
        {
            "account-first_name": "Nils",
            "account-last_name": "Ny",
            "account-password1": "123",
            "account-password2": "123",
        },
    )
    assert response.status_code == 200
    assert response.context["forms"]["account"].errors["password1"]
    assert not get_user_model().objects.filter(email="ny@example.com").exists()
    assert Invitation.objects.get().accepted_at is None


def test_cannot_invite_existing_representative_or_volunteer(
    client, org_a, representative_user, contact_a, eva
):
    client.force_login(representative_user)
    response = client.post(
        reverse("associations:invite_representative", args=[org_a.slug]),
        {"email": contact_a.email.upper(), "role": "admin"},
    )
    assert "already a representative" in response.content.decode()
    response = client.post(
        reverse("associations:invite_volunteer", args=[org_a.slug]),
        {"email": eva.email, "first_name": "Eva"},
    )
    assert "already volunteers with you" in response.content.decode()
    assert not Invitation.objects.exists()


def test_withdrawn_invitation_link_stops_working(client, org_a, contact_a, home_page):
    path = _invite(client, contact_a, org_a, "volunteer", email="yonas@example.com", first_name="Y")
    invitation = Invitation.objects.get()
    client.force_login(contact_a)  # the contact person withdraws their own invitation
    response = client.post(
        reverse("associations:withdraw_invitation", args=[org_a.slug, invitation.pk])
    )
    assert response.status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_declined_access_request(client, org_a, representative_user, admin_b):
    from associations.models import AccessRequest

    request = AccessRequest.objects.create(organisation=org_a, user=admin_b)
    client.force_login(representative_user)
    client.post(
        reverse("associations:decide_access_request", args=[org_a.slug, request.pk]),
        {"decision": "decline"},
    )
    request.refresh_from_db()
    assert request.status == "declined"
    assert not Representative.objects.filter(organisation=org_a, user=admin_b).exists()
    assert OutboundEmail.objects.filter(to=[admin_b.email]).exists()
    # Answering twice changes nothing.
    response = client.post(
        reverse("associations:decide_access_request", args=[org_a.slug, request.pk]),
        {"decision": "grant"},
        follow=True,
    )
    assert "already been answered" in response.content.decode()
    assert not Representative.objects.filter(organisation=org_a, user=admin_b).exists()


# --- Finding 3: an invitation is accepted only by the person it was sent to ------------


def test_a_signed_in_stranger_cannot_take_an_invitation(client, org_b, admin_b, volunteer_user):
    """The finding: a volunteer holding a forwarded link became admin of a faith community
    and saw its members. Now the link needs the invited address, verified."""
    path = _invite(client, admin_b, org_b, "representative", email="ny@example.com", role="admin")
    client.force_login(volunteer_user)
    response = client.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert "sent this invitation to ny@example.com" in html
    assert 'name="next"' in html  # sign out and come back as the invitee
    response = client.post(path, {})
    assert response.status_code == 403
    assert not Representative.objects.filter(organisation=org_b, user=volunteer_user).exists()
    assert Invitation.objects.get().accepted_at is None
    assert client.get(reverse("associations:manage", args=[org_b.slug])).status_code == 404


def test_a_signed_in_stranger_cannot_take_a_volunteer_invitation(
    client, org_a, contact_a, volunteer_user, home_page
):
    path = _invite(client, contact_a, org_a, "volunteer", email="yonas@example.com", first_name="Y")
    client.force_login(volunteer_user)
    response = client.post(path, {**PROFILE, "consent-consent": "on"})
    assert response.status_code == 403
    assert not Volunteer.objects.exists() and not Membership.objects.exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_unverified_address_is_not_enough_until_confirmed(client, org_a, representative_user):
    from allauth.account.models import EmailAddress

    path = _invite(
        client, representative_user, org_a, "representative", email="ny@example.com", role="admin"
    )
    # An account that typed the address but never confirmed it.
    user = get_user_model().objects.create_user(
        username="ny", email="ny@example.com", password="a-long-password-1"
    )
    EmailAddress.objects.create(user=user, email="ny@example.com", verified=False, primary=True)
    client.force_login(user)
    assert client.post(path).status_code == 403
    assert not Representative.objects.filter(user=user).exists()
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert client.post(path).status_code == 302
    assert Representative.objects.get(organisation=org_a, user=user).role == "admin"


def test_the_address_matches_whatever_its_case(client, org_a, admin_b, home_page):
    invitation = Invitation.objects.create(
        organisation=org_a, kind="representative", email="Bertil@Example.COM", role="contact"
    )
    client.force_login(admin_b)  # verified as bertil@example.com
    response = client.post(reverse("associations:invitation", args=[invitation.token()]))
    assert response.status_code == 302
    assert Representative.objects.filter(organisation=org_a, user=admin_b).exists()
    # Replayed by the same person: a clear 410, nothing more is created.
    response = client.post(reverse("associations:invitation", args=[invitation.token()]))
    assert response.status_code == 410
    assert Representative.objects.filter(organisation=org_a, user=admin_b).count() == 1


def test_the_stranger_signs_out_and_the_invitee_signs_up(
    client, org_a, representative_user, volunteer_user, home_page
):
    path = _invite(
        client, representative_user, org_a, "representative", email="ny@example.com", role="contact"
    )
    client.force_login(volunteer_user)
    response = client.post(reverse("account_logout"), {"next": path})
    assert response.status_code == 302 and response["Location"] == path
    response = client.get(path)
    assert response.status_code == 200 and "account-password1" in response.content.decode()
    response = client.post(
        path,
        {
            "account-first_name": "Nils",
            "account-last_name": "Ny",
            "account-password1": "ett-långt-lösenord-42",
            "account-password2": "ett-långt-lösenord-42",
        },
    )
    assert response.status_code == 302
    assert Representative.objects.filter(organisation=org_a, user__email="ny@example.com").exists()
    assert not Representative.objects.filter(user=volunteer_user).exists()


def test_invitation_account_form_has_the_guard(client, org_a, representative_user, home_page):
    path = _invite(
        client, representative_user, org_a, "representative", email="ny@example.com", role="contact"
    )
    response = client.post(
        path,
        {
            "account-first_name": "Bot",
            "account-last_name": "Bot",
            "account-password1": "ett-långt-lösenord-42",
            "account-password2": "ett-långt-lösenord-42",
            "account-homepage": "http://spam.example",
        },
    )
    assert response.status_code == 400
    assert not get_user_model().objects.filter(email="ny@example.com").exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize("token", ["\x00", "a\x00b", "9" * 300, "..%2F", "x:y:z"])
def test_junk_tokens_are_a_clear_410(client, home_page, token):
    response = client.get(reverse("associations:invitation", args=[token]))
    assert response.status_code == 410
    assert "not valid" in response.content.decode()
