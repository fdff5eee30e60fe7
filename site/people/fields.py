"""Model fields for lists from the vocabulary, edited as checkboxes and selects, never as JSON.

`ChoiceListField` stores a list of codes (interests, availability, roles, goals, districts);
`LanguageLevelsField` stores languages with a level, ``{"ar": 5, "sv": 2}``. Both are JSON in
the database (so existing rows and queries keep working) and render as checkboxes or one level
select per language in every model form: the Wagtail admin and the public forms alike.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import vocabulary

# Named lists a field can use; the name (not the list) goes into migrations, so a new
# interest or language never needs a migration.
VOCABULARIES = {
    "languages": vocabulary.language_choices,
    "interests": lambda: list(vocabulary.INTERESTS),
    "availability": lambda: list(vocabulary.AVAILABILITY_CHOICES),
    "districts": lambda: vocabulary.district_choices(blank=False),
}


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes laid out in columns (see static/css), for lists of more than a few items."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "checkbox-list", **(attrs or {})}, choices)


class ChoiceList(list):
    """A stored list of codes that prints as its labels ("Kompis, Praktikmentor"): wherever
    the admin shows the value as text (inspect views, listings), never ``['buddy', ...]``."""

    labels: dict = {}

    def __str__(self):
        return ", ".join(str(self.labels.get(item, item)) for item in self)


class LanguageLevels(dict):
    """Stored language levels that print as "Svenska 5, Somaliska 2", never as a dict."""

    def __str__(self):
        return ", ".join(
            f"{vocabulary.language_name(code)} {level}"
            for code, level in sorted(self.items(), key=lambda item: -int(item[1] or 0))
        )


class ChoiceListFormField(forms.MultipleChoiceField):
    widget = CheckboxList

    def __init__(self, *, choices=(), **kwargs):
        for name in ("max_length", "encoder", "decoder", "empty_value"):
            kwargs.pop(name, None)
        super().__init__(choices=choices, **kwargs)

    def prepare_value(self, value):
        return list(value or [])


class ChoiceListField(models.JSONField):
    """A list of codes from one vocabulary (``vocabulary="interests"``) or from fixed
    ``item_choices`` (a model's TextChoices)."""

    def __init__(self, *args, vocabulary=None, item_choices=None, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        self.vocabulary = vocabulary
        self.item_choices = list(item_choices) if item_choices is not None else None
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.vocabulary:
            kwargs["vocabulary"] = self.vocabulary
        if self.item_choices is not None:
            kwargs["item_choices"] = self.item_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        if not isinstance(value, list):
            return value
        shown = ChoiceList(value)
        shown.labels = dict(self.get_item_choices())
        return shown

    def get_item_choices(self) -> list:
        if self.vocabulary:
            return VOCABULARIES[self.vocabulary]()
        return list(self.item_choices or [])

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in self.empty_values:
            return
        if not isinstance(value, list):
            raise ValidationError(_("Choose from the list."), code="invalid_list")
        known = {str(code) for code, _label in self.get_item_choices()}
        unknown = sorted({str(item) for item in value} - known)
        if unknown:
            raise ValidationError(
                _("Not in the list: %(values)s"),
                code="unknown_choice",
                params={"values": ", ".join(unknown)},
            )

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": ChoiceListFormField,
                "choices": self.get_item_choices(),
                "required": not self.blank,
                **kwargs,
            }
        )


class LanguageLevelsWidget(forms.MultiWidget):
    """One level select per language in the vocabulary, each labelled with the language."""

    template_name = "people/widgets/language_levels.html"

    def __init__(self, attrs=None, codes=None):
        self.codes = list(codes or [code for code, _label in vocabulary.LANGUAGES])
        choices = [("", _("Not spoken"))] + [(str(n), label) for n, label in vocabulary.LEVELS]
        super().__init__([forms.Select(choices=choices) for _code in self.codes], attrs)
        self.widgets_names = [f"_{code}" for code in self.codes]

    def decompress(self, value):
        value = value or {}
        return [str(value.get(code, "")) for code in self.codes]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, subwidget in zip(self.codes, context["widget"]["subwidgets"], strict=True):
            subwidget["language"] = vocabulary.language_name(code)
        return context


class LanguageLevelsFormField(forms.Field):
    widget = LanguageLevelsWidget
    default_error_messages = {"invalid_level": _("Choose a level from 1 to 5.")}

    def __init__(self, *, codes=None, **kwargs):
        for name in ("max_length", "encoder", "decoder", "empty_value"):
            kwargs.pop(name, None)
        self.codes = codes
        kwargs.setdefault("widget", LanguageLevelsWidget(codes=codes))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, dict):
            items = value.items()
        else:
            codes = self.widget.codes
            items = zip(codes, value or [""] * len(codes), strict=False)
        levels = {}
        for code, level in items:
            if level in ("", None):
                continue
            try:
                level = int(level)
            except (TypeError, ValueError):
                raise ValidationError(
                    self.error_messages["invalid_level"], code="invalid_level"
                ) from None
            if not 1 <= level <= 5:
                raise ValidationError(
                    self.error_messages["invalid_level"], code="invalid_level"
                ) from None
            levels[code] = level
        return levels

    def prepare_value(self, value):
        return value or {}

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (initial or {})
        except ValidationError:
            return True


def validate_language_levels(value):
    if not isinstance(value, dict) or any(
        code not in vocabulary.LANGUAGE_CODES or not isinstance(level, int) or not 1 <= level <= 5
        for code, level in value.items()
    ):
        raise ValidationError(_("Each language needs a level from 1 to 5."), code="invalid_levels")


