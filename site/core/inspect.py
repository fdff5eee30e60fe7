"""Inspect views that show values as people read them: "Ja"/"Nej" rather than True/False,
a dash rather than None, a list as its labels, texts kept per language as one line each,
never Python's or JSON's way of writing a value."""

from __future__ import annotations

from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import InspectView

EMPTY = "–"


def _language_name(code: str) -> str:
    names = dict(settings.LANGUAGES)
    name = names.get(code)
    if name is None:
        return code
    from django.utils.translation import get_language_info

    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return str(name)


def readable(value, field=None):
    """`value` as text for a staff member; `field` gives the labels of stored codes."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (list, tuple, dict)) and type(value) not in (list, tuple, dict):
        return str(value) or EMPTY  # a stored list or dict that prints its own labels
    if isinstance(value, dict):
        if not value:
            return EMPTY
        # Texts per language ({"en": "…", "ar": "…"}): each in its own language's marks.
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                '<dt>{}</dt><dd lang="{}" dir="{}">{}</dd>',
                (
                    (
                        _language_name(code),
                        code,
                        "rtl" if code in settings.LANGUAGES_BIDI else "ltr",
                        text,
                    )
                    for code, text in value.items()
                ),
            ),
        )
    if isinstance(value, (list, tuple)):
        labels = {}
        if field is not None:
            choices = getattr(field, "get_item_choices", None)
            labels = dict(choices() if choices else getattr(field, "choices", None) or [])
        return ", ".join(str(labels.get(item, item)) for item in value) or EMPTY
    return value


class ReadableInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        return readable(super().get_field_display_value(field_name, field), field)
