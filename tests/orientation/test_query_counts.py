"""Query counts of each page type, pinned, and the same for few and many blocks/rows.

The page cache is off in tests (settings.test), so these measure rendering. Each
page is counted twice: "cold", right after the cache is emptied (the layout cache
of samverka.core.layout is filled during that render), and "warm", as every later
render until the next publish. Both must stay the same however much content there is.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.orientation.models import (
    MeetingPlaceActor,
    MeetingPlaceIndexPage,
    MeetingPlacePage,
    OpeningException,
    OpeningHours,
    OrientationRelatedLink,
)

from .conftest import add_topic, publish, translate


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), "\n".join(q["sql"] for q in context.captured_queries)


def count(client, url):
    """(cold, warm) query counts, each with the SQL for the failure message."""
    # the process's first request also loads the municipalities into memory (two queries):
    # done first, so the counts are the same whichever test runs first in a process
    client.get(url)
    cache.clear()
    cold = queries(client, url)
    warm = queries(client, url)
    return cold, warm


# Every warm render of a Wagtail page: Wagtail's view-restriction check
# (the page's ancestors, their restrictions). Site, locales, route, menu,
# language switcher, breadcrumbs, "in this topic", related pages and the
# translation notice come from the layout cache.
WARM_PAGE = 2


def body(blocks):
    items = []
    for number in range(blocks):
        items += [
            {"type": "heading", "value": {"text": f"Rubrik {number}", "level": "h2"}},
            {"type": "text", "value": f"<p>Stycke {number}</p>"},
            {
                "type": "questions",
                "value": {"heading": "", "items": [{"question": "F?", "answer": "<p>S.</p>"}]},
            },
            {"type": "steps", "value": {"heading": "", "steps": [{"title": "Ett", "text": ""}]}},
            {"type": "callout", "value": {"title": "Bra att veta", "text": "<p>Ja.</p>"}},
            {"type": "easy_read", "value": {"title": "Lättläst", "text": "<p>Kort.</p>"}},
            {
                "type": "contact",
                "value": {
                    "name": "1177",
                    "phone": "1177",
                    "email": "",
                    "website": "",
                    "address": "",
                    "opening_hours": "",
                    "note": "",
                },
            },
            {
                "type": "authority_links",
                "value": {
                    "heading": "",
                    "links": [{"title": "CSN", "url": "https://www.csn.se", "description": ""}],
                },
            },
        ]
    return items


def topic_tree(index, size):
    """A topic with `size`× every block, `size` related links and `size` sub-pages."""
    topic = add_topic(index, f"Ämne {size}", f"amne-{size}", body=body(size))
    others = [add_topic(index, f"Annat {size}-{n}", f"annat-{size}-{n}") for n in range(size)]
    for n in range(size):
        add_topic(topic, f"Undersida {n}", f"under-{n}")
    for position, other in enumerate(others):
        OrientationRelatedLink.objects.create(page=topic, target=other, sort_order=position)
    return publish(topic)


# Swedish topic page, cold:
#  1-2 site, its root page (specific)     3 locales
#  4-5 index: child by slug, specific     6-7 topic: child by slug, specific
#  8-9 view restrictions (ancestors, restrictions)
# 10 translations (language switcher)
# 11-12 Wagtail's site root paths (its own cache, emptied too), for page URLs
# 13 menu pages                          14 ancestors (breadcrumbs, "in this topic")
# 15-16 related links, their target pages 17 sub-pages of the topic ("in this topic")
# 18-19 footer: its settings, the accessibility statement (FOOTER)
FOOTER = 2
TOPIC_COLD = 17 + FOOTER


@pytest.mark.django_db
def test_topic_page_queries_do_not_grow_with_blocks_links_or_subpages(client, orientation_index):
    topic_tree(orientation_index, 1)
    topic_tree(orientation_index, 12)
    (small_cold, small_sql), (small_warm, warm_sql) = count(client, "/samhallsorientering/amne-1/")
    (large_cold, large_sql), (large_warm, _) = count(client, "/samhallsorientering/amne-12/")
    assert (small_cold, small_warm) == (large_cold, large_warm), large_sql
    assert small_cold == TOPIC_COLD, small_sql
    assert small_warm == WARM_PAGE, warm_sql


@pytest.mark.django_db
def test_translated_topic_page_queries(client, orientation_index):
    small = topic_tree(orientation_index, 1)
    large = topic_tree(orientation_index, 12)
    for page in (small, large):
        translate(page, "ar", title=f"ar {page.title}")
    (n_small, _), (warm_small, _) = count(client, "/ar/samhallsorientering/amne-1/")
    (n_large, sql), (warm_large, warm_sql) = count(client, "/ar/samhallsorientering/amne-12/")
    assert (n_small, warm_small) == (n_large, warm_large), sql
    # As Swedish, plus the Arabic home page (its translation, specific); the
    # translation status and the related pages' Arabic translations take the
    # place of queries the Swedish page makes for its own locale.
    assert n_small == TOPIC_COLD + 2, sql
    assert warm_small == WARM_PAGE, warm_sql


@pytest.mark.django_db
def test_index_page_queries_do_not_grow_with_topics(client, orientation_index, home_page):
    add_topic(orientation_index, "Första", "forsta")
    (few, few_sql), (few_warm, _) = count(client, "/samhallsorientering/")
    for n in range(15):
        add_topic(orientation_index, f"Ämne {n}", f"amne-{n}")
    (many, sql), (many_warm, warm_sql) = count(client, "/samhallsorientering/")
    assert (few, few_warm) == (many, many_warm), sql
    # site, root page, locales, index by slug, specific, restrictions ×2,
    # topics (their restrictions, the pages), Wagtail's site root paths ×2,
    # language switcher, menu pages, ancestors, footer
    assert few == 14 + FOOTER, few_sql
    assert few_warm == WARM_PAGE, warm_sql
    # The Arabic index lists every Swedish topic in Arabic where translated.
    (few_ar, sql), (warm_ar, warm_sql) = count(client, "/ar/samhallsorientering/")
    # + the Arabic home page (translation, specific), the translation status,
    # the Swedish index and the Arabic translations of its topics, less one
    # of Wagtail's site root path queries (already in its cache).
    assert few_ar == 14 + FOOTER + 4, sql
    assert warm_ar == WARM_PAGE, warm_sql
    for n in range(5):
        translate(orientation_index.get_children().specific()[n], "ar", title=f"ar {n}")
    assert count(client, "/ar/samhallsorientering/")[0][0] == few_ar


def meeting_place(index, slug, rows):
    place = MeetingPlacePage(
        title=f"Mötesplats {slug}",
        slug=slug,
        street_address="Ekbytorget 4",
        city="Ålunda",
        district="Ekby",
        latitude="59.38",
        longitude="16.48",
        body=body(rows),
        accessibility="<ul><li>Hiss.</li></ul>",
    )
    for n in range(rows):
        place.opening_hours.add(
            OpeningHours(weekday=n % 7, opens=datetime.time(9), closes=datetime.time(17))
        )
        place.opening_hours.add(
            OpeningHours(
                kind="drop_in", weekday=n % 7, opens=datetime.time(13), closes=datetime.time(15)
            )
        )
        place.opening_exceptions.add(
            OpeningException(date=datetime.date.today() + datetime.timedelta(days=n + 1))
        )
        place.actors.add(MeetingPlaceActor(name=f"Aktör {n}", offer="job", description="Hjälp."))
    index.add_child(instance=place)
    return publish(place)


@pytest.mark.django_db
def test_meeting_place_queries_do_not_grow_with_rows(client, home_page):
    index = MeetingPlaceIndexPage(title="Mötesplatser", slug="motesplatser")
    home_page.add_child(instance=index)
    publish(index)
    meeting_place(index, "liten", 1)
    meeting_place(index, "stor", 20)
    (small, small_sql), (small_warm, warm_sql) = count(client, "/motesplatser/liten/")
    (large, sql), (large_warm, _) = count(client, "/motesplatser/stor/")
    assert (small, small_warm) == (large, large_warm), sql
    # site, root page, locales, index by slug, specific, place by slug,
    # specific, restrictions ×2, language switcher, site root paths ×2,
    # menu pages, ancestors, opening hours, exceptions, actors, upcoming events, footer
    assert small == 18 + FOOTER, small_sql
    # The place's own rows are read on every render: opening hours, exceptions, actors,
    # upcoming events.
    assert small_warm == WARM_PAGE + 4, warm_sql
    (index_count, sql), (index_warm, warm_sql) = count(client, "/motesplatser/")
    # site, root page, locales, index by slug, specific, restrictions ×2,
    # places (their restrictions, the pages), Wagtail's site root paths ×2,
    # language switcher, menu pages, ancestors, footer
    assert index_count == 14 + FOOTER, sql
    assert index_warm == WARM_PAGE, warm_sql
