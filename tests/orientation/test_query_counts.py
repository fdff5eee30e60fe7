"""Query counts of each page type, pinned, and the same for few and many blocks/rows.

The page cache is off in tests (settings.test), so these measure rendering.
"""

import datetime

import pytest
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


def count(client, url):
    client.get(url)  # warm Wagtail's site-root cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), [query["sql"] for query in context.captured_queries]


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


# Swedish topic page:
#  1 site (find_for_request)            2 active locale (site root .localized)
#  3 specific home page                 4-5 index: child by slug, specific
#  6-7 topic: child by slug, specific   8-9 view restrictions (ancestors, restrictions)
# 10 translations (language switcher)   11 active locale (main menu)
# 12 menu pages                         13 ancestors (breadcrumbs, "in this topic")
# 14 page.locale (translation notice)   15-16 related links, their target pages
# 17 sub-pages of the topic ("in this topic")
TOPIC_QUERIES = 17


@pytest.mark.django_db
def test_topic_page_queries_do_not_grow_with_blocks_links_or_subpages(client, orientation_index):
    topic_tree(orientation_index, 1)
    topic_tree(orientation_index, 12)
    small, small_sql = count(client, "/samhallsorientering/amne-1/")
    large, large_sql = count(client, "/samhallsorientering/amne-12/")
    assert small == large, "\n".join(large_sql)
    assert small == TOPIC_QUERIES, "\n".join(small_sql)


@pytest.mark.django_db
def test_translated_topic_page_queries(client, orientation_index):
    small = topic_tree(orientation_index, 1)
    large = topic_tree(orientation_index, 12)
    for page in (small, large):
        translate(page, "ar", title=f"ar {page.title}")
    n_small, _ = count(client, "/ar/samhallsorientering/amne-1/")
    n_large, sql = count(client, "/ar/samhallsorientering/amne-12/")
    assert n_small == n_large, "\n".join(sql)
    # As Swedish, plus: the Arabic home page (.localized), the translation status,
    # the active locale and the related pages' Arabic translations.
    assert n_small == TOPIC_QUERIES + 4, "\n".join(sql)


@pytest.mark.django_db
def test_index_page_queries_do_not_grow_with_topics(client, orientation_index, home_page):
    n_before_sql = None
    add_topic(orientation_index, "Första", "forsta")
    few, n_before_sql = count(client, "/samhallsorientering/")
    for n in range(15):
        add_topic(orientation_index, f"Ämne {n}", f"amne-{n}")
    many, sql = count(client, "/samhallsorientering/")
    assert few == many, "\n".join(sql)
    # site, locale, home, index by slug, specific, restrictions ×2, locale (notice),
    # ancestors, topics, language switcher, menu (locale, pages)
    assert few == 14, "\n".join(n_before_sql)
    # The Arabic index lists every Swedish topic in Arabic where translated.
    few_ar, sql = count(client, "/ar/samhallsorientering/")
    # + the Arabic home page (.localized), the Arabic locale, the translation status,
    # the Swedish index and the Arabic translations of its topics.
    assert few_ar == 14 + 5, "\n".join(sql)
    for n in range(5):
        translate(orientation_index.get_children().specific()[n], "ar", title=f"ar {n}")
    assert count(client, "/ar/samhallsorientering/")[0] == few_ar


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
    small, small_sql = count(client, "/motesplatser/liten/")
    large, sql = count(client, "/motesplatser/stor/")
    assert small == large, "\n".join(sql)
    # site, locale, home, index, place, specific, restrictions ×2, locale (notice),
    # ancestors, opening hours, exceptions, actors, language switcher, menu ×2
    assert small == 17, "\n".join(small_sql)
    index_count, sql = count(client, "/motesplatser/")
    # site, locale, home, index by slug, specific, restrictions ×2, locale, ancestors,
    # places, language switcher, menu (locale, pages)
    assert index_count == 14, "\n".join(sql)
