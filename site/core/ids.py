"""Database ids read from a query string or a form, checked before any query sees them.

A primary key is a signed 64-bit integer. SQLite raises OverflowError (a 500) for a larger
Python int, PostgreSQL a DataError, and a NUL byte or a Unicode digit such as "²" passes
``str.isdigit`` but not ``int``. Every id that arrives from outside goes through
``parse_id`` (views) or the fields below (forms and django-filter), so junk becomes
"no such choice" instead of a server error.
"""

from __future__ import annotations

import django_filters
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """A positive id within the database's range, or None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip() if value is not None else ""
        if not (text.isascii() and text.isdigit()) or len(text) > 19:
            return None
        number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdField(forms.IntegerField):
    """An integer form field that only accepts what can be a primary key."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdChoiceMixin:
    """For model choice fields by primary key: an impossible key is an invalid choice, and
    no query is made for it."""

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        if getattr(self, "null_label", None) is not None and value == self.null_value:
            return super().to_python(value)
        if self.to_field_name in (None, "pk", "id") and parse_id(value) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    pass


class IdChoiceFilterField(IdChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's ModelChoiceFilter with ``IdChoiceMixin``: every id filter uses this."""

    field_class = IdChoiceFilterField
