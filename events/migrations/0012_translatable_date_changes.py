"""Cancelled and moved dates become translatable rows, so wagtail-localize translates their
notes for participants instead of copying the Swedish note over every translation.

Every existing row keeps its note and gets its page's locale; the n-th row of a translated
event shares its translation key with the n-th row of the Swedish event (translations were
copies of the Swedish rows). Translation sources already stored for events get the same
keys in their stored copy of the rows, so the next synchronisation pairs the rows."""

import json
import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Row = apps.get_model("events", "EventDateChange")
    rows = list(Row.objects.order_by("page_id", "sort_order", "id"))
    pages = {
        page.id: page
        for page in Page.objects.filter(id__in={row.page_id for row in rows}).only(
            "id", "locale_id", "translation_key"
        )
    }
    by_page = {}
    for row in rows:
        by_page.setdefault(row.page_id, []).append(row)
    keys = {}
    for page_id, page_rows in sorted(by_page.items()):
        page = pages[page_id]
        shared = keys.setdefault(page.translation_key, [])
        for position, row in enumerate(page_rows):
            if position == len(shared):
                shared.append(uuid.uuid4())
            row.translation_key = shared[position]
            row.locale_id = page.locale_id
    Row.objects.bulk_update(rows, ["translation_key", "locale"], batch_size=500)

    # The stored copies of the rows in wagtail-localize's translation sources (a site that
    # uses the events app without wagtail-localize has none).
    try:
        Source = apps.get_model("wagtail_localize", "TranslationSource")
    except LookupError:
        return
    tables = schema_editor.connection.introspection.table_names()
    if Source._meta.db_table not in tables:
        return
    by_id = {row.id: row for row in rows}
    sources = Source.objects.filter(
        specific_content_type__app_label="events", specific_content_type__model="eventpage"
    )
    for source in sources:
        content = json.loads(source.content_json)
        changed = False
        for item in content.get("date_changes") or []:
            row = by_id.get(item.get("pk"))
            if row is not None:
                item["translation_key"] = str(row.translation_key)
                item["locale"] = row.locale_id
                changed = True
        if changed:
            source.content_json = json.dumps(content)
            source.save(update_fields=["content_json"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_slots_from_event_dates"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="eventdatechange",
            options={
                "abstract": False,
                "ordering": ["sort_order"],
                "verbose_name": "date change",
                "verbose_name_plural": "date changes",
            },
        ),
        migrations.AddField(
            model_name="eventdatechange",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="eventdatechange",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
