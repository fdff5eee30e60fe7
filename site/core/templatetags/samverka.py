from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per offered language, to this page in that language.

    For a Wagtail page, the link goes to its translation where one is live;
    otherwise to the same address under the language's prefix, where the page
    is shown in Swedish with a notice in the visitor's language.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translated = {}
    if page is not None and getattr(page, "pk", None) and hasattr(page, "get_translations"):
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        for item in translations:
            translated[item.locale.language_code] = item
    links = []
    path = request.get_full_path() if request else "/"
    prefixed = _path_in_each_language(path) if len(translated) < len(settings.LANGUAGES) else {}
    for code, name in settings.LANGUAGES:
        if code in translated:
            url = translated[code].get_url(request=request)
        else:
            url = prefixed.get(code, path)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "bidi": code in settings.RTL_LANGUAGES,
            }
        )
    return links


def _path_in_each_language(path: str) -> dict[str, str]:
    """`path` under every language's prefix, as Django's translate_url gives it,
    but resolving the path once instead of once per language."""
    parsed = urlsplit(path)
    try:
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return {}
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                continue
        urls[code] = urlunsplit((parsed.scheme, parsed.netloc, url, parsed.query, parsed.fragment))
    return urls


@register.filter
def direction(language_code):
    return "rtl" if language_code in settings.RTL_LANGUAGES else "ltr"


@register.filter
def localize_path(path):
    """An address on this site, under the active language's prefix."""
    if not path:
        return "#"
    if not path.startswith("/"):
        return path
    return translate_url(path, translation.get_language())


@register.inclusion_tag("core/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Menu pages under the home page in the visitor's language, then app links.

    Apps add public links through `nav.py` (NAV_ITEMS: url name and label).
    """
    from django.urls import reverse
    from wagtail.models import Site

    from samverka.core.discovery import collect

    request = context.get("request")
    items = []
    site = Site.find_for_request(request) if request else None
    if site is not None:
        home = site.root_page.localized
        items.append({"title": home.title, "url": home.get_url(request=request), "home": True})
        for child in (
            home.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth", "locale_id", "content_type_id")
        ):
            items.append({"title": child.title, "url": child.get_url(request=request)})
    for url_name, label in collect("nav", "NAV_ITEMS"):
        items.append({"title": label, "url": reverse(url_name)})
    current = request.path if request else ""
    for item in items:
        item["current"] = item["url"] == current
    return {"items": items}
