from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

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
    locale = Locale.get_active()
    results = []
    page_obj = None
    if query:
        paginator = Paginator(search_pages(query, locale), RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        # The page's results as their specific pages: one query per page type, not one
        # per result.
        found = list(page_obj.object_list)
        specific = Page.objects.filter(pk__in=[page.pk for page in found]).specific().in_bulk()
        for page in found:
            page = specific.get(page.pk) or page.specific
            results.append(
                {
                    "page": page,
                    "title": highlight(page.title, query, length=200),
                    "snippet": highlight(page_text(page), query),
                }
            )
    context = {
        "query": query,
        "raw_query": raw[:200],
        "results": results,
        "page_obj": page_obj,
        "suggestions": suggested_topics(locale) if not results else [],
    }
    return render(request, "orientation/search.html", context)
