"""The public forms in short steps (samverka.core.steps), without a browser: what was typed
travels between steps and survives errors, the summary lists every error, the guard runs on
the last step, a forged carry starts again."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from associations.models import Volunteer
from mentors.models import Newcomer

pytestmark = pytest.mark.django_db

URL = "mentors:apply"


def _post(client, response, data, **extra):
    """Post `data` on the step `response` shows, with the step and the carried answers."""
    steps = response.context["steps"]
    return client.post(reverse(URL), {"_step": steps.index, "_carry": steps.carry, **data, **extra})


def _fields(response):
    return [field.name for field in response.context["steps"].fields]


KOMPIS_STEPS = [
    {"first_name": "Hawa", "last_name": "Ali", "phone": "070-555 66 77"},
    {"district": "Västerby"},
    {"gender": "female", "birth_year": "1990", "sfi_course": "B"},
    {"languages": ["so", "ar"]},
    {"language_so": "5", "language_ar": "2"},
    {"goals": ["swedish"]},
    {"interests": ["walking"]},
    {"availability": ["sat_morning"]},
    {"consent": "on"},
]


def test_kompis_in_steps_keeps_every_answer_and_saves_once(client, home_page):
    response = client.get(reverse(URL))
    assert _fields(response) == ["first_name", "last_name", "phone"]
    # Nine steps; the levels step counts once languages are chosen.
    assert response.context["steps"].count == 8
    for number, data in enumerate(KOMPIS_STEPS, start=1):
        assert response.status_code == 200, number
        assert response.context["steps"].number == number
        assert not Newcomer.objects.exists()
        response = _post(client, response, data)
    assert response.status_code == 302
    hawa = Newcomer.objects.get()
    assert hawa.person.first_name == "Hawa" and hawa.district == "Västerby"
    assert hawa.language_levels() == {"so": 5, "ar": 2, "sv": 2}
    assert hawa.availability == ["sat_morning"] and hawa.interests == ["walking"]
    assert hawa.person.latest_consent("kompis").method == "online"


def test_an_error_on_step_two_keeps_step_one_and_lists_every_error(client, home_page):
    response = client.get(reverse(URL))
    response = _post(client, response, KOMPIS_STEPS[0])
    response = _post(client, response, {"email": "not an address", "district": ""})
    steps = response.context["steps"]
    assert steps.number == 2 and steps.show_errors
    # Both fields are wrong: both errors are listed, each linking to its field.
    assert [field.name for field, _message in steps.errors] == ["email", "district"]
    html = response.content.decode()
    for name in ("email", "district"):
        assert f'href="#id_{name}"' in html
    assert 'aria-invalid="true"' in html
    # Step one's answers are carried on.
    assert steps.data["first_name"] == ["Hawa"] and steps.data["phone"] == ["070-555 66 77"]
    # Back to step one: what was typed is in the inputs.
    response = _post(client, response, {"email": "", "district": ""}, _back="1")
    assert response.context["steps"].number == 1
    assert 'value="Hawa"' in response.content.decode()


def test_a_step_with_every_field_wrong_lists_them_all(client, home_page):
    response = _post(client, client.get(reverse(URL)), {})
    errors = response.context["steps"].errors
    assert [field.name for field, _message in errors] == ["first_name", "phone"]
    assert gettext("There are %(counter)s things to fix") % {"counter": 2} in (
        response.content.decode()
    )


def test_unticking_a_language_forgets_its_level_and_no_language_skips_the_levels(client, home_page):
    response = client.get(reverse(URL))
    for data in KOMPIS_STEPS[:4]:
        response = _post(client, response, data)
    assert _fields(response) == ["language_ar", "language_so"]  # in the list's order
    response = _post(client, response, {"language_so": "5"})  # Arabic's level missing
    assert response.context["steps"].show_errors
    response = _post(client, response, {"language_so": "5"}, _back="1")
    response = _post(client, response, {"languages": ["so"]})
    assert _fields(response) == ["language_so"]
    response = _post(client, response, {"language_so": "4"})
    response = _post(client, response, {}, _back="1")
    response = _post(client, response, {}, _back="1")
    # No language ticked (the SFI course gives Swedish): the levels step is skipped.
    response = _post(client, response, {"languages": []})
    assert _fields(response) == ["mentor_gender", "goals"]
    assert "language_so" not in response.context["steps"].data


def test_a_forged_carry_starts_again_with_a_message(client, home_page):
    response = client.post(
        reverse(URL), {"_step": "3", "_carry": "forged:value", "language_so": "5"}
    )
    assert response.status_code == 200
    assert response.context["steps"].number == 1
    assert str(response.context["steps"].expired_message) in response.content.decode()


def test_the_guard_runs_on_the_last_step_only(client, home_page, settings):
    settings.SAMVERKA_PUBLIC_FORM_LIMITS = {"kompis": (1, 3600)}
    response = client.get(reverse(URL))
    for data in KOMPIS_STEPS[:-1]:
        # The steps before the last do not use up the limit.
        response = _post(client, response, data)
    response = _post(client, response, {"consent": "on", "homepage": "http://spam.example"})
    assert response.status_code == 400 and not Newcomer.objects.exists()
    # The seven step posts and the refused one did not use up the one application allowed.
    assert _post(client, response, {"consent": "on"}).status_code == 302
    assert Newcomer.objects.count() == 1
    # The next application is refused, on its last step, with what was typed kept.
    response = client.get(reverse(URL))
    for data in KOMPIS_STEPS[:-1]:
        response = _post(client, response, data)
    response = _post(client, response, {"consent": "on"})
    assert response.status_code == 429 and Newcomer.objects.count() == 1
    assert response.context["steps"].data["first_name"] == ["Hawa"]


def test_become_a_volunteer_in_steps(client, home_page, coordinator):
    url = reverse("associations:become_volunteer")
    answers = [
        {"first_name": "Maria", "last_name": "Lindberg", "email": "maria@example.com"},
        {"district": "Västerby", "postcode": "175 43", "gender": "female"},
        {"languages": ["sv", "prs"]},
        {"language_sv": "5", "language_prs": "3"},
        {"roles": ["buddy"], "capacity": "1"},
        {"availability": ["mon_evening"]},
        {"interests": ["chess"]},
        {"profession": "Lärare"},
        {"consent": "on"},
    ]
    response = client.get(url)
    for data in answers:
        steps = response.context["steps"]
        assert not Volunteer.objects.exists()
        response = client.post(url, {"_step": steps.index, "_carry": steps.carry, **data})
        if response.status_code == 200:
            assert response.context["steps"].errors == [], data
    assert response.status_code == 302
    maria = Volunteer.objects.get()
    assert maria.languages == {"sv": 5, "prs": 3}
    assert maria.postcode == "175 43" and maria.consent.method == "online"


def test_the_language_picker_offers_one_list_with_each_language_in_itself(client, home_page):
    response = client.get(reverse(URL))
    for data in KOMPIS_STEPS[:3]:
        response = _post(client, response, data)
    field = response.context["steps"].form.fields["languages"]
    codes = [code for code, _label in field.choices]
    assert len(codes) == len(set(codes)) and "sv" not in codes  # Swedish: the SFI course
    labels = [str(label) for _code, label in field.choices]
    assert sum("Dari" in label or "دری" in label for label in labels) == 1
    html = response.content.decode()
    assert '<span lang="prs" dir="rtl">(دری)</span>' in html
    assert "data-language-search" in html
