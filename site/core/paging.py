"""A page of a listing and the listing's length from one query.

Django's Paginator asks the database twice: the count, then the page's rows. For a
listing whose query is most of its cost to build, that is the dearest part of an
uncached render. `page_of` adds `COUNT(*) OVER ()` to the page's rows, so the
length comes with them; only an empty page (past the end, or no rows at all) asks
for the count on its own, as Paginator would. The result is Django's own `Page`,
and the number of queries stays the same for any amount of data.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

TOTAL = "paging_total"
# Past this the database's integers overflow; no listing has that many rows.
MAX_OFFSET = 2**31


def page_of(queryset, number, per_page: int) -> Page:
    """`Paginator(queryset, per_page).get_page(number)`, in one query where it can."""
    paginator = Paginator(queryset, per_page)
    if queryset.query.distinct or queryset.query.combinator:
        # A window counts the rows before DISTINCT removes any, and a union has no
        # place for one: Paginator's own way.
        return paginator.get_page(number)
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    wanted = max(wanted, 1)
    bottom = (wanted - 1) * per_page
    if bottom + per_page > MAX_OFFSET:
        return paginator.get_page(number)  # an absurd page number: the last page
    rows = list(queryset.annotate(**{TOTAL: Window(Count("*"))})[bottom : bottom + per_page])
    if not rows:
        return paginator.get_page(number)
    paginator.__dict__["count"] = getattr(rows[0], TOTAL)  # Paginator.count is cached
    return paginator._get_page(rows, wanted, paginator)
