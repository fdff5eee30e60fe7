"""The accessibility statement (DOS law, Digg's structure), linked from every footer in
every language; the footer links are the editors' to change."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from samverka.home.models import AccessibilityStatementPage, FooterSettings
from tests.orientation.conftest import publish, translate


@pytest.fixture
def statement(home_page):
    today = timezone.localdate()
    page = AccessibilityStatementPage(
        title="Tillgänglighetsredogörelse",
        slug="tillganglighet",
        intro="Ålunda kommun står bakom webbplatsen.",
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        non_accessible_content="<p>Några PDF-filer saknar rubriker.</p>",
        feedback='<p>Skriv till <a href="mailto:a@example.org">a@example.org</a>.</p>',
        enforcement='<p>Digg har tillsyn. <a href="https://www.digg.se/tdosanmalan">Anmäl</a>.</p>',
        testing="<p>Vi har testat med axe-core.</p>",
        statement_made_on=today - datetime.timedelta(days=100),
        statement_updated_on=today,
    )
    home_page.add_child(instance=page)
    return publish(page)


def _footer(html):
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.django_db
def test_the_statement_has_digg_structure(client, statement):
    html = client.get("/tillganglighet/").content.decode()
    assert 'data-compliance="partial"' in html
    for text in (
        "Några PDF-filer saknar rubriker.",  # non-accessible content
        "a@example.org",  # how to report
        "https://www.digg.se/tdosanmalan",  # enforcement by Digg
        "Vi har testat med axe-core.",  # how it was tested
    ):
        assert text in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["sv", "en", "ar", "fa", "so", "ti", "uk"])
def test_every_footer_in_every_language_links_the_statement(client, statement, code):
    translate(
        statement,
        "en",
        title="Accessibility statement",
        intro="About the site.",
        non_accessible_content="<p>Some PDFs lack headings.</p>",
        feedback='<p>Write to <a href="mailto:a@example.org">a@example.org</a>.</p>',
        enforcement='<p>Digg supervises. <a href="https://www.digg.se/tdosanmalan">Report</a>.</p>',
        testing="<p>We tested with axe-core.</p>",
    )
    prefix = "" if code == "sv" else f"/{code}"
    for path in ("/", "/organisations/"):
        response = client.get(prefix + path)
        assert response.status_code == 200
        footer = _footer(response.content.decode())
        if code == "en":
            assert f'<a href="{prefix}/tillganglighet/">Accessibility statement</a>' in footer
        elif code == "sv":
            assert '<a href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in footer
        else:
            # Not translated: the Swedish title, marked as Swedish, to the fallback page.
            assert (
                f'<a href="{prefix}/tillganglighet/" lang="sv" dir="ltr">'
                "Tillgänglighetsredogörelse</a>"
            ) in footer
    # The statement itself answers in that language (the Swedish one with a notice).
    assert client.get(f"{prefix}/tillganglighet/").status_code == 200


@pytest.mark.django_db
def test_editors_add_footer_links(client, statement, home_page):
    from samverka.home.models import FooterLink, StandardPage

    about = StandardPage(title="Om Samverka", slug="om")
    home_page.add_child(instance=about)
    publish(about)
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.accessibility_statement = statement
    footer.save()
    FooterLink.objects.create(settings=footer, page=about, sort_order=0)
    html = _footer(client.get("/").content.decode())
    assert html.index("Tillgänglighetsredogörelse") < html.index("Om Samverka")
    # A link removed by an editor is gone at once (the cached footer is dropped).
    footer.links.all().delete()
    assert "Om Samverka" not in _footer(client.get("/").content.decode())
