"""Existing translations (simple_translation: pages sharing a translation_key) become
wagtail-localize translations with their text kept, segment by segment, so none shows
as untranslated. The page tables are not changed.

Uses the real models (wagtail-localize extracts segments from page instances and their
StreamField blocks, which historical models do not have), so only the page types whose
migrations run before this one: home and orientation. `manage.py adopt_translations`
does the same for every other page type. On a new database there are no pages and it
does nothing.
"""

from django.db import migrations


def adopt(apps, schema_editor):
    from wagtail.models import Page

    if not Page.objects.exists():
        return
    from samverka.orientation.translation import adopt_all

    adopt_all(app_labels=["home", "orientation"])


class Migration(migrations.Migration):
    dependencies = [
        ("orientation", "0002_translatable_meeting_place_rows"),
        ("home", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(adopt, migrations.RunPython.noop, elidable=True)]
