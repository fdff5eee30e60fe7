"""A page cache for anonymous visitors.

Only Wagtail pages that say `page_cache = True` are stored, only for GET
requests without a session or message cookie, and only when the response sets
no cookie and does not carry a CSRF token. The key is the host, the full path
(with its language prefix) and the active language. Publishing, unpublishing,
moving or deleting any page bumps a generation number that is part of every
key, so all cached pages are dropped at once: menus, breadcrumbs and listings
on other pages show titles too, and a whole-site clear is both cheap and never
wrong. Logged-in users are never served from, nor stored into, the cache.

The middleware sits right after LocaleMiddleware, so a cached page skips
sessions, authentication, CSRF and the view; on the way out it sees the final
response of everything below it (cookies set by CSRF or messages included).

With more than one process the cache should be shared (Redis through
CACHE_URL): with the local-memory cache each process keeps its own generation,
so a publish clears only the process that handled it. Pages are therefore kept
at most LOCAL_CACHE_MAX_SECONDS in a local-memory cache, which bounds how long
another process can show the old page.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from samverka.core.cache import (  # noqa: F401 - the generation moved into the core
    GENERATION_KEY,
    LOCAL_CACHE_MAX_SECONDS,
    clear_page_cache,
    generation,
)

SKIP_COOKIES = {"messages"}


def _session_cookie():
    return settings.SESSION_COOKIE_NAME


def _key(request, gen) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}|{translation.get_language()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"samverka:pagecache:{gen}:{digest}"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if _session_cookie() in cookies or SKIP_COOKIES & cookies.keys():
        return False
    return not request.path.startswith(("/admin/", "/django-admin/"))


def page_cache_seconds() -> int:
    """How long a page is kept: the setting, capped for a per-process cache."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    seconds = getattr(settings, "SAMVERKA_PAGE_CACHE_SECONDS", 0)
    if isinstance(caches["default"], LocMemCache):
        return min(seconds, LOCAL_CACHE_MAX_SECONDS)
    return seconds


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        gen = generation()
        key = _key(request, gen)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            from django.http import HttpResponse

            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            # Every header the inner middleware set (X-Frame-Options, Vary, …);
            # cookies are not headers here, and a response with cookies is never stored.
            headers = list(response.items())
            cache.set(key, (response.status_code, headers, response.content), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        if not getattr(request, "_samverka_page_cacheable", False):
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        storage = getattr(request, "_messages", None)
        if storage is not None and getattr(storage, "_queued_messages", None):
            return False
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
