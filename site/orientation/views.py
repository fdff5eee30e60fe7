from django.shortcuts import render
from django.utils import translation
from wagtail.models import Page

from samverka.core import layout
from samverka.core.cache import key_part
from samverka.core.paging import kept_page, known_page, page_number, page_of_results
from samverka.orientation.i18n_urls import page_url
from samverka.orientation.models import OrientationIndexPage, OrientationTopicPage
from samverka.orientation.search import clean_query, highlight, page_text, search_pages

RESULTS_PER_PAGE = 10
# Pages of results kept per query: later pages are seldom read, and a page number that
# anyone can type would otherwise make a new entry each.
KEPT_RESULT_PAGES = 5
# Pages of results kept per content generation: anyone can search for anything.
KEPT_SEARCHES = 1000


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
        found = _found(request, query, locale, page_number(request.GET.get("page", 1)))
        results = found["results"]
        page_obj = known_page(
            range(len(results)), found["number"], found["count"], RESULTS_PER_PAGE
        )
    context = {
        "query": query,
        "raw_query": raw[:200],
        "results": results,
        "page_obj": page_obj,
        "suggestions": suggested_topics(locale) if not results else [],
    }
    return render(request, "orientation/search.html", context)


def _found(request, query: str, locale, wanted: int) -> dict:
    """One page of results for `query` (title and snippet highlighted, address), its
    number and the number of results. The same for everyone who searches the same words
    in the same language: kept per content generation (publishing, unpublishing, moving
    or deleting a page starts a new one), the query's words (`clean_query`) and the page
    asked for, the first KEPT_RESULT_PAGES of them, at most KEPT_SEARCHES pages per
    generation; each is at most a page of short snippets."""

    def build() -> dict:
        page_obj = page_of_results(search_pages(query, locale, request), wanted, RESULTS_PER_PAGE)
        results = [
            {
                "url": entry["url"],
                "title": highlight(entry["title"], query, length=200),
                "snippet": highlight(entry["text"], query),
            }
            for entry in _entries(request, list(page_obj.object_list))
        ]
        return {"number": page_obj.number, "count": page_obj.paginator.count, "results": results}

    if wanted > KEPT_RESULT_PAGES:
        return build()
    generation = layout.content_generation(request)
    site = layout.site_for_request(request)
    parts = (
        getattr(site, "pk", None),
        translation.get_language(),
        getattr(locale, "pk", None),
        key_part(query),
        wanted,
    )
    return kept_page(
        f"samverka:search:page:{generation}:" + ":".join(map(str, parts)),
        f"samverka:search:kept:{generation}",
        KEPT_SEARCHES,
        build,
    )


def _entries(request, pages) -> list[dict]:
    """Title, readable text and address of each found page, kept per content generation
    and language: reading a page's text needs its specific page (a query per page type)."""
    from samverka.core.fragments import kept

    generation = layout.content_generation(request)
    site = layout.site_for_request(request)
    language = translation.get_language()
    keys = [
        f"samverka:search:{generation}:{getattr(site, 'pk', None)}:{language}:{page.pk}"
        for page in pages
    ]

    def build(missing):
        specific = Page.objects.filter(pk__in=[page.pk for page in missing]).specific().in_bulk()
        built = []
        for page in missing:
            page = specific.get(page.pk) or page.specific
            built.append(
                {"title": page.title, "text": page_text(page), "url": page_url(page, request)}
            )
        return built

    return kept(keys, pages, build)
