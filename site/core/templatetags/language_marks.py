"""Language marking for any template (apps and the reference site alike): text shown in
another language than the page's carries `lang` and `dir`, so screen readers switch voice
and the text keeps its own direction.

    {% load language_marks %}
    <h2{% langattrs page %}>…</h2>   {{ place.name|lang_marked }}
"""

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


def direction_of(language_code):
    rtl = getattr(settings, "RTL_LANGUAGES", None) or settings.LANGUAGES_BIDI
    return "rtl" if language_code in rtl else "ltr"


def _language_of(obj) -> str:
    if obj is None or obj == "":
        return settings.LANGUAGE_CODE
    if isinstance(obj, str):
        return obj
    if isinstance(obj, dict):
        return obj.get("lang") or settings.LANGUAGE_CODE
    locale = getattr(obj, "locale", None)
    if locale is not None:
        return locale.language_code
    # Content without a language of its own (organisations, events' notes) is written
    # in Swedish until it is translated.
    return getattr(obj, "language_code", None) or settings.LANGUAGE_CODE


@register.simple_tag
def langattrs(obj=None):
    """` lang="sv" dir="ltr"` when `obj`'s text is in another language than the page's.

    `obj` is a page or snippet (its locale), a card dict (its "lang"), a language code,
    or nothing (Swedish source content). Used by every card, listing and heading that
    can show text in another language, so screen readers switch voice and the text
    keeps its own direction.
    """
    from django.utils.html import format_html

    code = _language_of(obj)
    if code == (translation.get_language() or settings.LANGUAGE_CODE):
        return ""
    return format_html(' lang="{}" dir="{}"', code, direction_of(code))


@register.simple_tag
def translated_field(obj, name):
    """A text field in the visitor's language, for models that keep their translations
    in `<name>_translations` ({"ar": "...", ...}: organisation descriptions, consent
    texts): {"text", "lang", "fallback"}. Without a translation the Swedish text is given,
    with lang "sv" (for `langattrs`) and `fallback` set (for the notice)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    source = getattr(obj, name, "") or ""
    text = ""
    if language != settings.LANGUAGE_CODE:
        text = ((getattr(obj, f"{name}_translations", None) or {}).get(language) or "").strip()
    if text:
        return {"text": text, "lang": language, "fallback": False}
    return {
        "text": source,
        "lang": settings.LANGUAGE_CODE,
        "fallback": bool(source) and language != settings.LANGUAGE_CODE,
    }


NON_LATIN_LANGUAGES = {"ar", "fa", "ti", "uk"}


def _latin_only(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ord(ch) < 0x250 for ch in letters)


@register.filter
def lang_marked(value, code=None):
    """`value` in a <span lang dir> when it is not in the page's language.

    With a language code, marks the text as that language whenever it differs from
    the page's. Without one, for proper names that translators usually keep (authorities,
    places, organisations, addresses): on a page written in another script (Arabic,
    Persian, Tigrinya, Ukrainian) text in Latin letters only is marked as Swedish.
    """
    from django.utils.html import conditional_escape, format_html

    if value in (None, ""):
        return ""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if code is None:
        if language not in NON_LATIN_LANGUAGES or not _latin_only(str(value)):
            return conditional_escape(value)
        code = settings.LANGUAGE_CODE
    if code == language:
        return conditional_escape(value)
    return format_html('<span lang="{}" dir="{}">{}</span>', code, direction_of(code), value)


@register.simple_tag
def name_langattrs(text):
    """` lang="sv" dir="ltr"` for a proper name kept in Swedish (see `lang_marked`), for
    elements that cannot hold a <span>, such as <option>."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language in NON_LATIN_LANGUAGES and _latin_only(str(text or "")):
        return langattrs(settings.LANGUAGE_CODE)
    return ""


@register.simple_tag(takes_context=True)
def locale_langattrs(context, locale_id):
    """`langattrs` for a row that carries only its locale's id (Wagtail's page reports):
    the locales are read once per rendering, not once per row."""
    from wagtail.models import Locale

    codes = context.render_context.get("locale_langattrs")
    if codes is None:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        context.render_context["locale_langattrs"] = codes
    return langattrs(codes.get(locale_id))
