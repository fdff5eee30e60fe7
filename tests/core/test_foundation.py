import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [("", "sv", "ltr"), ("/en", "en", "ltr"), ("/ar", "ar", "rtl")],
)
def test_home_page_in_each_demo_language(client, home_page, prefix, lang, direction):
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert (
        home_page.get_translation_or_none(
            __import__("wagtail.models", fromlist=["Locale"]).Locale.objects.get(language_code=lang)
        ).title
        in html
    )


@pytest.mark.parametrize(
    ("code", "direction"), [("fa", "rtl"), ("so", "ltr"), ("ti", "ltr"), ("uk", "ltr")]
)
def test_untranslated_languages_show_swedish_home_with_notice(client, home_page, code, direction):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert 'class="notice"' in html
    assert "Välkommen till Samverka" in html


def test_language_switcher_links_to_translations(client, home_page):
    html = client.get("/").content.decode()
    assert 'href="/en/" lang="en"' in html
    assert 'href="/ar/" lang="ar" dir="rtl"' in html
    assert 'href="/fa/" lang="fa" dir="rtl"' in html


def test_admin_asks_for_login(client, home_page):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_unknown_url_is_404_in_visitors_language(client, home_page):
    response = client.get("/ar/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_sitemap_lists_every_language(client, home_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/</loc>", "/en/</loc>", "/ar/</loc>"):
        assert path in body


def test_every_sitemap_url_answers_with_right_lang_and_dir(client, home_page):
    import re

    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", body)
    assert locations
    for location in locations:
        response = client.get(location)
        assert response.status_code == 200, location
        lang = (
            location.split("/")[1]
            if location.count("/") > 1 and len(location.split("/")[1]) == 2
            else "sv"
        )
        direction = "rtl" if lang in {"ar", "fa"} else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode(), location


def test_demo_seed_is_idempotent(db):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("seed_demo", "--quiet-logins", stdout=__import__("io").StringIO())
    counts = (Page.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", "--quiet-logins", stdout=__import__("io").StringIO())
    assert (Page.objects.count(), get_user_model().objects.count()) == counts


def test_groups_created_by_migration(db):
    from django.contrib.auth.models import Group

    coordinator = Group.objects.get(name="Coordinator")
    editor = Group.objects.get(name="Editor")
    assert coordinator.permissions.filter(codename="access_admin").exists()
    assert editor.permissions.filter(codename="access_admin").exists()


def test_coordinator_reaches_admin(client, home_page, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200


def test_volunteer_is_kept_out_of_admin(client, home_page, volunteer_user):
    client.force_login(volunteer_user)
    assert client.get("/admin/").status_code == 302


def test_home_page_query_count_is_pinned(client, home_page, django_assert_num_queries):
    client.get("/")  # fill the layout cache (samverka.core.layout)
    # Only Wagtail's view-restriction check (ancestors, restrictions): the site, its
    # home page, the locales, the menu and the language switcher come from the layout
    # cache. tests/core/test_speed_layout.py pins the first render and 100 menu pages.
    with django_assert_num_queries(2):
        client.get("/")
