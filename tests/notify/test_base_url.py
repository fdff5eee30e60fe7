import pytest
from wagtail.models import Site

from samverka.core.links import absolute

pytestmark = pytest.mark.django_db


def test_links_use_the_wagtail_sites_hostname_when_no_base_url_is_set(settings):
    settings.SAMVERKA_BASE_URL = ""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "samverka.alunda.se", 443
    site.save()
    assert absolute("/sv/events/c/x/") == "https://samverka.alunda.se/sv/events/c/x/"
    assert "127.0.0.1" not in absolute("/")


def test_an_explicit_base_url_and_a_request_win(settings, rf):
    settings.SAMVERKA_BASE_URL = "https://samverka.example/"
    assert absolute("/a/") == "https://samverka.example/a/"
    request = rf.get("/", HTTP_HOST="kommun.example")
    assert absolute("/a/", request) == "http://kommun.example/a/"
