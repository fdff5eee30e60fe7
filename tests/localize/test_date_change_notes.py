"""Notes on cancelled and moved dates are translated like the rest of the event (issue #17):
wagtail-localize extracts them as segments; a translation shows its own note, or the Swedish
note marked lang="sv" with a fallback notice until a translator translates it; the data
migration keeps every existing note and pairs the translated rows with the Swedish ones."""

import importlib
import json
import re
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils.translation import override
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from events.models import EventDateChange, date_change_notes
from tests.events import conftest as events_fixtures
from tests.events.test_series import next_tuesday_18
from tests.orientation.conftest import translate

pytestmark = pytest.mark.django_db
event_index = events_fixtures.event_index
make_event = events_fixtures.make_event

NOTE = "Lokalen är upptagen, vi ses veckan efter"
ARABIC_NOTE = "القاعة مشغولة، نلتقي في الأسبوع التالي"


@pytest.fixture
def series(event_index, settings):
    settings.SAMVERKA_EVENTS_HORIZON_DAYS = 30
    translate(event_index, "ar", title="الفعاليات")
    first = next_tuesday_18()
    return make_event(
        event_index,
        title="Språkcafé på biblioteket",
        starts_at=first,
        recurrence_rule="FREQ=WEEKLY;BYDAY=TU",
        date_changes=[
            EventDateChange(
                original_date=(first + timedelta(weeks=1)).date(), action="cancel", note=NOTE
            )
        ],
    )


def _note_markup(html, text):
    """The element holding `text` (its attributes), and whether the fallback notice follows."""
    match = re.search(r'<span class="date-change-note"><span([^>]*)>' + re.escape(text), html)
    assert match, text
    tail = html[match.end() : match.end() + 300]
    return match.group(1), 'data-notice="fallback"' in tail.split("</span></span>")[0] + tail[:200]


def _cancelled(series):
    return series.occurrences.get(status="cancelled")


def test_the_note_is_a_segment_and_its_translation_reaches_participants(client, series):
    arabic = translate(series, "ar", title="مقهى اللغة في المكتبة")
    # The Arabic page has its own row, paired with the Swedish one.
    [swedish_row], [arabic_row] = series.date_changes.all(), arabic.date_changes.all()
    assert arabic_row.translation_key == swedish_row.translation_key
    assert arabic_row.locale.language_code == "ar"

    # Not yet translated: the Swedish note, marked as Swedish, with the fallback notice.
    html = client.get(arabic.url).content.decode()
    attributes, fallback = _note_markup(html, NOTE)
    assert 'lang="sv"' in attributes and 'dir="ltr"' in attributes and fallback

    # wagtail-localize offers the note to the translator as a segment of the event.
    source, _created = TranslationSource.update_or_create_from_instance(series)
    segment = StringSegment.objects.get(source=source, string__data=NOTE)
    translation = Translation.objects.get(source=source, target_locale__language_code="ar")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": ARABIC_NOTE, "translation_type": "manual"},
    )
    translation.save_target(publish=True)

    arabic_row.refresh_from_db()
    assert arabic_row.note == ARABIC_NOTE
    # The dates themselves stay the Swedish page's.
    assert arabic_row.original_date == swedish_row.original_date
    html = client.get(arabic.url).content.decode()
    attributes, fallback = _note_markup(html, ARABIC_NOTE)
    assert "lang=" not in attributes and not fallback
    assert NOTE not in html
    # The date's own page shows it too.
    with override("ar"):
        from django.urls import reverse

        date_url = reverse("events:date", args=[_cancelled(series).pk])
    html = client.get(date_url).content.decode()
    assert ARABIC_NOTE in html and 'data-field="change-note"' in html

    # The Swedish page keeps its Swedish note, unmarked.
    html = client.get(series.url).content.decode()
    attributes, fallback = _note_markup(html, NOTE)
    assert "lang=" not in attributes and not fallback


def test_a_change_added_after_the_translation_shows_the_swedish_note(series):
    arabic = translate(series, "ar", title="مقهى اللغة")
    first = next_tuesday_18()
    series.date_changes.add(
        EventDateChange(original_date=(first + timedelta(weeks=2)).date(), note="Flyttat")
    )
    series.save_revision().publish()
    with override("ar"):
        notes = date_change_notes(series, arabic)
    assert {note["text"]: (note["lang"], note["fallback"]) for note in notes.values()} == {
        NOTE: ("sv", True),
        "Flyttat": ("sv", True),
    }
    # On the Swedish page: Swedish, no notice.
    assert all(not note["fallback"] for note in date_change_notes(series).values())


def test_the_migration_keeps_notes_and_pairs_translated_rows(series):
    arabic = translate(series, "ar", title="مقهى اللغة")
    source, _created = TranslationSource.update_or_create_from_instance(series)
    # Before the migration: unrelated keys, no locale of their own (simulated on the rows
    # and in the stored source).
    for row in EventDateChange.objects.all():
        EventDateChange.objects.filter(pk=row.pk).update(
            translation_key=uuid.uuid4(), locale=Locale.objects.get(language_code="en")
        )
    content = json.loads(source.content_json)
    for item in content["date_changes"]:
        item.pop("translation_key", None)
        item.pop("locale", None)
    TranslationSource.objects.filter(pk=source.pk).update(content_json=json.dumps(content))

    migration = importlib.import_module("events.migrations.0012_translatable_date_changes")
    # The data step needs only the schema editor's connection.
    migration.fill(apps, SimpleNamespace(connection=connection))

    [swedish_row], [arabic_row] = series.date_changes.all(), arabic.date_changes.all()
    assert (swedish_row.note, arabic_row.note) == (NOTE, NOTE)
    assert swedish_row.translation_key == arabic_row.translation_key
    assert swedish_row.locale_id == series.locale_id and arabic_row.locale_id == arabic.locale_id
    source.refresh_from_db()
    [stored] = json.loads(source.content_json)["date_changes"]
    assert stored["translation_key"] == str(swedish_row.translation_key)
    assert stored["locale"] == series.locale_id