class LanguageLevelsField(models.JSONField):
    """Languages with a level 1 (a few words) to 5 (mother tongue): ``{"ar": 5, "sv": 2}``."""

    default_validators = [validate_language_levels]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is dict:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return LanguageLevels(value) if isinstance(value, dict) else value

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": LanguageLevelsFormField, "required": not self.blank, **kwargs}
        )


# --------------------------------------------------------------------------------------
# The language picker of the public forms: tick languages, then give a level for each
# --------------------------------------------------------------------------------------

LEVEL_FIELD = "language_{code}"


class LanguagePicker(CheckboxList):
    """Checkboxes over the one language list, each with the language's own name (marked with
    its language), and a search box that filters them when JavaScript runs
    (static/js/language-picker.js); without it, the whole list is there to tick."""

    template_name = "people/widgets/language_picker.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "checkbox-list language-picker__list", **(attrs or {})}, choices)


def language_picker_choices(exclude=()) -> list[tuple[str, str]]:
    from django.utils.html import format_html

    choices = []
    for code, name in vocabulary.LANGUAGES:
        if code in exclude:
            continue
        own = vocabulary.ENDONYMS.get(code, "")
        if own and own.casefold() != str(name).casefold():
            direction = "rtl" if code in vocabulary.RIGHT_TO_LEFT else "ltr"
            label = format_html(
                '{} <span lang="{}" dir="{}">({})</span>', name, code, direction, own
            )
        else:
            label = format_html("{}", name)
        choices.append((code, label))
    return choices


class LanguagePickerField(forms.MultipleChoiceField):
    widget = LanguagePicker

    def __init__(self, *, exclude=(), **kwargs):
        self.exclude = tuple(exclude)
        kwargs.setdefault("label", _("Which languages do you speak?"))
        kwargs.setdefault("required", False)
        super().__init__(choices=language_picker_choices(self.exclude), **kwargs)


def chosen_languages(form, name: str = "languages") -> list[str]:
    """The codes ticked in the picker: from the post when bound, else from the initial."""
    if form.is_bound:
        getlist = getattr(form.data, "getlist", None)
        key = form.add_prefix(name)
        values = getlist(key) if getlist else form.data.get(key, [])
    else:
        values = form.initial.get(name) or form.fields[name].initial or []
    if isinstance(values, str):
        values = [values]
    known = {code for code, _label in form.fields[name].choices}
    return [code for code, _label in vocabulary.LANGUAGES if code in set(values) & known]


def add_level_fields(form, *, name: str = "languages", label=None, levels=None) -> None:
    """One required level select per chosen language, ``language_<code>``."""
    levels = levels or {}
    label = label or _("%(language)s: how well?")
    for code in chosen_languages(form, name):
        form.fields[LEVEL_FIELD.format(code=code)] = forms.ChoiceField(
            label=label % {"language": vocabulary.language_name(code)},
            choices=[("", _("Choose a level"))]
            + [(str(n), level) for n, level in vocabulary.LEVELS],
            initial=str(levels.get(code, "")),
            error_messages={"required": _("Choose how well you speak this language.")},
        )


def picked_levels(form, name: str = "languages") -> dict[str, int]:
    """``{code: level}`` from a cleaned form with a picker and its level fields."""
    levels = {}
    for code in form.cleaned_data.get(name) or []:
        level = form.cleaned_data.get(LEVEL_FIELD.format(code=code))
        if level:
            levels[code] = int(level)
    return levels


# What browsers may fill in for the visitor (WCAG 1.3.5, identify input purpose): field name
# to autocomplete token, for every public form.
AUTOCOMPLETE = {
    "name": "name",
    "first_name": "given-name",
    "last_name": "family-name",
    "email": "email",
    "phone": "tel",
    "postcode": "postal-code",
    "street_address": "street-address",
    "city": "address-level2",
    "birth_year": "bday-year",
    "contact_name": "name",
    "contact_email": "email",
    "contact_phone": "tel",
}


def mark_autocomplete(form) -> None:
    """Give the form's personal inputs their autocomplete purpose (and phones a tel keypad)."""
    for name, purpose in AUTOCOMPLETE.items():
        field = form.fields.get(name)
        if field is None:
            continue
        field.widget.attrs.setdefault("autocomplete", purpose)
        if purpose == "tel" and getattr(field.widget, "input_type", "") == "text":
            field.widget.input_type = "tel"


class AvailabilityGrid(forms.CheckboxSelectMultiple):
    """The weekly slots as a table: a row per day, a column per part of the day, a checkbox
    in each cell (named for screen readers "Monday morning"). Seven rows instead of 21."""

    template_name = "people/widgets/availability_grid.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = {
            option["value"]: option
            for _group, group_options, _index in context["widget"]["optgroups"]
            for option in group_options
        }
        context["widget"]["parts"] = [label for _code, label in vocabulary.DAY_PARTS]
        context["widget"]["rows"] = [
            (
                day_label,
                [options.get(f"{day}_{part}") for part, _label in vocabulary.DAY_PARTS],
            )
            for day, day_label in vocabulary.WEEKDAYS
        ]
        return context


def limit_birth_year(form, name: str = "birth_year") -> None:
    """A birth year someone alive and old enough to fill in the form can have."""
    from django.core.validators import MaxValueValidator, MinValueValidator
    from django.utils import timezone

    field = form.fields.get(name)
    if field is None:
        return
    this_year = timezone.localdate().year
    message = _("Write the year you were born with four digits, for example 1990.")
    field.validators += [
        MinValueValidator(this_year - 110, message=message),
        MaxValueValidator(this_year - 10, message=message),
    ]
    field.widget.attrs.update({"inputmode": "numeric"})
