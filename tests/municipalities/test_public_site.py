"""One Wagtail Site per municipality: the header, footer and sitemap follow the site that
serves the request; with one municipality nothing changes."""

import pytest
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


def test_a_single_municipality_looks_as_before(client, home_page):
    page = client.get("/").content.decode()
    assert "Ålunda kommun" in page


def test_the_neighbours_site_shows_the_neighbour(client, home_page, norrvik):
    from samverka.home.models import HomePage

    root = Page.get_first_root_node()
    norrvik_home = HomePage(title="Välkommen till Norrvik", slug="norrvik-hem")
    root.add_child(instance=norrvik_home)
    norrvik_home.save_revision().publish()
    site = Site.objects.create(hostname="norrvik.example", port=80, root_page=norrvik_home)
    norrvik.site = site
    norrvik.save()

    own = client.get("/", HTTP_HOST="norrvik.example").content.decode()
    assert "Norrvik kommun" in own and "Ålunda kommun" not in own
    default = client.get("/").content.decode()
    assert "Ålunda kommun" in default

    sitemap = client.get("/sitemap.xml", HTTP_HOST="norrvik.example").content.decode()
    import re

    pages = [loc for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap) if "/sv/" not in loc[-4:]]
    assert pages, sitemap
    wagtail_pages = [loc for loc in pages if "norrvik" in loc or "alunda" in loc.lower()]
    assert all(loc.startswith("http://norrvik.example") for loc in wagtail_pages), pages
