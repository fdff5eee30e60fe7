"""Staff single sign-on, end to end: allauth's OpenID Connect provider talks real HTTP
(discovery, token endpoint, userinfo, JWKS) to django-oauth-toolkit's OIDC provider,
which runs in a process of its own (tests/sso/provider.py) on a free local port."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "samverka-test-client"
CLIENT_SECRET = "samverka-test-secret-0123456789"
CALLBACK = "http://testserver/accounts/oidc/sso/login/callback/"
COORDINATOR_EMAIL = "samordnare@demo.samverka.se"

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rsa_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    port = _free_port()
    env = {
        **os.environ,
        "SSO_PROVIDER_DB": str(tmp_path_factory.mktemp("idp") / "provider.sqlite3"),
        "SSO_PROVIDER_KEY": _rsa_key(),
        "SSO_CLIENT_ID": CLIENT_ID,
        "SSO_CLIENT_SECRET": CLIENT_SECRET,
        "SSO_REDIRECT_URI": CALLBACK,
        "SSO_USERS": f"karin-mfa={COORDINATOR_EMAIL},karin-pwd={COORDINATOR_EMAIL}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(ROOT / "tests/sso/provider.py"), str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{url}/o/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(process.stdout.read().decode())
        time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "sso",
                    "name": "Ålunda kommun (Entra ID)",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": f"{provider}/o"},
                }
            ],
        }
    }
    return provider


def start(client, next_url="/admin/"):
    """Press the SSO button: allauth sends the browser to the provider."""
    response = client.post("/accounts/oidc/sso/login/", {"process": "login", "next": next_url})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def authorize(provider, authorize_url, username):
    """The person signs in at the provider, which sends them back with a code."""
    browser = requests.Session()
    browser.get(f"{provider}/login-as/", params={"user": username}).raise_for_status()
    response = browser.get(authorize_url, allow_redirects=False)
    assert response.status_code == 302, response.text[:500]
    location = response.headers["Location"]
    assert location.startswith(CALLBACK), location
    return location.removeprefix("http://testserver")


def assert_login_failure_page(response):
    from django.utils import translation

    # allauth's "Third-Party Login Failure" page, in the site's language (Swedish at /).
    assert response.status_code == 401
    with translation.override("sv"):
        heading = translation.gettext("Third-Party Login Failure")
    assert heading in response.content.decode()


def signed_in(client):
    return client.session.get("_auth_user_id")


def test_no_provider_configured_means_no_sso_button(client, home_page, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    html = client.get("/en/accounts/login/").content.decode()
    assert "/accounts/oidc/" not in html
    assert client.post("/accounts/oidc/sso/login/").status_code == 404


def test_login_page_offers_the_configured_provider(client, home_page, sso):
    html = client.get("/en/accounts/login/").content.decode()
    assert "/accounts/oidc/sso/login/" in html
    assert "Ålunda kommun (Entra ID)" in html


def test_provider_that_vouches_for_mfa_lets_the_coordinator_into_the_admin(
    client, home_page, coordinator, sso
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    # Even with a local authenticator no code is asked: the provider's amr says MFA.
    TOTP.activate(coordinator, generate_totp_secret())
    authorize_url = start(client)
    assert authorize_url.startswith(f"{sso}/o/authorize/")
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"]
    response = client.get(authorize(sso, authorize_url, "karin-mfa"))
    assert response.status_code == 302, response.content.decode()[:800]
    assert response["Location"] == "/admin/"
    assert signed_in(client) == str(coordinator.pk)
    assert client.get("/admin/newcomers/").status_code == 200


def test_without_mfa_in_amr_a_coordinator_with_an_authenticator_must_enter_a_code(
    client, home_page, coordinator, sso
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(coordinator, generate_totp_secret())
    response = client.get(authorize(sso, start(client), "karin-pwd"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in(client) is None
    assert client.get("/admin/").status_code == 302


def test_without_mfa_in_amr_a_coordinator_without_one_must_set_it_up(
    client, home_page, coordinator, sso
):
    response = client.get(authorize(sso, start(client), "karin-pwd"))
    assert response.status_code == 302
    assert signed_in(client) == str(coordinator.pk)
    for path in ("/admin/", "/internships/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_tampered_state_is_refused_clearly(client, home_page, coordinator, sso):
    callback = authorize(sso, start(client), "karin-mfa")
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    tampered = f"{parts.path}?code={query['code'][0]}&state=forged{query['state'][0][:8]}"
    response = Client().get(tampered)  # another browser, without the state
    assert response.status_code < 500
    assert signed_in(client) is None
    response = client.get(tampered)
    assert_login_failure_page(response)
    assert signed_in(client) is None


def test_a_replayed_code_signs_nobody_in(client, home_page, coordinator, sso):
    callback = authorize(sso, start(client), "karin-mfa")
    assert client.get(callback).status_code == 302
    assert signed_in(client) == str(coordinator.pk)
    # The same callback again, in another browser: its state is unknown there.
    other = Client()
    response = other.get(callback)
    assert response.status_code < 500
    assert signed_in(other) is None
    # With a fresh state of its own, the old code is refused by the provider.
    fresh = urlsplit(authorize(sso, start(other), "karin-mfa"))
    state = parse_qs(fresh.query)["state"][0]
    old_code = parse_qs(urlsplit(callback).query)["code"][0]
    response = other.get(f"{fresh.path}?code={old_code}&state={state}")
    assert_login_failure_page(response)
    assert signed_in(other) is None


def test_provider_error_is_shown_not_a_500(client, home_page, sso):
    start(client)
    response = client.get("/accounts/oidc/sso/login/callback/?error=access_denied&state=x")
    assert response.status_code < 500
    assert signed_in(client) is None


def test_the_callback_always_checks_the_id_token_signature():
    from django.urls import resolve
    from django.utils import translation

    from samverka.core.adapters import oidc_callback

    assert resolve("/accounts/oidc/sso/login/callback/").func is oidc_callback
    with translation.override("en"):
        assert resolve("/en/accounts/oidc/sso/login/callback/").func is oidc_callback


def test_an_id_token_with_a_forged_signature_is_refused(rf, home_page, sso):
    import jwt
    from allauth.socialaccount.providers.oauth2.client import OAuth2Error
    from cryptography.hazmat.primitives import serialization

    from samverka.core.adapters import SignedIDTokenAdapter

    adapter = SignedIDTokenAdapter(rf.get("/"), "sso")
    config = adapter.openid_config
    [published] = requests.get(config["jwks_uri"], timeout=5).json()["keys"]
    forger = serialization.load_pem_private_key(_rsa_key().encode(), password=None)
    claims = {
        "iss": config["issuer"],
        "aud": CLIENT_ID,
        "sub": "1",
        "exp": int(time.time()) + 300,
        "iat": int(time.time()),
        "amr": ["pwd", "mfa"],
    }
    # Right issuer, audience and key id, wrong key: the "mfa" claim must not count.
    forged = jwt.encode(claims, forger, algorithm="RS256", headers={"kid": published["kid"]})
    app = adapter.get_provider().app
    # As after the code exchange, when allauth's own adapter skips the signature.
    adapter.did_fetch_access_token = True
    with pytest.raises(OAuth2Error):
        adapter._decode_id_token(app, forged)
