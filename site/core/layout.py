"""What every page's layout needs and is the same for everyone.

The site for a host, the locales, each language's home page, the main menu and
a page's translations change only when content is published (or a site, locale
or page is saved), yet every uncached render asked the database for them again,
and that made a Samverka page several times as dear as a stock Wagtail page.
They are kept in the Django cache under the page cache's content generation
(`samverka.core.cache.generation`), which publishing, unpublishing,
moving, deleting and saving bump: one counter makes both the cached pages and
these pieces new at once, so a cached page can never be built from stale parts.

Values go through the cache's pickling, so every request gets its own copies of
the model instances and cannot change another request's. With a per-process
local-memory cache a publish is seen by the process that handled it at once and
by the others within LOCAL_CACHE_MAX_SECONDS, as for the page cache.
"""

from __future__ import annotations

import functools
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

from samverka.core.cache import keep_seconds

PREFIX = "samverka:layout"
_MISSING = object()


def _memo(request) -> dict:
    """Per-request answers: asked once per request however often a template asks."""
    if request is None:
        return {}
    memo = getattr(request, "_samverka_layout", None)
    if memo is None:
        memo = request._samverka_layout = {}
    return memo


def content_generation(request=None) -> int:
    from samverka.core.cache import generation

    memo = _memo(request)
    if "generation" not in memo:
        memo["generation"] = generation()
    return memo["generation"]


def cached(request, name: str, build, *parts):
    """`build()` kept per content generation under `name` and `parts`."""
    from samverka.core.cache import key_part

    memo = _memo(request)
    key = f"{PREFIX}:{content_generation(request)}:{name}:" + ":".join(map(key_part, parts))
    if key in memo:
        return memo[key]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, keep_seconds())
    memo[key] = value
    return value


def clear(**kwargs) -> None:
    """Start a new content generation (signal receiver)."""
    from samverka.core.cache import clear_page_cache

    clear_page_cache()


def on_save_or_delete(sender, instance, **kwargs) -> None:
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import BaseViewRestriction, Locale, Page, Site

    # View restrictions, images and documents count as content: `private_sections` and
    # the rendered blocks of pages (`{% page_blocks %}`) are kept per generation.
    if isinstance(
        instance, (Page, Site, Locale, BaseViewRestriction, AbstractImage, AbstractDocument)
    ):
        clear()


def connect() -> None:
    # Direct saves count too (scripts, migrations, the admin's site and locale
    # screens): a menu title or a site's root page can change without a publish.
    post_save.connect(on_save_or_delete, dispatch_uid="samverka_layout_saved")
    post_delete.connect(on_save_or_delete, dispatch_uid="samverka_layout_deleted")


# --- site ---------------------------------------------------------------------------


def site_for_request(request):
    """Wagtail's `Site.find_for_request`, from the cache, its root page included."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = cached(request, "site", lambda: _find_site(request), hostname, port)
    return request._wagtail_site


def _find_site(request):
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is not None:
        # The specific root page, so that routing "/" needs no query for it.
        site.root_page = site.root_page.specific
    return site


class SiteMiddleware:
    """Sets the site Wagtail's views and tags look up, from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_for_request(request)
        return self.get_response(request)


# --- locales ------------------------------------------------------------------------


def locales(request=None) -> dict:
    """Every Locale by id."""
    from wagtail.models import Locale

    return cached(
        request, "locales", lambda: {locale.pk: locale for locale in Locale.objects.all()}
    )


def active_locale(request=None):
    code = translation.get_language() or settings.LANGUAGE_CODE
    by_code = {locale.language_code: locale for locale in locales(request).values()}
    return by_code.get(code) or by_code.get(settings.LANGUAGE_CODE)


def with_locale(page, request=None):
    """`page` with its `locale` filled in from the cache (no query for page.locale)."""
    from wagtail.models import Locale

    if page is not None and "locale" not in page._state.fields_cache:
        locale = locales(request).get(page.locale_id)
        if isinstance(locale, Locale):
            page.locale = locale
    return page


