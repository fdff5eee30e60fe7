"""The layout cache (samverka.core.layout): what every page's header needs is read
once per content generation, never stale after a publish, and the queries of a
render do not grow with the number of menu pages."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from samverka.core import layout
from samverka.home.models import StandardPage
from samverka.orientation.cache import generation
from tests.orientation.conftest import (  # noqa: F401 - fixtures
    add_topic,
    health_topic,
    orientation_index,
    publish,
)


def menu_page(home, title, slug):
    page = StandardPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=page)
    return publish(page)


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), "\n".join(q["sql"] for q in context.captured_queries)


@pytest.mark.django_db
def test_the_menu_follows_publish_rename_and_unpublish(client, home_page):
    first = menu_page(home_page, "Om Samverka", "om")
    assert "Om Samverka" in client.get("/").content.decode()
    second = menu_page(home_page, "Tillgänglighet", "tillganglighet")
    assert "Tillgänglighet" in client.get("/").content.decode()
    first.title = "Om plattformen"
    publish(first)
    html = client.get("/").content.decode()
    assert "Om plattformen" in html and "Om Samverka" not in html
    second.unpublish()
    assert "Tillgänglighet" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_breadcrumbs_and_topic_navigation_follow_a_parent_renamed(client, health_topic):  # noqa: F811
    sub = add_topic(health_topic, "Tandvård", "tandvard")
    url = "/samhallsorientering/halsa/tandvard/"
    assert "Hälsa och vård" in client.get(url).content.decode()
    health_topic.title = "Vård och hälsa"
    publish(health_topic)
    html = client.get(url).content.decode()
    assert "Vård och hälsa" in html and "Hälsa och vård" not in html
    assert sub.title in html


@pytest.mark.django_db
def test_a_cached_anonymous_page_shows_the_new_menu_after_a_publish(client, home_page, settings):
    settings.SAMVERKA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    menu_page(home_page, "Nyheter", "nyheter")
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Nyheter" in response.content.decode()


@pytest.mark.django_db
def test_saving_a_page_site_or_locale_starts_a_new_generation(home_page):
    before = generation()
    home_page.save()
    assert generation() == before + 1
    Site.objects.get().save()
    assert generation() == before + 2
    Locale.objects.get(language_code="ar").save()
    assert generation() == before + 3


@pytest.mark.django_db
def test_the_site_comes_from_the_cache_with_its_root_page(rf, home_page):
    site = layout.site_for_request(rf.get("/"))
    assert site.root_page.pk == home_page.pk
    with CaptureQueriesContext(connection) as context:
        again = layout.site_for_request(rf.get("/"))
        again.root_page.specific.title  # noqa: B018 - loads nothing more
    assert len(context.captured_queries) == 0
    assert again.root_page.title == home_page.title


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/ar/"])
def test_home_page_queries_do_not_grow_with_menu_pages(client, home_page, path):
    menu_page(home_page, "Sida 0", "sida-0")
    # the process's first request also loads the municipalities into memory (two queries):
    # done here, so the count is the same whichever test runs first
    client.get(path)
    cache.clear()
    cold_one, cold_sql = queries(client, path)
    warm_one, warm_sql = queries(client, path)
    for number in range(1, 100):
        menu_page(home_page, f"Sida {number}", f"sida-{number}")
    cache.clear()
    cold_many, sql = queries(client, path)
    warm_many, _ = queries(client, path)
    assert (cold_one, warm_one) == (cold_many, warm_many), sql
    # Warm: only Wagtail's view-restriction check (ancestors, restrictions).
    assert warm_one == 2, warm_sql
    # Cold, "/": site, root page, locales, restrictions ×2, language switcher,
    # Wagtail's site root paths ×2, menu pages, footer settings and its accessibility
    # statement; "/ar/" adds the Arabic home page and the translation notice's progress
    # count (wagtail-localize segments) and reads no menu pages (the Arabic home page
    # has no children).
    assert cold_one == (11 if path == "/" else 12), cold_sql


@pytest.mark.django_db
def test_a_view_outside_wagtail_reads_no_layout_rows_once_warm(client, home_page):
    for number in range(5):
        menu_page(home_page, f"Sida {number}", f"sida-{number}")
    client.get("/search/?q=x")
    _count, sql = queries(client, "/search/?q=x")
    # (The search itself still reads the active locale.)
    assert "wagtailcore_site" not in sql
    # No menu query: nothing filters on show_in_menus (search results select the column).
    assert not any("show_in_menus" in query.partition(" WHERE ")[2] for query in sql.split("\n"))


@pytest.mark.django_db
def test_a_junk_address_of_any_length_makes_short_cache_keys(client, home_page, settings):
    import warnings

    from django.core.cache import caches
    from django.core.cache.backends.base import CacheKeyWarning

    from samverka.core.cache import key_part

    seen = []
    backend = caches["default"]
    original = backend.make_and_validate_key

    def record(key, version=None):
        seen.append(key)
        return original(key, version=version)

    junk = "/" + "x" * 1000 + "/" + "y" * 1000 + "/"  # 2,003 characters Wagtail routes
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        backend.make_and_validate_key = record
        try:
            assert client.get(junk).status_code == 404
            # a page that exists is found through the cache the same way
            assert client.get("/").status_code == 200
        finally:
            del backend.make_and_validate_key
    layout_keys = [key for key in seen if key.startswith(layout.PREFIX)]
    assert any(":route:" in key for key in layout_keys)
    assert max(len(backend.make_key(key)) for key in seen) <= 250
    assert len(key_part("z" * 2000)) == 32 and key_part("halsa/tandvard") == "halsa/tandvard"


def _entry_points(target):
    items = [{"title": "Läs mer", "text": "Om oss.", "page": target.pk, "url": ""}]
    return {"type": "entry_points", "value": {"heading": "", "items": items}}


@pytest.mark.django_db
def test_kept_page_blocks_follow_a_publish_and_a_linked_page(client, home_page):
    """`{% page_blocks %}` keeps a page's rendered blocks per content generation: a new
    text, or a renamed page an entry point links to, shows at once; a preview of a
    draft is never kept."""
    target = menu_page(home_page, "Om Samverka", "om")
    page = StandardPage(
        title="Hjälp",
        slug="hjalp",
        body=[{"type": "text", "value": "<p>Första texten.</p>"}, _entry_points(target)],
    )
    home_page.add_child(instance=page)
    publish(page)
    html = client.get("/hjalp/").content.decode()
    assert "Första texten." in html and 'href="/om/"' in html
    page.body = [{"type": "text", "value": "<p>Andra texten.</p>"}, _entry_points(target)]
    publish(page)
    html = client.get("/hjalp/").content.decode()
    assert "Andra texten." in html and "Första texten." not in html
    target.slug = "om-oss"
    publish(target)
    assert 'href="/om-oss/"' in client.get("/hjalp/").content.decode()
    # A draft seen in preview is rendered, not kept: visitors still get the live text.
    page.body = [{"type": "text", "value": "<p>Utkast.</p>"}]
    preview = page.make_preview_request(original_request=None)
    assert "Utkast." in preview.content.decode()
    assert "Utkast." not in client.get("/hjalp/").content.decode()
