"""Existing translations (simple_translation: pages sharing a translation_key) become
wagtail-localize translations with their text kept, segment by segment, so none shows
as untranslated. The page tables are not changed.

Uses the real models (wagtail-localize extracts segments from page instances and their
StreamField blocks, which historical models do not have), so it runs after every schema
migration of the page types it reads (home and orientation): a later migration that adds a
column to those pages must come before this one in their graph, or run this again after it
(`manage.py adopt_translations` does the same for every page type, at any time). Running it
again changes nothing. On a new database there are no pages and it does nothing.
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
        ("orientation", "0006_merge_20261130_0605"),
        ("home", "0002_accessibility_statement_and_footer"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(adopt, migrations.RunPython.noop, elidable=True)]
