"""Outdated translations, the missing-translation fallback and the admin reports."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from samverka.orientation.models import TranslationStatus

from .conftest import add_topic, publish

# The notices are translated; tests look for their classes.
OUTDATED = 'data-notice="outdated"'
MISSING = 'data-notice="fallback"'


@pytest.mark.django_db
def test_current_translation_shows_no_notice(client, health_topic):
    response = client.get("/ar/samhallsorientering/halsa/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "الصحة والرعاية" in html
    assert OUTDATED not in html and MISSING not in html
    assert '<article class="prose">' in html  # no language override on a real translation


@pytest.mark.django_db
def test_publishing_the_source_marks_translations_outdated(client, health_topic):
    arabic = health_topic.get_translation(Locale.objects.get(language_code="ar"))
    health_topic.intro = "Ny text om vårdcentralen."
    publish(health_topic)

    status = TranslationStatus.objects.get(page=arabic)
    assert status.outdated
    html = client.get("/ar/samhallsorientering/halsa/").content.decode()
    assert OUTDATED in html
    # The notice links to the current Swedish page.
    assert 'href="/samhallsorientering/halsa/" hreflang="sv"' in html
    # The Swedish page itself carries no notice.
    assert OUTDATED not in client.get("/samhallsorientering/halsa/").content.decode()

    # Publishing the translation again marks it current.
    publish(arabic.specific)
    status.refresh_from_db()
    assert not status.outdated
    assert OUTDATED not in client.get("/ar/samhallsorientering/halsa/").content.decode()


@pytest.mark.django_db
def test_editors_see_outdated_translations_in_the_admin(client, editor, health_topic):
    publish(health_topic)
    client.force_login(editor)
    response = client.get("/admin/orientation-reports/outdated-translations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "الصحة والرعاية" in html


@pytest.mark.django_db
def test_missing_translation_shows_swedish_with_notice_not_404(client, health_topic):
    # There is no Tigrinya home page, orientation index or topic at all.
    response = client.get("/ti/samhallsorientering/halsa/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ti" dir="ltr">' in html
    assert "Vårdcentralen är din första kontakt." in html
    assert MISSING in html
    # The Swedish content (article, breadcrumbs) is marked as Swedish for screen readers.
    assert '<article class="prose" lang="sv" dir="ltr">' in html
    assert '<ol lang="sv" dir="ltr">' in html


@pytest.mark.django_db
def test_missing_translation_under_a_translated_tree_falls_back(client, health_topic):
    # Arabic has the home page and the index; an untranslated sibling topic is
    # shown in Swedish under /ar/ with the notice, in the right-to-left frame.
    add_topic(
        health_topic.get_parent(),
        "Att åldras",
        "att-aldras",
        body=[{"type": "text", "value": "<p>Om pension.</p>"}],
    )
    response = client.get("/ar/samhallsorientering/att-aldras/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Om pension." in html
    assert '<article class="prose" lang="sv" dir="ltr">' in html
    # The Arabic index lists the untranslated topic too.
    index_html = client.get("/ar/samhallsorientering/").content.decode()
    assert "Att åldras" in index_html and "الصحة والرعاية" in index_html
    # A path that exists in no language is still a 404.
    assert client.get("/ar/samhallsorientering/finns-inte/").status_code == 404


@pytest.mark.django_db
def test_pages_due_for_review_are_listed_for_editors(client, editor, orientation_index):
    old = timezone.localdate() - datetime.timedelta(days=400)
    add_topic(orientation_index, "Gammal sida", "gammal", last_reviewed=old)
    add_topic(orientation_index, "Färsk sida", "farsk")
    client.force_login(editor)
    response = client.get("/admin/orientation-reports/review-due/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gammal sida" in html
    assert "Färsk sida" not in html


@pytest.mark.django_db
def test_visitors_cannot_open_the_reports(client, volunteer_user, orientation_index):
    client.force_login(volunteer_user)
    assert client.get("/admin/orientation-reports/review-due/").status_code == 302
