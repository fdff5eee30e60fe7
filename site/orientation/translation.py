"""Which translations are behind their Swedish source, and what visitors see.

simple_translation (in Wagtail) creates translations as ordinary pages that
share a `translation_key`. On top of it: publishing the Swedish source marks
every translation outdated; publishing a translation marks it current again.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page

from samverka.orientation.models import TranslationStatus


def source_locale_code() -> str:
    return settings.LANGUAGE_CODE


def record_publish(page) -> None:
    """Called after any page is published."""
    now = timezone.now()
    if page.locale.language_code == source_locale_code():
        translation_ids = list(
            Page.objects.filter(translation_key=page.translation_key)
            .exclude(locale_id=page.locale_id)
            .values_list("id", flat=True)
        )
        if not translation_ids:
            return
        with transaction.atomic():
            existing = set(
                TranslationStatus.objects.filter(page_id__in=translation_ids).values_list(
                    "page_id", flat=True
                )
            )
            TranslationStatus.objects.filter(page_id__in=existing).update(
                outdated=True, source_changed_at=now
            )
            TranslationStatus.objects.bulk_create(
                [
                    TranslationStatus(page_id=pk, outdated=True, source_changed_at=now)
                    for pk in translation_ids
                    if pk not in existing
                ]
            )
    else:
        TranslationStatus.objects.update_or_create(
            page_id=page.pk, defaults={"outdated": False, "synced_at": now}
        )


def outdated_translations():
    """Live translated pages whose Swedish source was published after them."""
    return (
        Page.objects.filter(translation_status__outdated=True)
        .select_related("locale", "translation_status")
        .order_by("-translation_status__source_changed_at", "title")
    )


def source_page(page):
    return (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=source_locale_code()
        )
        .live()
        .only("id", "title", "url_path", "path", "depth", "locale_id")
        .first()
    )


def translation_state(page, request=None) -> dict:
    """What the translation notice needs for this page (one or two queries).

    - `fallback`: the page is shown in another language than the visitor's
      (no translation yet);
    - `outdated` and `source_url`: a translation whose source changed since.
    """
    if page is None or not getattr(page, "pk", None):
        return {}
    language = translation.get_language() or settings.LANGUAGE_CODE
    page_language = page.locale.language_code
    state = {"page_language": page_language}
    if page_language != language:
        state["fallback"] = True
        return state
    if page_language == source_locale_code():
        return state
    if TranslationStatus.objects.filter(page_id=page.pk, outdated=True).exists():
        source = source_page(page)
        if source is not None:
            state["outdated"] = True
            state["source_url"] = source.get_url(request=request)
    return state
