from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from wagtail.models import Page

from samverka.core import layout
from samverka.core.paging import MAX_OFFSET
from samverka.orientation.i18n_urls import page_url
from samverka.orientation.models import OrientationIndexPage, OrientationTopicPage
from samverka.orientation.search import clean_query, highlight, page_text, search_pages

RESULTS_PER_PAGE = 10


def suggested_topics(locale):
    """The orientation topics in the visitor's language (for an empty result)."""
    index = OrientationIndexPage.objects.live().filter(locale=locale).first()
    if index is None:
        return []
    return list(OrientationTopicPage.objects.child_of(index).live().public()[:12])


def search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    locale = layout.active_locale(request)
    results = []
    page_obj = None
    if query:
        page_obj = _results_page(search_pages(query, locale, request), request.GET.get("page", 1))
        results = [
            {
                "url": entry["url"],
                "title": highlight(entry["title"], query, length=200),
                "snippet": highlight(entry["text"], query),
            }
            for entry in _entries(request, list(page_obj.object_list))
        ]
    context = {
        "query": query,
        "raw_query": raw[:200],
        "results": results,
        "page_obj": page_obj,
        "suggestions": suggested_topics(locale) if not results else [],
    }
    return render(request, "orientation/search.html", context)


def _results_page(found, number):
    """A page of search results. A page that is not full is the last one, so the
    number of results is known without asking for it (most searches have fewer than a
    page of them); a full page asks the count as Paginator does."""
    paginator = Paginator(found, RESULTS_PER_PAGE)
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    if wanted < 1:
        wanted = 1
    bottom = (wanted - 1) * RESULTS_PER_PAGE
    if bottom > MAX_OFFSET:
        return paginator.page(1)
    rows = list(found[bottom : bottom + RESULTS_PER_PAGE])
    if not rows:
        return paginator.page(1)  # past the end (or nothing found): the first page
    if len(rows) < RESULTS_PER_PAGE:
        paginator.__dict__["count"] = bottom + len(rows)  # Paginator.count is cached
    return paginator._get_page(rows, wanted, paginator)


def _entries(request, pages) -> list[dict]:
    """Title, readable text and address of each found page, kept per content generation
    and language: reading a page's text needs its specific page (a query per page type)."""
    from django.core.cache import cache

    generation = layout.content_generation(request)
    site = layout.site_for_request(request)
    language = translation.get_language()
    keys = {
        page.pk: f"samverka:search:{generation}:{getattr(site, 'pk', None)}:{language}:{page.pk}"
        for page in pages
    }
    found = cache.get_many(keys.values())
    missing = [page for page in pages if keys[page.pk] not in found]
    if missing:
        specific = Page.objects.filter(pk__in=[page.pk for page in missing]).specific().in_bulk()
        built = {}
        for page in missing:
            page = specific.get(page.pk) or page.specific
            built[keys[page.pk]] = {
                "title": page.title,
                "text": page_text(page),
                "url": page_url(page, request),
            }
        cache.set_many(built, layout._seconds())
        found.update(built)
    return [found[keys[page.pk]] for page in pages]
