from django import template
from django.conf import settings
from django.utils import translation

from samverka.blocks import sanitise_html
from samverka.core import layout
from samverka.core.templatetags import language_marks
from samverka.orientation.i18n_urls import in_language, page_url

register = template.Library()


@register.filter
def lang_url(page, request=None):
    """The page's address under the visitor's language prefix."""
    return page_url(page, request)


@register.filter
def in_visitor_language(url):
    return in_language(url)


@register.filter
def safe_richtext(value):
    """A rich text field rendered and passed through the visitor allow-list."""
    from django.utils.safestring import mark_safe
    from wagtail.rich_text import expand_db_html

    return mark_safe(sanitise_html(expand_db_html(value or "")))  # noqa: S308 - allow-listed


NAV_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id", "content_type_id")


def _ancestors(page):
    """The page's ancestors below the tree root, fetched once per page (one query)."""
    if not hasattr(page, "_nav_ancestors"):
        page._nav_ancestors = list(page.get_ancestors().filter(depth__gte=2).only(*NAV_FIELDS))
    return page._nav_ancestors


def _content_language(page, request=None):
    """The page's language when it differs from the visitor's (a Swedish fallback)."""
    code = layout.with_locale(page, request).locale.language_code
    return code if code != (translation.get_language() or settings.LANGUAGE_CODE) else ""


@register.inclusion_tag("orientation/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Home › … › parent (the same for everyone per page and language: cached)."""
    request = context.get("request")

    def build():
        return [{"title": item.title, "url": page_url(item, request)} for item in _ancestors(page)]

    items = layout.cached(request, "breadcrumbs", build, *_page_key(page, request))
    return {
        "items": items,
        "current": page.title,
        "content_lang": _content_language(page, request),
    }


def _page_key(page, request):
    site = layout.site_for_request(request) if request is not None else None
    return getattr(site, "pk", None), page.pk, translation.get_language()


@register.inclusion_tag("orientation/includes/topic_nav.html", takes_context=True)
def topic_nav(context, page):
    """'In this topic': the top topic page and its sub-pages (cached per page and language)."""
    request = context.get("request")
    items = layout.cached(
        request, "topic_nav", lambda: _topic_nav_items(page, request), *_page_key(page, request)
    )
    if not items:
        return {"items": []}
    return {"items": items, "content_lang": _content_language(page, request)}


def _topic_nav_items(page, request):
    from django.contrib.contenttypes.models import ContentType

    from samverka.orientation.models import OrientationIndexPage

    index_type = ContentType.objects.get_for_model(OrientationIndexPage).pk
    chain = [*_ancestors(page), page]
    top = None
    for parent, child in zip(chain, chain[1:], strict=False):
        if parent.content_type_id == index_type:
            top = child
            break
    if top is None:
        return []
    children = list(top.get_children().live().only(*NAV_FIELDS))
    if not children:
        return []
    items = [{"title": top.title, "url": page_url(top, request), "current": top.pk == page.pk}]
    for child in children:
        items.append(
            {
                "title": child.title,
                "url": page_url(child, request),
                "current": child.pk == page.pk,
                "sub": True,
            }
        )
    return items


@register.simple_tag(takes_context=True)
def related_pages(context, page):
    """Related pages in the visitor's language where translated (cached per page and language)."""
    request = context.get("request")
    return layout.cached(
        request, "related", lambda: _related_items(page, request), *_page_key(page, request)
    )


def _related_items(page, request):
    from wagtail.models import Page

    links = list(page.related_links.all())
    if not links:
        return []
    targets = {
        target.translation_key: target
        for target in Page.objects.filter(id__in=[link.target_id for link in links])
        .live()
        .only("id", "title", "url_path", "path", "depth", "locale_id", "translation_key")
    }
    language = translation.get_language() or settings.LANGUAGE_CODE
    translated = {}
    if targets and language != settings.LANGUAGE_CODE:
        locale_id = layout.active_locale(request).pk
        translated = {
            item.translation_key: item
            for item in Page.objects.filter(translation_key__in=targets, locale_id=locale_id)
            .live()
            .only("id", "title", "url_path", "path", "depth", "locale_id", "translation_key")
        }
    result = []
    for key, target in targets.items():
        shown = translated.get(key, target)
        result.append(
            {
                "title": shown.title,
                "url": page_url(shown, request),
                "lang": layout.locales(request)[shown.locale_id].language_code,
            }
        )
    return result


@register.simple_tag(takes_context=True)
def page_translation_state(context, page):
    """Whether `page` is shown as a fallback, or is an outdated translation.

    Asked by the template and by the translation notice; the outdated flag changes
    only when a page is published, so it is cached per page and language.
    """
    from samverka.orientation.translation import translation_state

    request = context.get("request")
    if page is None or not getattr(page, "pk", None):
        return {}
    layout.with_locale(page, request)
    return layout.cached(
        request,
        "translation_state",
        lambda: translation_state(page, request),
        *_page_key(page, request),
    )


@register.filter
def direction_of(language_code):
    return "rtl" if language_code in settings.RTL_LANGUAGES else "ltr"


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The accessibility statement and the editors' footer links, each in the visitor's
    language where translated (else Swedish, marked so); cached per site and language."""
    request = context.get("request")
    site = layout.site_for_request(request) if request is not None else None
    if site is None:
        return []
    return layout.cached(
        request,
        "footer_links",
        lambda: _footer_items(site, request),
        site.pk,
        translation.get_language(),
    )


def _footer_items(site, request):
    """Two queries (the settings with the statement, the links with their pages), one more
    for their translations on a page in another language than Swedish. Reading never
    creates the settings row: a save would start a new layout-cache generation."""
    from wagtail.models import Page

    from samverka.home.models import AccessibilityStatementPage, FooterLink, FooterSettings

    footer = (
        FooterSettings.objects.filter(site=site).select_related("accessibility_statement").first()
    )
    statement = footer.accessibility_statement if footer else None
    if statement is None:
        statement = (
            AccessibilityStatementPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )
    pages = [statement] if statement is not None else []
    if footer is not None:
        pages += [
            link.page for link in FooterLink.objects.filter(settings=footer).select_related("page")
        ]
    pages = [page for page in pages if page.live]
    if not pages:
        return []
    language = translation.get_language() or settings.LANGUAGE_CODE
    translated = {}
    if language != settings.LANGUAGE_CODE:
        translated = {
            page.translation_key: page
            for page in Page.objects.filter(
                translation_key__in=[page.translation_key for page in pages],
                locale__language_code=language,
            ).live()
        }
    items = []
    for page in pages:
        shown = translated.get(page.translation_key, page)
        code = layout.locales(request)[shown.locale_id].language_code
        items.append(
            {
                "title": shown.title,
                "url": page_url(shown, request),
                "lang": code if code != language else "",
            }
        )
    return items


# The language-marking tags live in samverka.core (the apps use them too); this library
# offers them as well, so the reference site's templates need one {% load %}.
register.tags.update(language_marks.register.tags)
register.filters.update(language_marks.register.filters)
langattrs = language_marks.langattrs
