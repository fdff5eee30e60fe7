"""The real client address and one cache-based rate limit, used by every limit in Samverka.

Behind a TLS proxy or load balancer every request arrives from the proxy's address, so a limit
keyed on ``REMOTE_ADDR`` makes all visitors share one allowance (ten failed logins would lock
the whole site out). The production layout states how many proxies it trusts in
``SAMVERKA_TRUSTED_PROXY_COUNT``; each of them appends the address it saw to
``X-Forwarded-For``, so the client is the entry that many places from the right. Everything to
the left of it was written by the client and is not believed.
"""

from __future__ import annotations

import ipaddress

from django.core.cache import cache

from samverka.core.conf import settings as app_settings


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address of the client as seen by the outermost trusted proxy (or the peer)."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or ""
    count = app_settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
    if len(hops) < count:
        # Fewer hops than trusted proxies: the request did not come through all of them
        # (a misconfiguration or a direct connection); the peer is all we know.
        return remote
    return _valid_ip(hops[-count]) or remote


def rate_limited(scope: str, key: str, limit: int, seconds: int) -> bool:
    """Count one use of ``scope`` by ``key``; True once more than ``limit`` in ``seconds``."""
    from .cache import key_part

    cache_key = f"samverka:rate:{scope}:{key_part(key)}"
    if cache.add(cache_key, 1, seconds):
        return limit < 1
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, seconds)
        return limit < 1


def request_rate_limited(request, scope: str, limit: int, seconds: int) -> bool:
    """``rate_limited`` keyed on the real client address of ``request``."""
    return rate_limited(scope, client_ip(request), limit, seconds)
