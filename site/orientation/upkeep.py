"""The dashboard's upkeep panel (outdated translations, pages due for review), kept as
rendered HTML until what it shows can change.

The panel is the same for everyone who reads the dashboard in the same language on the
same day, and building it is two heavy queries over wagtail-localize's segments. Its
HTML is kept under a key made of

- the content generation (`samverka.core.cache`): every page saved (a draft too: the
  admin title, the review date), published, moved or deleted, and locales;
- the translation generation (`TRANSLATION_GENERATION_KEY`), bumped by every save and
  delete of a wagtail-localize model: a translator's string saved in the editor, a
  Swedish page's segments refreshed on publish (`sync_source`), a translation enabled
  or removed. wagtail-localize's own queryset updates (`.update(...)`) run only beside
  such a save or a page deleted, which bump it (or the content generation) too;
- today's date (a page falls due for review at midnight) and the language.

A generation is bumped again once the change is committed, so a render of the old
content between the two cannot keep it. With the local-memory cache an entry is kept
no longer than `samverka.core.cache.LOCAL_CACHE_MAX_SECONDS`, as the layout's.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone, translation

from samverka.core.cache import Generation, keep_seconds

TRANSLATION_GENERATION_KEY = "samverka:admin:upkeep:translations"
PREFIX = "samverka:admin:upkeep"


TRANSLATIONS = Generation(TRANSLATION_GENERATION_KEY)


def translation_generation() -> int:
    return TRANSLATIONS.current()


def on_translation_data_changed(sender, **kwargs) -> None:
    """Signal receiver: a wagtail-localize row was saved or deleted."""
    if sender._meta.app_label == "wagtail_localize":
        TRANSLATIONS.changed()


def kept_html(build) -> str:
    """`build()` (the panel's HTML) from the cache while nothing it shows has changed."""
    from samverka.core.cache import generation

    key = (
        f"{PREFIX}:{generation()}:{translation_generation()}:"
        f"{timezone.localdate().isoformat()}:{translation.get_language()}"
    )
    html = cache.get(key)
    if html is None:
        html = str(build())
        cache.set(key, html, keep_seconds())
    return html


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(on_translation_data_changed, dispatch_uid="samverka_upkeep_saved")
    post_delete.connect(on_translation_data_changed, dispatch_uid="samverka_upkeep_deleted")
