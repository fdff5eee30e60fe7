"""Rendered cards kept per language and per the content they show.

A listing's rows (event dates, organisations, search results) are the same HTML
for everyone who reads the page in the same language until the row or what it
shows changes, yet every uncached render built each card again through Django's
template engine, which was most of a listing's cost. `rendered_cards` keeps each
card's HTML in the Django cache under a key made of

- the card template's own source (a changed template is a new key),
- the active language,
- what the caller says the card shows (`version_of(item)`: the row's loaded
  values, and for what lives elsewhere a generation counter that the places
  changing it bump),

so a stale card can never be served: a change is a new key, the old entry just
expires. Only the rows on the page are looked up (one `get_many`), so the cost
stays the same for any amount of data; the cards missing from the cache are built
together by the caller's `render_missing` and stored with one `set_many`.
"""

from __future__ import annotations

import functools
import hashlib

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from samverka.core.cache import keep_seconds

PREFIX = "samverka:card"


@functools.cache
def template_version(name: str) -> str:
    """A short digest of a template's source (read once per process)."""
    source = get_template(name).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def row_values(obj) -> tuple:
    """The values a model instance was loaded with (deferred fields left out)."""
    loaded = obj.__dict__
    return tuple(
        (field.attname, loaded[field.attname])
        for field in obj._meta.concrete_fields
        if field.attname in loaded
    )


def from_row_values(model, row):
    """The instance of `model` that `row_values` was read from (its loaded columns, the
    rest deferred), as the database would give it: for rows kept in the cache."""
    return model.from_db(
        model._default_manager.db, [name for name, _ in row], [value for _, value in row]
    )


def rendered_cards(
    template_name: str, items, version_of, render_missing, *shared
) -> list[SafeString]:
    """Each item's card HTML, in order, from the cache where it is there.

    `version_of(item)` gives what the card shows (anything with a stable `repr`);
    `shared` is added to every key (e.g. generation counters); `render_missing(items)`
    returns the HTML of the given items, in order.
    """
    items = list(items)
    head = f"{template_version(template_name)}:{translation.get_language()}:{shared!r}"
    keys = [
        f"{PREFIX}:{template_name}:"
        + hashlib.sha256(f"{head}|{version_of(item)!r}".encode()).hexdigest()
        for item in items
    ]
    html = kept(keys, items, lambda missing: [str(text) for text in render_missing(missing)])
    return [mark_safe(text) for text in html]  # noqa: S308 - our own rendered templates


def kept(keys: list[str], items: list, build_missing) -> list:
    """The value of each item, in order, from the cache under its key where it is there;
    `build_missing(items)` gives the values of the others, in order, which are stored
    (one `get_many`, one `set_many` for the whole list)."""
    if not items:
        return []
    found = cache.get_many(keys)
    missing = [(key, item) for key, item in zip(keys, items, strict=True) if key not in found]
    if missing:
        values = build_missing([item for _, item in missing])
        built = dict(zip([key for key, _ in missing], values, strict=True))
        cache.set_many(built, keep_seconds())
        found.update(built)
    return [found[key] for key in keys]


def render_each(template_name: str, name: str, items, context=None) -> list[str]:
    """`render_missing` for cards that need nothing but the item: one render per item
    of `template_name` with the item as `name`."""
    template = get_template(template_name)
    extra = context or {}
    return [template.render({**extra, name: item}) for item in items]


def select_options(choices, selected: str, mark_empty: bool = True) -> SafeString:
    """A <select>'s <option>s, written here rather than by Django's widget templates
    (one template per option) or a template loop with a tag per option: a filter of
    a hundred places or organisers cost more than the rest of the page.

    `choices` are (value, label) strings; a label that is a proper name kept in
    Swedish gets `name_langattrs`' marks (not the empty choice unless `mark_empty`).
    """
    choices = tuple((str(value), str(label)) for value, label in choices)
    selected = str(selected)
    if selected not in {value for value, _ in choices}:
        selected = "\x00"  # selects nothing, as the typed value did: no key per junk value
    return _options(choices, selected, mark_empty, translation.get_language())


@functools.lru_cache(maxsize=1024)
def _options(choices: tuple, selected: str, mark_empty: bool, language: str) -> SafeString:
    # A pure function of its arguments (the marks depend on the active language, given
    # here): the same filter is written once per process, not once per render.
    from django.utils.html import escape

    from samverka.core.templatetags.language_marks import name_langattrs

    parts = []
    for value, label in choices:
        marks = name_langattrs(label) if (value or mark_empty) else ""
        parts.append(
            f'<option value="{escape(value)}"{" selected" if value == selected else ""}'
            f"{marks}>{escape(label)}</option>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped


def bound_filter_fields(form, choices: dict, labels: dict | None = None) -> list[tuple]:
    """The `fields` of `filter_fields_html` for a bound filter form: each field's name,
    label (from `labels` when given), value as typed, choices and rendered errors."""
    return [
        (
            field.name,
            labels[field.name] if labels else field.label,
            "" if (value := field.value()) is None else value,
            choices.get(field.name),
            # An empty ErrorList still renders a template to say nothing.
            field.errors or "",
        )
        for field in form
    ]


def filter_fields_html(template_name: str, fields, mark_empty: bool = True, **extra) -> SafeString:
    """A GET filter form's fields, written by `template_name` from plain values and kept
    per process: the HTML is a pure function of what is passed here (each field's name,
    label, value, choices and rendered errors; `extra`) and the active language, so a
    filter asked again with the same choices costs a dictionary lookup instead of
    building Django's form fields and rendering them. Changed choices, labels or a
    changed template are other arguments, so nothing kept can be out of date.

    `fields` are `(name, label, value, choices or None, errors_html)`; the template gets
    each as a dict with `options` (the <option>s, `select_options` with `mark_empty`)
    and `extra`."""
    return _filter_fields_html(
        template_name,
        template_version(template_name),
        tuple(
            (
                str(name),
                str(label),
                str(value),
                None if choices is None else tuple((str(v), str(text)) for v, text in choices),
                str(errors),
            )
            for name, label, value, choices, errors in fields
        ),
        tuple(sorted((key, str(value)) for key, value in extra.items())),
        mark_empty,
        translation.get_language(),
    )


@functools.lru_cache(maxsize=256)
def _filter_fields_html(
    template_name: str, version: str, fields: tuple, extra: tuple, mark_empty: bool, language: str
) -> SafeString:
    fields_context = [
        {
            "name": name,
            "label": label,
            "value": value,
            "options": None
            if choices is None
            else select_options(choices, value, mark_empty=mark_empty),
            "errors": mark_safe(errors),  # noqa: S308 - Django's own rendered ErrorList
        }
        for name, label, value, choices, errors in fields
    ]
    html = get_template(template_name).render({"fields": fields_context, **dict(extra)})
    return mark_safe(html)  # noqa: S308 - our own rendered template
