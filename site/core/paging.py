"""A page of a listing and the listing's length from one query.

Django's Paginator asks the database twice: the count, then the page's rows. For a
listing whose query is most of its cost to build, that is the dearest part of an
uncached render. `page_of` adds `COUNT(*) OVER ()` to the page's rows, so the
length comes with them; only an empty page (past the end, or no rows at all) asks
for the count on its own, as Paginator would. The result is Django's own `Page`,
and the number of queries stays the same for any amount of data.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

from samverka.core.cache import keep_seconds

TOTAL = "paging_total"
# Past this the database's integers overflow; no listing has that many rows.
MAX_OFFSET = 2**31


def page_of(queryset, number, per_page: int, **windows) -> Page:
    """`Paginator(queryset, per_page).get_page(number)`, in one query where it can.

    `windows` are more `Window` annotations over all the rows (say the earliest of a
    column), carried by the page's rows when the page was loaded in that one query."""
    paginator = Paginator(queryset, per_page)
    if queryset.query.distinct or queryset.query.combinator:
        # A window counts the rows before DISTINCT removes any, and a union has no
        # place for one: Paginator's own way.
        return paginator.get_page(number)
    wanted = page_number(number)
    bottom = (wanted - 1) * per_page
    if bottom + per_page > MAX_OFFSET:
        return paginator.get_page(number)  # an absurd page number: the last page
    rows = list(
        queryset.annotate(**{TOTAL: Window(Count("*")), **windows})[bottom : bottom + per_page]
    )
    if not rows:
        return paginator.get_page(number)
    paginator.__dict__["count"] = getattr(rows[0], TOTAL)  # Paginator.count is cached
    return paginator._get_page(rows, wanted, paginator)


def page_of_results(results, number, per_page: int) -> Page:
    """A page of results that cannot carry a window (a search backend's): a page that is
    not full is the last one, so the length is known without asking for it (most
    searches have fewer than a page of results); a full page asks the count as Paginator
    does. A page past the end, or nothing found, is the first page."""
    paginator = Paginator(results, per_page)
    wanted = page_number(number)
    bottom = (wanted - 1) * per_page
    if bottom > MAX_OFFSET:
        return paginator.page(1)
    rows = list(results[bottom : bottom + per_page])
    if not rows:
        return paginator.page(1)
    if len(rows) < per_page:
        paginator.__dict__["count"] = bottom + len(rows)  # Paginator.count is cached
    return paginator._get_page(rows, wanted, paginator)


def known_page(rows, number: int, count: int, per_page: int) -> Page:
    """Page `number` of a listing of `count` rows whose rows on that page are `rows`, all
    known already (kept from an earlier `page_of` or `page_of_results`): Django's own
    `Page`, the same as then, without a query."""
    paginator = Paginator((), per_page)
    paginator.__dict__["count"] = count  # Paginator.count is cached
    return paginator._get_page(list(rows), number, paginator)


def kept_page(key: str, budget: str, limit: int, build, fresh=None):
    """`build()` (what a page of a listing shows), kept in the cache under `key`, which
    carries everything the page depends on; `fresh(value)` says whether a value may be
    used from the cache (default: always), and one that may not is not kept.

    Anyone can ask for any words, filters or page: at most `limit` pages are kept under
    `budget`, a key that carries the generations the pages depend on, so a new generation
    starts a new budget (and the old pages are never read again). A page asked for beyond
    the budget is built as before, only not kept."""
    value = cache.get(key)
    if value is not None and (fresh is None or fresh(value)):
        return value
    value = build()
    seconds = keep_seconds()
    if (fresh is None or fresh(value)) and _spend(budget, limit, seconds):
        cache.set(key, value, seconds)
    return value


def _spend(budget: str, limit: int, seconds: int) -> bool:
    """One more page kept under `budget`, if it has room."""
    if cache.add(budget, 1, seconds):
        return True
    try:
        return cache.incr(budget) <= limit
    except ValueError:  # expired between the two
        return cache.add(budget, 1, seconds)


def page_number(number) -> int:
    """The page asked for: a whole number from 1, else 1."""
    try:
        return max(int(number), 1)
    except (TypeError, ValueError):
        return 1
