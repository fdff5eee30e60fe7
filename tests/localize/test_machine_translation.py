"""Machine translation through a LibreTranslate service over real HTTP (a local stand-in):
it fills only what is missing, marks it as machine-made, and a service that is down or
answers with garbage gives a clear message and stores nothing."""

import pytest
from django.utils.translation import override
from wagtail_localize.models import StringTranslation

from samverka.orientation.translation import translation_progress, translation_state

from .conftest import arabic_translation


def _machine_translate(client, translation):
    url = f"/admin/localize/translate/{translation.pk}/machine_translate/"
    response = client.post(url + "?next=/admin/", follow=True)
    assert response.status_code == 200
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def _arabic_strings():
    return set(
        StringTranslation.objects.filter(locale__language_code="ar").values_list(
            "data", "translation_type"
        )
    )


@pytest.mark.django_db
def test_machine_translation_fills_only_the_outdated_segment(
    client, editor, work_topic, libretranslate
):
    translation = arabic_translation(work_topic)
    assert translation_progress(translation.get_target_instance()).missing == 1
    client.force_login(editor)

    messages = _machine_translate(client, translation)

    assert messages[0][0] == "success" and "LibreTranslate" in messages[0][1]
    # One request, carrying only the changed paragraph, from Swedish to Arabic.
    [(path, body)] = libretranslate.requests
    assert path == "/translate"
    assert (body["q"], body["source"], body["target"]) == (
        ["Du kan få praktik hos en arbetsgivare."],
        "sv",
        "ar",
    )
    assert ("[ar] Du kan få praktik hos en arbetsgivare.", "machine") in _arabic_strings()
    # The human translations are untouched.
    assert ("مكتب العمل يساعدك.", "manual") in _arabic_strings()
    arabic = translation.get_target_instance()
    progress = translation_progress(arabic)
    assert (progress.missing, progress.machine) == (0, 1)

    # Published: the outdated notice is gone; the machine's part is marked.
    translation.save_target(publish=True)
    with override("ar"):
        state = translation_state(arabic.specific)
    assert "outdated" not in state and state["machine"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mode, expected",
    [
        ("error", "answered with an error (500)"),
        ("garbage", "sent back something that is not a translation"),
        ("short", "sent back something that is not a translation"),
    ],
)
def test_a_failing_service_stores_nothing(
    client, editor, work_topic, libretranslate, mode, expected
):
    libretranslate.mode = mode
    before = _arabic_strings()
    client.force_login(editor)

    messages = _machine_translate(client, arabic_translation(work_topic))

    assert messages[0][0] == "error"
    assert expected in messages[0][1] and "Nothing was translated" in messages[0][1]
    assert _arabic_strings() == before
    assert translation_progress(arabic_translation(work_topic).get_target_instance()).missing == 1


@pytest.mark.django_db
def test_a_service_that_is_down_stores_nothing(client, editor, work_topic, libretranslate):
    libretranslate.stop()  # the port is closed: connection refused
    before = _arabic_strings()
    client.force_login(editor)

    messages = _machine_translate(client, arabic_translation(work_topic))

    assert messages == [("error", "LibreTranslate could not be reached. Nothing was translated.")]
    assert _arabic_strings() == before


@pytest.mark.django_db
def test_machine_translation_needs_a_configured_service(client, editor, work_topic, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    client.force_login(editor)
    messages = _machine_translate(client, arabic_translation(work_topic))
    assert messages[0][0] == "error"


@pytest.mark.django_db
def test_visitors_cannot_machine_translate(client, volunteer_user, work_topic, libretranslate):
    client.force_login(volunteer_user)
    url = f"/admin/localize/translate/{arabic_translation(work_topic).pk}/machine_translate/"
    response = client.post(url)
    assert response.status_code in (302, 403)
    assert libretranslate.requests == []


def test_settings_choose_the_service_from_the_environment(monkeypatch):
    import importlib

    import samverka.settings.base as base

    monkeypatch.setenv("SAMVERKA_MACHINE_TRANSLATOR", "libretranslate")
    monkeypatch.setenv("LIBRETRANSLATE_URL", "https://translate.kommun.example")
    config = importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    assert config["CLASS"].endswith("LibreTranslateTranslator")
    assert config["OPTIONS"]["LIBRETRANSLATE_URL"] == "https://translate.kommun.example"
    monkeypatch.setenv("SAMVERKA_MACHINE_TRANSLATOR", "deepl")
    monkeypatch.setenv("DEEPL_AUTH_KEY", "key:fx")
    config = importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    assert config["CLASS"].endswith("DeepLTranslator")
    assert config["OPTIONS"]["AUTH_KEY"] == "key:fx"
    monkeypatch.delenv("SAMVERKA_MACHINE_TRANSLATOR")
    assert importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
