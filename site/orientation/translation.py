"""Which translations are behind their Swedish source, and what visitors see.

Translations are managed by wagtail-localize: the Swedish page is the
`TranslationSource`, split into segments (a title, a paragraph, a list item);
each language's `Translation` holds one `StringTranslation` per segment.
Publishing the Swedish page refreshes its segments (`sync_source`): a paragraph
that changed becomes a new segment without a translation, and only that one is
outdated. A republish without change, or a new "last reviewed" date (not a
translatable field, see `apps.py`), leaves every translation as it was.

A translation is *outdated* while at least one segment of its source has no
usable translation in its language; it shows the Swedish text for those
segments until a translator fills them and publishes.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import translation
from wagtail.models import Page


def source_locale_code() -> str:
    return settings.LANGUAGE_CODE


# --- Keeping the source in step --------------------------------------------------------


def sync_source(page) -> bool:
    """Refresh the segments of a published Swedish page that has translations.

    Returns whether a source was refreshed. Untouched paragraphs keep their
    strings, so their translations stay valid.
    """
    from wagtail_localize.models import TranslationSource

    if page.locale.language_code != source_locale_code():
        return False
    if not TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).exists():
        return False
    TranslationSource.update_or_create_from_instance(page.specific)
    return True


# --- Adopting translations made before wagtail-localize ----------------------------------

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _shape(path: str) -> str:
    """A segment path without StreamField block ids, which differ between the copies."""
    return UUID.sub("*", path)


def _string_segments(instance):
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    by_shape: dict[str, list] = {}
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_shape.setdefault(_shape(segment.path), []).append(segment)
    return by_shape


def normalise_streams(page) -> bool:
    """Store the page's StreamFields with an id on every list item, in the page row and
    in its latest and live revisions.

    Content written as plain lists (the demo, scripts, old revisions) gets new random
    list-item ids each time it is loaded; wagtail-localize names segments by those ids,
    so the first save in the editor would otherwise make every list item look new.
    Returns whether the page has StreamFields. No new revision is made.
    """
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from wagtail.fields import StreamField

    def prepared(instance):
        values = {}
        for model_field in instance._meta.concrete_fields:
            if isinstance(model_field, StreamField):
                value = getattr(instance, model_field.name)
                for child in value:
                    child.value  # noqa: B018 - binding the block gives list items their ids
                values[model_field.name] = (model_field, value)
        return values

    page = page.specific
    streams = prepared(page)
    if not streams:
        return False
    type(page).objects.filter(pk=page.pk).update(
        **{name: value for name, (_field, value) in streams.items()}
    )
    for revision in {page.latest_revision, page.live_revision} - {None}:
        for name, (model_field, value) in prepared(revision.as_object()).items():
            if name in revision.content:
                data = model_field.get_prep_value(value)
                stored = revision.content[name]
                revision.content[name] = (
                    json.dumps(data, cls=DjangoJSONEncoder) if isinstance(stored, str) else data
                )
        revision.save(update_fields=["content"])
    return True


@dataclass
class Adoption:
    source: object
    target: object
    matched: int = 0
    unmatched: list = field(default_factory=list)


@transaction.atomic
def adopt_translation(source_page, target_page) -> Adoption:
    """Record an existing translated page in wagtail-localize, keeping its text.

    The Swedish page becomes the translation source; every segment of it is paired
    with the segment in the same place of the translated page (the n-th paragraph of
    a field or block with the n-th), and that text becomes the segment's
    translation. Nothing on either page changes. Segments that cannot be paired
    (the translation has another number of paragraphs there) are listed in
    `unmatched` and stay untranslated.
    """
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    for page in (source_page, target_page):
        normalise_streams(page)
    source_page = Page.objects.get(pk=source_page.pk).specific
    target_page = Page.objects.get(pk=target_page.pk).specific
    result = Adoption(source_page, target_page)
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    Translation.objects.get_or_create(
        source=source, target_locale_id=target_page.locale_id, defaults={"enabled": True}
    )
    ours = _string_segments(source_page)
    theirs = _string_segments(target_page)
    # The source's segments in the order extraction gives them, with their contexts.
    stored = {
        (segment.context.path, segment.string.data): segment
        for segment in StringSegment.objects.filter(source=source).select_related(
            "context", "string"
        )
    }
    for shape, segments in ours.items():
        translated = theirs.get(shape, [])
        # Rows of a translated page copied with `copy_for_translation` keep their
        # translation keys, so their segments have the same path: paired by path, whatever
        # order the database returns the rows in. Otherwise the n-th with the n-th.
        # (The paragraphs of one rich-text field share their path: those go by order.)
        by_path = {segment.path: segment for segment in translated}
        unique = len(by_path) == len(translated) == len({segment.path for segment in segments})
        if unique and all(segment.path in by_path for segment in segments):
            translated = [by_path[segment.path] for segment in segments]
        elif len(translated) != len(segments):
            result.unmatched.extend(segment.path for segment in segments)
            continue
        for mine, their in zip(segments, translated, strict=True):
            string_segment = stored.get((mine.path, mine.string.data))
            if string_segment is None:
                result.unmatched.append(mine.path)
                continue
            StringTranslation.objects.update_or_create(
                translation_of=string_segment.string,
                locale_id=target_page.locale_id,
                context=string_segment.context,
                defaults={
                    "data": their.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "",
                    "has_error": False,
                    "field_error": "",
                },
            )
            result.matched += 1
    return result


def adopt_all(report=None, app_labels=None) -> list[Adoption]:
    """Adopt every translated page that wagtail-localize does not know yet (of the page
    types of `app_labels`, default all)."""
    from wagtail_localize.models import Translation

    results = []
    sources = Page.objects.filter(locale__language_code=source_locale_code()).order_by("path")
    if app_labels is not None:
        sources = sources.filter(content_type__app_label__in=app_labels)
    for source in sources:
        translations = Page.objects.filter(translation_key=source.translation_key).exclude(
            locale_id=source.locale_id
        )
        for target in translations.select_related("locale"):
            if Translation.objects.filter(
                source__object_id=source.translation_key,
                source__locale_id=source.locale_id,
                target_locale_id=target.locale_id,
            ).exists():
                continue
            adoption = adopt_translation(source, target)
            results.append(adoption)
            if report:
                report(
                    f"  {source.url_path} ({target.locale.language_code}): "
                    f"{adoption.matched} segments"
                    + (f", {len(adoption.unmatched)} unmatched" if adoption.unmatched else "")
                )
    return results


# --- Progress and outdated translations --------------------------------------------------


def _missing_segments():
    """Source segments of the outer page's Swedish page that have no usable translation
    in the outer page's locale (a subquery of a Page queryset)."""
    from wagtail_localize.models import StringSegment, StringTranslation

    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("locale_id")),
        has_error=False,
    )
    return StringSegment.objects.filter(
        source__object_id=OuterRef("translation_key"),
        source__locale__language_code=source_locale_code(),
        source__translations__target_locale_id=OuterRef("locale_id"),
        source__translations__enabled=True,
    ).exclude(Exists(translated))