def localized_home(home, request=None):
    """`home.localized` (the live translation in the active language, specific), cached."""
    locale = active_locale(request)
    if locale is None or locale.pk == home.locale_id:
        return home

    def build():
        translated = home.get_translation_or_none(locale)
        if translated is None or not translated.live:
            return None
        return translated.specific

    return cached(request, "home", build, home.pk, locale.pk) or home


# --- routing ------------------------------------------------------------------------


def cached_route(request, home, path_components, route):
    """`route()` (Wagtail's walk down the tree, two queries per level) kept per
    content generation for plain page addresses.

    Only a result that is the page at exactly that address with no arguments is
    kept: sub-routes of routable pages and the Swedish fallback for untranslated
    pages are worked out every time. The kept page is a pickled copy, so each
    request serves its own instance.
    """
    from wagtail.url_routing import RouteResult

    from samverka.core.cache import key_part

    path = "/".join(path_components)
    # a junk address of any length has a key of bounded length (key_part)
    key = f"{PREFIX}:{content_generation(request)}:route:{home.pk}:{key_part(path)}"
    found = cache.get(key)
    if found is not None:
        return RouteResult(found)
    result = route()
    page, args, kwargs = result
    if not args and not kwargs and page.url_path == f"{home.url_path}{path}/":
        cache.set(key, page, keep_seconds())
    return result


# --- menu and language switcher -----------------------------------------------------


def menu_items(request) -> list[dict]:
    """The main menu in the active language: the home page, its menu pages, app links."""
    from samverka.core.discovery import collect

    site = site_for_request(request)
    language = translation.get_language()

    def build():
        items = []
        if site is not None:
            home = localized_home(site.root_page, request)
            items.append({"title": home.title, "url": home.get_url(request=request), "home": True})
            for child in (
                home.get_children()
                .live()
                .in_menu()
                .only("id", "title", "url_path", "path", "depth", "locale_id", "content_type_id")
            ):
                items.append({"title": child.title, "url": child.get_url(request=request)})
        for url_name, label in collect("nav", "NAV_ITEMS"):
            items.append({"title": str(label), "url": reverse(url_name)})
        return items

    items = cached(request, "menu", build, getattr(site, "pk", None), language)
    current = request.path if request is not None else ""
    return [{**item, "current": item["url"] == current} for item in items]


def page_translation_urls(page, request) -> dict[str, str]:
    """Language code → address of the page's live translation in that language."""
    site = site_for_request(request)

    def build():
        translations = page.get_translations(inclusive=True).live()
        by_id = locales(request)
        urls = {}
        for item in translations.only("id", "url_path", "path", "depth", "locale_id"):
            locale = by_id.get(item.locale_id)
            if locale is not None:
                urls[locale.language_code] = item.get_url(request=request)
        return urls

    return cached(request, "translations", build, getattr(site, "pk", None), page.pk)


def path_in_each_language(path: str) -> dict[str, str]:
    """`path` under every language's prefix, as Django's translate_url gives it."""
    parsed = urlsplit(path)
    prefixed = _route_in_each_language(parsed.path, translation.get_language())
    return {
        code: urlunsplit((parsed.scheme, parsed.netloc, url, parsed.query, parsed.fragment))
        for code, url in prefixed.items()
    }


@functools.lru_cache(maxsize=2048)
def _route_in_each_language(path: str, active_language: str | None) -> dict[str, str]:
    # A pure function of the URLconf (which does not change while the process runs)
    # and of the active language (which the language prefixes resolve against).
    try:
        match = resolve(unquote(path))
    except Resolver404:
        return {}
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                urls[code] = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                continue
    return urls


# --- private sections ---------------------------------------------------------------


def private_sections(request=None) -> list[tuple[str, int]]:
    """(path, depth) of every page with a view restriction: Wagtail's `.public()` asks
    the database for them on every call."""
    from wagtail.models import PageViewRestriction

    return cached(
        request,
        "private",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )


def private_q(request=None):
    """Wagtail's `private_q()` (what `.public()` excludes), from the cache."""
    from django.db.models import Q

    private = Q()
    for path, depth in private_sections(request):
        private |= Q(path__startswith=path) & Q(depth__gte=depth)
    return private if private else Q(pk__in=[])
