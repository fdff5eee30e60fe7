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


@register.simple_tag
def hreflang_links(languages):
    """`<link rel="alternate" hreflang>` for every language but the current one, written
    here rather than in a template loop: the layout pays it on every page."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<link rel="alternate" hreflang="{escape(link["code"])}" href="{escape(link["url"])}">'
            for link in languages
            if not link["current"]
        )
    )


@register.simple_tag
def language_switcher_items(languages):
    """The language switcher's `<li>`s: each language's name in itself, marked with its
    language and direction, the current one with aria-current."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    items = []
    for link in languages:
        code = escape(link["code"])
        current = ' aria-current="true"' if link["current"] else ""
        items.append(
            f'<li><a href="{escape(link["url"])}" lang="{code}" dir="{direction(link["code"])}"'
            f' hreflang="{code}"{current}>{escape(link["name"])}</a></li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value escaped


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


@register.simple_tag(takes_context=True)
def page_blocks(context, page, order="body"):
    """The page's StreamField blocks, each rendered as `{% include_block %}` renders it
    (with this template's context), kept per content generation, site and language.

    The blocks show only the page's own published content, pages they link to and
    images (`samverka.core.layout` starts a new generation when any of these change),
    nothing of the visitor: rendering them (rich text sanitised, page links resolved)
    was most of a content page's cost. Previews and pages that are not live are
    rendered every time. `order="split"`: easy-to-read summaries first
    (`split_body`)."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    request = context.get("request")

    def render():
        if order == "split":
            easy, rest = page.split_body()
            blocks = [*easy, *rest]
        else:
            blocks = getattr(page, order, None) or []
        flat = context.flatten()
        return "".join(
            str(conditional_escape(block.render_as_block(context=flat))) for block in blocks
        )

    if request is None or getattr(request, "is_preview", False) or not page.live:
        return mark_safe(render())  # noqa: S308 - blocks render escaped
    site = layout.site_for_request(request)
    html = layout.cached(
        request,
        "blocks",
        render,
        getattr(site, "pk", None),
        page.pk,
        translation.get_language(),
        order,
    )
    return mark_safe(html)  # noqa: S308 - blocks render escaped
