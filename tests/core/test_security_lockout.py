"""Finding 4, the allauth half: allauth sees the real client address behind the trusted
proxies (and only behind them), and failed logins from one address cannot lock a named
account for everyone else, while guessing from one address is still stopped."""

import pytest
from django.test import Client

from samverka.core.demo import demo_login

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


def attempt(user, password, *, peer=PROXY, forwarded=None):
    client = Client(REMOTE_ADDR=peer)
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": password}, **headers
    )
    return response, client.session.get("_auth_user_id")


def refused(response):
    return "Too many failed login attempts" in response.content.decode()


def test_behind_the_proxy_one_visitors_failures_do_not_lock_out_the_others(
    home_page, coordinator, volunteer_user, settings
):
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Twelve failures from one visitor: every request arrives from the proxy's address.
    for _ in range(12):
        attempt(volunteer_user, "fel", forwarded="198.51.100.7")
    response, user_id = attempt(volunteer_user, "fel", forwarded="198.51.100.7")
    assert refused(response)
    # Another visitor behind the same proxy signs in (allauth's per-address limit
    # would have counted the proxy's address for everyone).
    response, user_id = attempt(
        volunteer_user, demo_login("volunteer").password, forwarded="203.0.113.9"
    )
    assert user_id == str(volunteer_user.pk), response.content.decode()[:300]


def test_an_outsider_cannot_lock_a_coordinator_out(home_page, coordinator, settings):
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(6):
        attempt(coordinator, "gissning", forwarded="198.51.100.66")
    # The attacker's address is stopped, even with the right password...
    response, user_id = attempt(
        coordinator, demo_login("coordinator").password, forwarded="198.51.100.66"
    )
    assert user_id is None
    assert refused(response)
    # ...but the coordinator, elsewhere, signs in.
    response, user_id = attempt(
        coordinator, demo_login("coordinator").password, forwarded="192.0.2.10"
    )
    assert user_id == str(coordinator.pk)


def test_guessing_from_one_address_is_stopped_without_proxies(home_page, volunteer_user, settings):
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = 0
    for _ in range(5):
        attempt(volunteer_user, "fel", peer="198.51.100.20")
    response, user_id = attempt(
        volunteer_user, demo_login("volunteer").password, peer="198.51.100.20"
    )
    assert user_id is None
    assert refused(response)


def test_forged_forwarded_for_from_an_untrusted_peer_changes_nothing(
    home_page, volunteer_user, settings
):
    # No trusted proxy: the header is the client's own words. Rotating it must not
    # buy fresh attempts.
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        attempt(volunteer_user, "fel", peer="198.51.100.30", forwarded=f"192.0.2.{n}")
    response, user_id = attempt(
        volunteer_user,
        demo_login("volunteer").password,
        peer="198.51.100.30",
        forwarded="192.0.2.99",
    )
    assert user_id is None
    assert refused(response)


def test_forged_entries_left_of_the_trusted_proxies_are_ignored(
    home_page, volunteer_user, settings
):
    # One trusted proxy appends the address it saw; whatever the client wrote before
    # it is not believed.
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        attempt(volunteer_user, "fel", forwarded=f"192.0.2.{n}, 198.51.100.40")
    response, user_id = attempt(
        volunteer_user,
        demo_login("volunteer").password,
        forwarded="192.0.2.200, 198.51.100.40",
    )
    assert user_id is None
    assert refused(response)


@pytest.mark.parametrize(
    "forwarded", ["", "not-an-address", "1.2.3.4, , ,", "\x00", "999.1.1.1", "a" * 5000]
)
@pytest.mark.parametrize("count", [1, 3])
def test_junk_or_short_forwarded_for_is_never_a_500(
    home_page, volunteer_user, settings, forwarded, count
):
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = count
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    response, user_id = attempt(volunteer_user, "fel", forwarded=forwarded)
    assert response.status_code == 200
    response = Client(REMOTE_ADDR=PROXY).get("/accounts/login/", HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 200


def test_allauth_reads_the_proxy_count_from_samverkas_setting():
    from django.conf import settings

    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.SAMVERKA_TRUSTED_PROXY_COUNT
