"""Finding 2 (MFA bypass) and finding 6 (Wagtail's password reset): every login goes
through allauth, and every staff view needs a session that passed a second factor."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from samverka.core.demo import demo_login

pytestmark = pytest.mark.django_db

# Staff pages in the admin and on the front end. The middleware answers before the view
# runs, so the objects named in the paths need not exist.
STAFF_PATHS = [
    "/admin/",
    "/admin/newcomers/",
    "/admin/kompis/",
    "/admin/snippets/",
    "/organisations/manage/any-organisation/",
    "/events/date/1/check-in/",
    "/events/date/1/delegates/",
    "/events/certificate/1/",
    "/internships/",
    "/en/internships/1/",
]


def totp_code(secret, shift=0):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + shift))


@pytest.fixture
def with_totp(coordinator):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    return secret


def password_only(client, user):
    """A session signed in with the password alone (no second factor)."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": time.time()}]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def _user_id(client):
    return client.session.get("_auth_user_id")


def test_wagtail_login_page_sends_people_to_allauth_keeping_next(client, home_page):
    response = client.get("/admin/login/?next=/admin/newcomers/")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("account_login")
    assert parse_qs(target.query) == {"next": ["/admin/newcomers/"]}
    # Wagtail's own redirect for an anonymous visitor ends on allauth's page too.
    response = client.get("/admin/newcomers/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_password_posted_to_wagtails_login_logs_nobody_in(
    client, home_page, coordinator, with_totp
):
    response = client.post(
        "/admin/login/",
        {"username": coordinator.email, "password": demo_login("coordinator").password},
    )
    assert response.status_code in (302, 405)
    assert _user_id(client) is None
    assert client.get("/admin/newcomers/").status_code == 302
    assert _user_id(client) is None


def test_login_with_password_then_code_opens_the_admin(client, home_page, coordinator, with_totp):
    response = client.post(
        "/accounts/login/?next=/admin/newcomers/",
        {"login": coordinator.email, "password": demo_login("coordinator").password},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    # The password alone has not signed anyone in.
    assert _user_id(client) is None
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert _user_id(client) is None
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(with_totp)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/newcomers/"
    assert _user_id(client) == str(coordinator.pk)
    assert client.get("/admin/newcomers/").status_code == 200


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_a_password_only_session_is_sent_to_enter_a_code(
    client, home_page, coordinator, with_totp, path
):
    # An authenticator exists, but this session has not used it.
    password_only(client, coordinator)
    response = client.get(path)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("mfa_reauthenticate")
    assert parse_qs(target.query) == {"next": [path]}


def test_entering_the_code_opens_the_staff_pages(client, home_page, coordinator, with_totp):
    password_only(client, coordinator)
    url = f"{reverse('mfa_reauthenticate')}?next=/admin/newcomers/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"code": "123"})
    assert response.status_code == 200  # wrong code: the form again, no 500
    response = client.post(url, {"code": totp_code(with_totp)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/newcomers/"
    assert client.get("/admin/newcomers/").status_code == 200
    assert client.get("/internships/").status_code == 200


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(
    client, home_page, coordinator, path
):
    password_only(client, coordinator)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_editors_need_mfa_too(client, home_page, editor):
    password_only(client, editor)
    assert client.get("/admin/pages/").status_code == 302


def test_admin_access_permission_alone_counts_as_staff(client, home_page, volunteer_user):
    from django.contrib.auth.models import Permission

    volunteer_user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    password_only(client, volunteer_user)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_mfa_of_another_user_in_the_session_does_not_count(
    client, home_page, coordinator, volunteer_user
):
    # A record written for the volunteer does not vouch for the coordinator.
    from tests.conftest import give_session_mfa

    password_only(client, coordinator)
    give_session_mfa(client, volunteer_user)
    assert client.get("/admin/").status_code == 302


def test_account_pages_and_logout_stay_reachable(client, home_page, coordinator, with_totp):
    password_only(client, coordinator)
    for path in ("/accounts/2fa/", "/accounts/email/", "/en/accounts/2fa/reauthenticate/"):
        assert client.get(path).status_code == 200, path
    assert client.post("/accounts/logout/").status_code == 302
    assert _user_id(client) is None


def test_people_without_staff_rights_are_not_asked(client, home_page, volunteer_user):
    password_only(client, volunteer_user)
    assert client.get(reverse("core:my_pages")).status_code == 200
    response = client.get("/admin/")
    assert response["Location"] != reverse("mfa_activate_totp")


def test_local_demo_switch_lets_coordinators_in_without_totp(
    client, home_page, coordinator, settings
):
    settings.SAMVERKA_ADMIN_REQUIRES_MFA = False
    password_only(client, coordinator)
    assert client.get("/admin/").status_code == 200


def test_test_settings_require_mfa():
    from django.conf import settings

    assert settings.SAMVERKA_ADMIN_REQUIRES_MFA is True


# --- Finding 6: Wagtail's password reset ------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/x/y/"]
)
def test_wagtail_password_reset_sends_people_to_allauth(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")


def test_posting_to_wagtails_password_reset_sends_no_mail(
    client, home_page, coordinator, mailoutbox
):
    from samverka.core.models import OutboundEmail

    response = client.post("/admin/password_reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert mailoutbox == []
    assert not OutboundEmail.objects.exists()


def test_wagtail_login_page_offers_no_reset_link(client, home_page):
    from django.conf import settings

    assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False
