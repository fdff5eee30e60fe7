"""The demo content: every page in the sitemap answers with the right lang and dir.

The demo is seeded once for the class (setUpTestData) and rolled back afterwards.
"""

import re

from django.conf import settings
from django.test import TestCase
from wagtail.models import Page

from samverka.orientation.models import MeetingPlacePage, OrientationTopicPage


def _language_of(path):
    first = path.strip("/").split("/")[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return first if first in codes else settings.LANGUAGE_CODE


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from samverka.home.demo import seed_home
        from samverka.orientation.demo import SEEDERS

        seed_home(lambda message: None)
        for seed in SEEDERS:
            seed(lambda message: None)

    def test_every_sitemap_page_answers_with_the_right_lang_and_dir(self):
        every_sitemap_page_answers(self.client)

    def test_demo_covers_the_eight_topics_in_the_required_languages(self):
        demo_covers_the_eight_topics()

    def test_demo_seeding_is_idempotent(self):
        demo_seeding_is_idempotent()

    def test_navigation_menu_breadcrumbs_topic_nav_and_related(self):
        navigation(self.client)

    def test_easy_to_read_summary_is_shown_first(self):
        easy_read_first(self.client)

    def test_meeting_place_shows_hours_actors_access_and_map_link(self):
        meeting_place(self.client)


def every_sitemap_page_answers(client):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    paths = [
        re.sub(r"^https?://[^/]+", "", url)
        for url in re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())
    ]
    arabic = []
    checked = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if "text/html" not in response["Content-Type"]:
            continue
        language = _language_of(path)
        direction = "rtl" if language in settings.RTL_LANGUAGES else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in response.content.decode(), path
        checked += 1
        if language == "ar":
            arabic.append(path)
    assert checked >= 60
    arabic_pages = [path for path in arabic if "samhallsorientering" in path or "motes" in path]
    assert len(arabic_pages) >= 8, arabic_pages


def demo_covers_the_eight_topics():
    def count(code):
        return (
            OrientationTopicPage.objects.live().filter(locale__language_code=code, depth=4).count()
        )

    assert count("sv") == 8
    assert count("en") == 8 and count("ar") == 8
    for code in ("fa", "so", "ti", "uk"):
        assert count(code) >= 2, code
    districts = set(
        MeetingPlacePage.objects.filter(locale__language_code="sv").values_list(
            "district", flat=True
        )
    )
    assert len(districts) == 2


def demo_seeding_is_idempotent():
    from samverka.orientation.demo import SEEDERS

    before = Page.objects.count()
    messages = []
    for seed in SEEDERS:
        seed(messages.append)
    assert Page.objects.count() == before
    assert not [message for message in messages if "created" in message]


def navigation(client):
    html = client.get(
        "/ar/samhallsorientering/att-bo-i-sverige/att-hitta-en-bostad/"
    ).content.decode()
    # Main menu: the orientation and meeting places in Arabic.
    assert 'href="/ar/samhallsorientering/"' in html and 'href="/ar/motesplatser/"' in html
    # Breadcrumbs: home › index › topic.
    crumbs = html.split('class="breadcrumbs')[1].split("</nav>")[0]
    assert 'href="/ar/"' in crumbs and 'href="/ar/samhallsorientering/att-bo-i-sverige/"' in crumbs
    assert 'aria-current="page"' in crumbs
    # In this topic: the topic and its sub-page, the current one marked.
    topic_nav = html.split('class="topic-nav sidebar"')[1].split("</nav>")[0]
    assert "السكن في السويد" in topic_nav and 'aria-current="page"' in topic_nav
    # Related pages, in Arabic.
    html = client.get("/ar/samhallsorientering/halsa/").content.decode()
    related = html.split('class="related"')[1].split("</nav>")[0]
    assert "الأسرة والأطفال" in related


def easy_read_first(client):
    html = client.get("/samhallsorientering/halsa/").content.decode()
    article = html.split("<article")[1]
    assert article.index('class="easy-read"') < article.index('class="block-heading"')


def meeting_place(client):
    html = client.get("/motesplatser/motesplats-ekby/").content.decode()
    assert "https://www.openstreetmap.org/?mlat=59.384210&amp;mlon=16.482730" in html
    assert "<iframe" not in html  # no embedded map
    assert html.count('<th scope="row">') == 14  # opening hours and drop-in, Monday–Sunday
    assert "Jobbcentrum Nord" in html and "Öppna förskolan Ekollonet" in html
    assert "Hiss till biblioteket" in html
    ti = client.get("/ti/motesplatser/motesplats-ekby/").content.decode()
    assert '<html lang="ti" dir="ltr">' in ti and "ቦታ ርክብ ኤክቢ" in ti