def outdated_translations():
    """Translated pages with at least one segment of their Swedish page untranslated,
    the most recently changed source first (one query)."""
    from wagtail_localize.models import TranslationSource

    changed = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale__language_code=source_locale_code()
    ).values("last_updated_at")[:1]
    missing = _missing_segments()
    missing_count = (
        missing.order_by().values("source_id").annotate(count=Count("id")).values("count")[:1]
    )
    return (
        Page.objects.exclude(locale__language_code=source_locale_code())
        .filter(Exists(missing))
        .annotate(source_changed_at=Subquery(changed), missing_segments=Subquery(missing_count))
        .select_related("locale")
        .order_by("-source_changed_at", "title")
    )


@dataclass
class Progress:
    total: int = 0
    translated: int = 0
    machine: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.translated

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.translated / self.total)


def translation_progress(page) -> Progress | None:
    """Segments of the Swedish page, how many are translated into `page`'s language and
    how many of those by a machine and not yet reviewed by a person (two queries).

    None when the page is not a translation managed by wagtail-localize.
    """
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    if page.locale.language_code == source_locale_code():
        return None
    managed = Translation.objects.filter(
        source__object_id=page.translation_key,
        source__locale__language_code=source_locale_code(),
        target_locale_id=page.locale_id,
        enabled=True,
    ).values("source_id")[:1]
    translations = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=page.locale_id,
        has_error=False,
    )
    counts = StringSegment.objects.filter(source_id__in=Subquery(managed)).aggregate(
        total=Count("id"),
        translated=Count("id", filter=Q(Exists(translations))),
        machine=Count(
            "id",
            filter=Q(
                Exists(
                    translations.filter(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
                )
            ),
        ),
    )
    if not counts["total"]:
        return None
    return Progress(**counts)


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
    """What the translation notice needs for this page (one to three queries).

    - `fallback`: the page is shown in another language than the visitor's
      (no translation yet);
    - `outdated` and `source_url`: a translation with segments that changed in
      the Swedish page since and are not yet translated;
    - `machine` (with `source_url`): some of the text was translated by a machine and
      no person has reviewed it yet (edited it in the translation editor).
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
    progress = translation_progress(page)
    if progress is None:
        return state
    if progress.machine:
        state["machine"] = True
    if progress.missing or progress.machine:
        source = source_page(page)
        if source is not None:
            if progress.missing:
                state["outdated"] = True
            state["source_url"] = source.get_url(request=request)
    return state
