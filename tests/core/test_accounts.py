"""Accounts: email as login, mandatory verification, password reset, rate limits, MFA for admin."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from samverka.core.models import OutboundEmail

pytestmark = pytest.mark.django_db

PASSWORD = "sju-blå-cyklar-i-regnet"


def _link(message):
    [url] = re.findall(r"https?://testserver(/\S+)", message.body)
    return url


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def outbox(client, django_capture_on_commit_callbacks, monkeypatch):
    """Each request commits as it would outside a test, so the outbox's
    after-commit delivery task runs."""
    original = client.request

    def committing_request(**request):
        with django_capture_on_commit_callbacks(execute=True):
            return original(**request)

    monkeypatch.setattr(client, "request", committing_request)
    return mail.outbox


def signup(client, email="ny@example.org", password=PASSWORD, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
    )


def test_signup_sends_verification_email_through_the_outbox(client, home_page, outbox):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    # Stored in the outbox and delivered by the task.
    stored = OutboundEmail.objects.get(to=["ny@example.org"])
    assert stored.status == OutboundEmail.Status.SENT
    [message] = outbox
    assert message.to == ["ny@example.org"]
    assert message.subject.startswith(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)
    assert message.subject == stored.subject
    assert "/accounts/confirm-email/" in message.body
    # Email is the login: the account is not signed in until the address is verified.
    assert _logged_in_user_id(client) is None


def test_login_before_verification_is_refused_and_after_it_works(client, home_page, outbox):
    signup(client)
    user = get_user_model().objects.get(email="ny@example.org")
    client.logout()

    response = client.post("/accounts/login/", {"login": "ny@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert _logged_in_user_id(client) is None

    # Following the link in the email and confirming verifies the address.
    confirm_url = _link(outbox[0])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "ny@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:my_pages")
    assert _logged_in_user_id(client) == str(user.pk)


def test_password_reset(client, home_page, volunteer_user, outbox):
    response = client.post("/accounts/password/reset/", {"email": volunteer_user.email})
    assert response.status_code == 302
    [message] = outbox
    assert message.to == [volunteer_user.email]
    assert OutboundEmail.objects.filter(to=[volunteer_user.email]).exists()

    # The key in the link is swapped for a session value, then the new password is set.
    response = client.get(_link(message))
    assert response.status_code == 302
    set_password_url = response["Location"]
    assert client.get(set_password_url).status_code == 200
    new_password = "ett-helt-nytt-lösenord"
    response = client.post(set_password_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    volunteer_user.refresh_from_db()
    assert volunteer_user.check_password(new_password)
    response = client.post(
        "/accounts/login/", {"login": volunteer_user.email, "password": new_password}
    )
    assert _logged_in_user_id(client) == str(volunteer_user.pk)


def test_password_reset_for_unknown_address_reveals_nothing(client, home_page, outbox):
    response = client.post("/accounts/password/reset/", {"email": "okand@example.org"})
    assert response.status_code == 302
    # allauth tells the unknown address that it has no account, in the same way
    # as it sends a reset link to a known one: the page cannot tell them apart.
    assert response["Location"] == reverse("account_reset_password_done")


def test_rate_limits_are_on():
    limits = settings.ACCOUNT_RATE_LIMITS
    assert limits is not False
    for action in ("login", "login_failed", "signup", "reset_password", "confirm_email"):
        assert limits[action], action


@pytest.mark.parametrize(("failures", "refused"), [(4, False), (5, True)])
def test_repeated_failed_logins_are_stopped(client, home_page, volunteer_user, failures, refused):
    from samverka.core.demo import demo_login

    for _ in range(failures):
        response = client.post(
            "/en/accounts/login/", {"login": volunteer_user.email, "password": "fel"}
        )
        assert response.status_code == 200
        assert _logged_in_user_id(client) is None
    # After five failures for one address even the right password is refused.
    response = client.post(
        "/en/accounts/login/",
        {"login": volunteer_user.email, "password": demo_login("volunteer").password},
    )
    if refused:
        assert _logged_in_user_id(client) is None
        assert "Too many failed login attempts" in response.content.decode()
    else:
        assert _logged_in_user_id(client) == str(volunteer_user.pk)


# MFA for staff: tests/core/test_security_mfa.py.


@pytest.mark.parametrize(
    "path", ["/ar/accounts/login/", "/ar/accounts/signup/", "/ar/accounts/password/reset/"]
)
def test_account_pages_render_in_arabic_right_to_left(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # The page's heading is Arabic text, inside the site's own layout.
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert re.search("[\u0600-\u06ff]", heading), heading
    assert 'class="skip-link"' in html
    assert 'nav class="language-switcher"' in html


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_pages_render_in_swedish_at_the_root(client, home_page, path):
    html = client.get(path).content.decode()
    assert '<html lang="sv" dir="ltr">' in html


def test_arabic_signup_sends_the_verification_email_in_arabic(client, home_page, outbox):
    signup(client, prefix="/ar")
    [message] = outbox
    assert re.search("[\u0600-\u06ff]", message.subject + message.body)
    assert "/ar/accounts/confirm-email/" in message.body


def test_password_help_is_inside_the_element_the_field_points_to(client, home_page):
    # Help text with a list must not sit in a <p>: the browser would close the
    # paragraph before the list and aria-describedby would point at nothing.
    html = client.get("/en/accounts/signup/").content.decode()
    assert 'aria-describedby="id_password1_helptext"' in html
    help_block = re.search(r'<(\w+) class="help" id="id_password1_helptext">(.*?)</\1>', html, re.S)
    assert help_block.group(1) == "div"
    assert "<li>" in help_block.group(2)
