"""Opening hours, exceptions and actors become translatable rows (wagtail-localize
translates their notes and descriptions segment by segment instead of copying the
Swedish rows over the translation). Each row gets its page's locale; the n-th row of a
translated page shares its translation key with the n-th row of the Swedish page."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["openinghours", "openingexception", "meetingplaceactor"]


def fill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    for name in MODELS:
        Row = apps.get_model("orientation", name)
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
        # The n-th row of every page with one translation key gets the same key.
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


class Migration(migrations.Migration):
    dependencies = [
        ("orientation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *[
            operation
            for name in MODELS
            for operation in (
                migrations.AddField(
                    model_name=name,
                    name="translation_key",
                    field=models.UUIDField(editable=False, null=True),
                ),
                migrations.AddField(
                    model_name=name,
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
            )
        ],
        migrations.RunPython(fill, migrations.RunPython.noop),
        *[
            operation
            for name in MODELS
            for operation in (
                migrations.AlterField(
                    model_name=name,
                    name="translation_key",
                    field=models.UUIDField(default=uuid.uuid4, editable=False),
                ),
                migrations.AlterField(
                    model_name=name,
                    name="locale",
                    field=models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                migrations.AlterUniqueTogether(
                    name=name, unique_together={("translation_key", "locale")}
                ),
            )
        ],
    ]
