"""The adoption of existing translations into wagtail-localize ran here first; it now runs in
0007_adopt_translations, after every schema change of the page types it reads.

It uses the real models (wagtail-localize extracts segments from page instances), so it
must run when their tables have every column the models have: here, on a database of the
previous release, `orientation.0002_municipality` had not yet added
`MeetingPlacePage.municipality` and loading a meeting place failed. This migration is kept
(empty) so databases that recorded it stay consistent.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orientation", "0002_translatable_meeting_place_rows"),
        ("home", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = []
