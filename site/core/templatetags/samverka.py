import functools

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from samverka.core import layout
from samverka.core.conf import rtl_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per offered language, to this page in that language.

    For a Wagtail page, the link goes to its translation where one is live;
    otherwise to the same address under the language's prefix, where the page
    is shown in Swedish with a notice in the visitor's language. The
    translations' addresses come from the layout cache (`samverka.core.layout`).
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translated = {}
    if page is not None and getattr(page, "pk", None) and hasattr(page, "get_translations"):
        translated = layout.page_translation_urls(page, request)
    path = request.get_full_path() if request else "/"
    prefixed = (
        layout.path_in_each_language(path) if len(translated) < len(settings.LANGUAGES) else {}
    )
    return [
        {
            "code": code,
            "name": name,
            "url": translated.get(code) or prefixed.get(code, path),
            "current": code == current,
            "bidi": code in rtl_languages(),
        }
        for code, name in settings.LANGUAGES
    ]


@register.filter
def direction(language_code):
    return "rtl" if language_code in rtl_languages() else "ltr"


@register.filter
def localize_path(path):
    """An address on this site, under the active language's prefix."""
    if not path:
        return "#"
    if not path.startswith("/"):
        return path
    return _translated_path(path, translation.get_language())


@functools.lru_cache(maxsize=2048)
def _translated_path(path, language):
    # translate_url resolves and reverses: a pure function of the URLconf (fixed while
    # the process runs) and the language, asked for each card on the home page.
    return translate_url(path, language)


@register.inclusion_tag("core/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Menu pages under the home page in the visitor's language, then app links.

    Apps add public links through `nav.py` (NAV_ITEMS: url name and label). The
    items are the same for everyone per language and content generation, so they
    come from the layout cache; only "current" is worked out per request.
    """
    return {"items": layout.menu_items(context.get("request"))}
