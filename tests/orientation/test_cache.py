"""The page cache: anonymous visitors only, cleared on publish, unpublish, delete."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from .conftest import publish

URL = "/samhallsorientering/halsa/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.SAMVERKA_PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.mark.django_db
def test_anonymous_visitors_get_the_cached_page_without_queries(
    client, health_topic, django_assert_num_queries
):
    first = client.get(URL)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(URL)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_each_language_is_cached_separately(client, health_topic):
    client.get(URL)
    arabic = client.get("/ar" + URL)
    assert arabic["X-Page-Cache"] == "miss"
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()


@pytest.mark.django_db
def test_publishing_clears_the_cache(client, health_topic):
    client.get(URL)
    health_topic.intro = "En helt ny inledning."
    publish(health_topic)
    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss"
    assert "En helt ny inledning." in response.content.decode()


@pytest.mark.django_db
def test_publishing_a_translation_clears_the_cache(client, health_topic):
    client.get("/ar" + URL)
    arabic = health_topic.get_translation(Locale.objects.get(language_code="ar")).specific
    arabic.intro = "مقدمة جديدة تمامًا."
    publish(arabic)
    assert "مقدمة جديدة تمامًا." in client.get("/ar" + URL).content.decode()


@pytest.mark.django_db
def test_deleting_a_translation_and_unpublishing_clear_the_cache(client, health_topic):
    assert "الصحة والرعاية" in client.get("/ar" + URL).content.decode()
    health_topic.get_translation(Locale.objects.get(language_code="ar")).delete()
    response = client.get("/ar" + URL)
    assert response["X-Page-Cache"] == "miss"
    assert 'data-notice="fallback"' in response.content.decode()  # Swedish now, not cached Arabic

    client.get(URL)
    client.get("/samhallsorientering/")
    health_topic.unpublish()
    assert client.get(URL).status_code == 404
    assert client.get("/ar" + URL).status_code == 404
    # The index listed the topic; it no longer does.
    assert "Hälsa och vård" not in client.get("/samhallsorientering/").content.decode()


@pytest.mark.django_db
def test_logged_in_users_never_get_or_fill_the_cache(client, health_topic, editor, volunteer_user):
    client.get(URL)  # cached for anonymous visitors
    client.force_login(volunteer_user)
    response = client.get(URL)
    assert "X-Page-Cache" not in response
    assert "/accounts/logout/" in response.content.decode()
    client.logout()
    client.force_login(editor)
    client.get(URL)
    client.logout()
    anonymous = client.get(URL)
    html = anonymous.content.decode()
    assert "/accounts/logout/" not in html
    assert editor.email not in html and volunteer_user.email not in html


@pytest.mark.django_db
def test_requests_with_a_session_are_not_cached(client, health_topic):
    client.cookies["sessionid"] = "something"
    assert "X-Page-Cache" not in client.get(URL)


@pytest.mark.django_db
def test_views_outside_wagtail_pages_are_not_cached(client, health_topic):
    assert "X-Page-Cache" not in client.get("/search/", {"q": "vård"})


@pytest.mark.django_db
def test_pages_with_a_csrf_token_are_not_cached(rf, health_topic):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from samverka.orientation.cache import PageCacheMiddleware

    def view(request):
        request._samverka_page_cacheable = True
        get_token(request)
        return HttpResponse("<form>…</form>")

    request = rf.get(URL)
    request.COOKIES = {}
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = PageCacheMiddleware(view)(request)
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_the_cache_is_cleared_again_when_the_publish_commits(
    client, health_topic, django_capture_on_commit_callbacks
):
    from samverka.orientation.cache import generation

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        before = generation()
        publish(health_topic)
        during = generation()
    assert during > before
    assert callbacks  # the second clear runs after the commit …
    assert generation() > during  # … and did run


def test_a_per_process_cache_keeps_pages_briefly(settings):
    from samverka.orientation.cache import LOCAL_CACHE_MAX_SECONDS, page_cache_seconds

    # Tests use the local-memory cache: another process would not see a publish,
    # so pages are kept briefly there.
    assert page_cache_seconds() == LOCAL_CACHE_MAX_SECONDS
    settings.SAMVERKA_PAGE_CACHE_SECONDS = 0
    assert page_cache_seconds() == 0
    # A shared cache (here any other backend) keeps pages the full time; changing
    # CACHES through the settings fixture makes Django rebuild its cache handler.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.SAMVERKA_PAGE_CACHE_SECONDS = 300
    assert page_cache_seconds() == 300
