"""One vocabulary, and lists edited as checkboxes and selects: never as JSON."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from associations.models import Volunteer
from samverka.people import vocabulary
from samverka.people.fields import LanguageLevelsFormField

from .conftest import make_person


@translation.override("en")
def test_one_language_list_without_duplicates_persian_and_dari_once_each():
    codes = [code for code, _label in vocabulary.LANGUAGES]
    assert len(codes) == len(set(codes))
    assert vocabulary.language_name("fa") == "Persian"
    assert vocabulary.language_name("prs") == "Dari"
    assert set(vocabulary.FORM_LANGUAGES) <= set(codes)
    from events.admin_forms import EVENT_LANGUAGES
    from mentors.internships.forms import WORK_LANGUAGES

    for other in (EVENT_LANGUAGES, WORK_LANGUAGES):
        assert {code for code, _label in other} <= set(codes)
        assert "Persian/Dari" not in [str(label) for _code, label in other]


def test_labels_follow_the_request_language():
    label = dict(vocabulary.LANGUAGES)["ar"]
    with translation.override("sv"):
        swedish = str(label)
    with translation.override("en"):
        assert str(label) == "Arabic"
    assert swedish == "Arabiska"


@pytest.mark.django_db  # the districts are the municipalities', in the database
def test_districts_are_read_through_one_function():
    from associations.districts import centroid, districts

    assert districts() == vocabulary.districts()
    assert "Västerby" in districts()  # the migrated municipality's districts, from the database
    assert centroid("Västerby") == vocabulary.districts()["Västerby"]
    assert centroid("Nowhere") == (None, None)


def test_interest_codes_read_old_free_text():
    assert vocabulary.interest_codes(["Fotboll", "cooking", " schack "]) == {
        "football",
        "cooking",
        "chess",
    }


@pytest.mark.django_db
def test_list_fields_refuse_unknown_codes_and_bad_levels():
    person = make_person(languages={"xx": 3})
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "languages" in error.value.message_dict
    volunteer = Volunteer(first_name="Eva", interests=["football", "knitting"], languages={})
    with pytest.raises(ValidationError) as error:
        volunteer.full_clean()
    assert "knitting" in str(error.value.message_dict["interests"])


def test_language_levels_form_field_reads_one_select_per_language():
    field = LanguageLevelsFormField()
    data = {f"languages_{code}": "" for code in vocabulary.LANGUAGE_CODES}
    data.update({"languages_ar": "5", "languages_sv": "2"})
    value = field.widget.value_from_datadict(data, {}, "languages")
    assert field.clean(value) == {"ar": 5, "sv": 2}
    data["languages_so"] = "9"
    with pytest.raises(ValidationError):
        field.clean(field.widget.value_from_datadict(data, {}, "languages"))


@pytest.mark.django_db
def test_no_json_in_the_admin_forms_for_people_newcomers_and_volunteers(coordinator_client):
    from mentors.models import Newcomer

    newcomer = Newcomer.objects.register(
        first_name="Amal", phone="0701112233", interests=["cooking"], goals=["job"]
    )
    volunteer = Volunteer.objects.create(first_name="Eva", languages={"sv": 5})
    for url in (
        reverse("newcomers:edit", args=[newcomer.pk]),
        reverse("volunteer:edit", args=[volunteer.pk]),
    ):
        html = coordinator_client.get(url).content.decode()
        assert 'type="checkbox"' in html, url
        for name in ("languages", "interests", "availability", "goals", "roles"):
            assert f'<textarea name="{name}"' not in html, (url, name)  # no JSON box
    html = coordinator_client.get(reverse("persons:edit", args=[newcomer.person.pk])).content
    assert b'name="languages_ar"' in html
