"""The date changes' translation keys and locales, filled by 0012, become required and
unique per language (a migration of its own, so that PostgreSQL alters the columns after
the rows were written, in another transaction)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_translatable_date_changes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="eventdatechange",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="eventdatechange",
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
            name="eventdatechange", unique_together={("translation_key", "locale")}
        ),
    ]
