"""Outdated translations, the missing-translation fallback and the admin reports."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from samverka.orientation.translation import outdated_translations, translation_progress

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


def _arabic(page):
    return page.get_translation(Locale.objects.get(language_code="ar")).specific


def _translation_of(page, code="ar"):
    from wagtail_localize.models import Translation

    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=code
    )


@pytest.mark.django_db
def test_republishing_without_change_leaves_translations_current(client, health_topic):
    arabic_reviewed = _arabic(health_topic).last_reviewed
    publish(health_topic)
    # The yearly review: only the date changes.
    health_topic.last_reviewed = timezone.localdate() + datetime.timedelta(days=1)
    publish(health_topic)

    assert translation_progress(_arabic(health_topic)).missing == 0
    assert list(outdated_translations()) == []
    assert OUTDATED not in client.get("/ar/samhallsorientering/halsa/").content.decode()
    # Each language keeps its own review date.
    assert _arabic(health_topic).last_reviewed == arabic_reviewed


@pytest.mark.django_db
def test_changing_one_paragraph_outdates_only_that_segment(client, editor, health_topic):
    body = health_topic.body.raw_data
    body[1]["value"] = "<p>Vårdcentralen är din första kontakt. Boka tid på 1177.se.</p>"
    health_topic.body = body
    publish(health_topic)

    arabic = _arabic(health_topic)
    progress = translation_progress(arabic)
    assert progress.missing == 1 and progress.translated == progress.total - 1
    html = client.get("/ar/samhallsorientering/halsa/").content.decode()
    assert OUTDATED in html
    # The notice links to the current Swedish page.
    assert 'href="/samhallsorientering/halsa/" hreflang="sv"' in html
    # The Swedish page itself carries no notice.
    assert OUTDATED not in client.get("/samhallsorientering/halsa/").content.decode()
    # The editors' report lists it with one segment to translate.
    assert [(page.pk, page.missing_segments) for page in outdated_translations()] == [
        (arabic.pk, 1)
    ]
    client.force_login(editor)
    report = client.get("/admin/orientation-reports/outdated-translations/").content.decode()
    assert "الصحة والرعاية" in report

    # The translator translates the one segment and publishes: current again.
    from wagtail_localize.models import StringSegment, StringTranslation

    translation = _translation_of(health_topic)
    missing = [
        segment
        for segment in StringSegment.objects.filter(source=translation.source)
        if not StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context, locale=arabic.locale
        ).exists()
    ]
    assert [segment.string.data for segment in missing] == [
        "Vårdcentralen är din första kontakt. Boka tid på 1177.se."
    ]
    StringTranslation.objects.create(
        translation_of=missing[0].string,
        context=missing[0].context,
        locale=arabic.locale,
        data="المركز الصحي هو أول اتصال لك. احجز موعدًا على 1177.se.",
        translation_type="manual",
    )
    translation.save_target(publish=True)
    html = client.get("/ar/samhallsorientering/halsa/").content.decode()
    assert OUTDATED not in html
    assert "احجز موعدًا على 1177.se." in html
    assert "اتصل بـ 1177." in html  # the untouched segments kept their translation
    assert list(outdated_translations()) == []


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
