"""The migration to wagtail-localize keeps every demo translation, page by page and
language by language: nothing lost, nothing shown as untranslated, and republishing each
translation through wagtail-localize gives the same text as before."""

import importlib
import re
from html import unescape

import pytest
from django.apps import apps
from django.test import TestCase
from django.utils import translation
from wagtail.models import Page

from samverka.orientation.translation import translation_progress, translation_state

migration = importlib.import_module("samverka.orientation.migrations.0007_adopt_translations")


def _visible_text(html: str) -> str:
    """The article's text, without tags and whitespace differences."""
    match = re.search(r"<main.*?</main>", html, re.S)
    text = re.sub(r"<[^>]+>", " ", match.group(0) if match else html)
    return " ".join(unescape(text).split())


class AdoptionMigrationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from samverka.home.demo import seed_home
        from samverka.orientation.demo import SEEDERS

        seed_home(lambda message: None)
        for seed in SEEDERS:
            seed(lambda message: None)
        # Back to the state before the migration: translated pages that only share a
        # translation key (as simple_translation left them), no wagtail-localize records.
        from wagtail_localize import models as localize

        for model in (
            localize.StringTranslation,
            localize.Translation,
            localize.TranslationSource,
            localize.TranslationContext,
            localize.String,
            localize.Template,
            localize.TranslatableObject,
        ):
            model.objects.all().delete()

    def _translated_pages(self):
        return [
            page.specific
            for page in Page.objects.exclude(locale__language_code="sv")
            .filter(depth__gt=1)
            .select_related("locale")
            .order_by("path")
        ]

    def _render(self, page):
        code = page.locale.language_code
        with translation.override(code):
            url = page.get_url()
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return _visible_text(response.content.decode())

    def test_every_translation_is_kept_page_by_page_and_language_by_language(self):
        pages = self._translated_pages()
        languages = {page.locale.language_code for page in pages}
        self.assertGreaterEqual(languages, {"en", "ar", "fa", "so", "ti", "uk"} & languages)
        self.assertGreater(len(pages), 20)
        before = {
            (page.translation_key, page.locale.language_code): self._render(page) for page in pages
        }

        migration.adopt(apps, None)

        from wagtail_localize.models import Translation

        after = {}
        for page in self._translated_pages():
            key = (page.translation_key, page.locale.language_code)
            with self.subTest(page=page.url_path, language=key[1]):
                progress = translation_progress(page)
                self.assertIsNotNone(progress, "not recorded in wagtail-localize")
                self.assertEqual(progress.missing, 0, "segments shown as untranslated")
                with translation.override(key[1]):
                    self.assertNotIn("outdated", translation_state(page))
                # Republish through wagtail-localize: the text a visitor reads is the same.
                Translation.objects.get(
                    source__object_id=page.translation_key,
                    target_locale_id=page.locale_id,
                ).save_target(publish=True)
                after[key] = self._render(Page.objects.get(pk=page.pk).specific)
                self.assertEqual(after[key], before[key])
        self.assertEqual(set(after), set(before))

    def test_running_it_again_changes_nothing(self):
        from wagtail_localize.models import StringTranslation, Translation

        migration.adopt(apps, None)
        counts = (Translation.objects.count(), StringTranslation.objects.count())
        migration.adopt(apps, None)
        self.assertEqual((Translation.objects.count(), StringTranslation.objects.count()), counts)


@pytest.mark.django_db
def test_adoption_runs_after_every_schema_change_of_the_pages_it_reads():
    """The adoption loads the real page models, so every migration that changes the tables of
    home's and orientation's pages must run before it (a database of the previous release
    failed on a column added by a migration on another branch of the graph)."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython, RunSQL

    loader = MigrationLoader(None, ignore_no_migrations=True)
    target = ("orientation", "0007_adopt_translations")
    before = set(loader.graph.forwards_plan(target))
    changing_schema = [
        key
        for key, migration in loader.disk_migrations.items()
        if key[0] in {"home", "orientation"}
        and key != target
        and any(not isinstance(op, RunPython | RunSQL) for op in migration.operations)
    ]
    assert changing_schema
    assert [key for key in changing_schema if key not in before] == []
