"""Reproducible installs (a lock file) and the one client-address helper."""

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from samverka.core.ratelimit import client_ip, rate_limited

ROOT = Path(__file__).resolve().parents[2]


def _locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {
        name.lower().replace("_", "-"): pinned
        for name, pinned in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\$", text, re.M)
    }


def _name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0).lower().replace("_", "-")


def test_every_dependency_is_pinned_with_hashes_in_the_lock_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    locked = _locked()
    missing = [_name(r) for r in wanted if _name(r) not in locked]
    assert not missing, f"not in requirements.lock: {missing}"
    text = (ROOT / "requirements.lock").read_text()
    # every pinned package carries at least one hash (pip --require-hashes insists)
    for block in re.split(r"\n(?=[A-Za-z])", text.strip()):
        assert "--hash=sha256:" in block, block.splitlines()[0]


@pytest.mark.parametrize("package", ["django", "wagtail", "django-allauth", "django-filter"])
def test_installed_versions_are_the_locked_ones(package):
    assert version(package) == _locked()[package]


def _request(remote="10.0.0.5", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_peer_is_the_client_and_forwarded_for_is_ignored():
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(SAMVERKA_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_forwarded_hop_is_the_client():
    # The client forged the first entry; our proxy appended the real address.
    assert client_ip(_request("10.0.0.5", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"


@override_settings(SAMVERKA_TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_client_is_two_hops_from_the_right():
    assert client_ip(_request("10.0.0.5", "6.6.6.6, 203.0.113.7, 10.0.0.9")) == "203.0.113.7"


@override_settings(SAMVERKA_TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", ["", "not-an-address", "1.2.3.4\x00", "999.1.1.1"])
def test_missing_or_junk_forwarded_for_falls_back_to_the_peer(forwarded):
    assert client_ip(_request("10.0.0.5", forwarded)) == "10.0.0.5"


def test_rate_limit_counts_per_key():
    from django.core.cache import cache

    cache.clear()
    assert [rate_limited("t", "a", 2, 60) for _ in range(3)] == [False, False, True]
    assert rate_limited("t", "b", 2, 60) is False
