"""Inspect views show values as people read them (samverka.core.inspect.readable)."""

from django.utils import translation

from associations.models import Organisation
from samverka.core.inspect import EMPTY, readable
from samverka.people.fields import ChoiceList


def test_yes_no_dash_instead_of_python():
    with translation.override("sv"):
        assert str(readable(True)) == "Ja"
        assert str(readable(False)) == "Nej"
    assert readable(None) == EMPTY
    assert readable("") == EMPTY
    assert readable([]) == EMPTY
    assert readable({}) == EMPTY
    assert readable(3) == 3


def test_lists_by_their_labels():
    field = Organisation._meta.get_field("kind")
    code, label = field.choices[0]
    assert readable([code, "unknown"], field) == f"{label}, unknown"
    assert readable(["Ålunda centrum", "Västerby"]) == "Ålunda centrum, Västerby"
    shown = ChoiceList(["buddy"])
    shown.labels = {"buddy": "Kompis"}
    assert readable(shown) == "Kompis"


def test_texts_per_language_each_marked_with_its_language():
    with translation.override("sv"):
        html = str(readable({"en": "Hello", "ar": "مرحبا"}))
    assert '<dd lang="en" dir="ltr">Hello</dd>' in html
    assert '<dd lang="ar" dir="rtl">مرحبا</dd>' in html
    assert "{" not in html and "'en'" not in html
