"""Editors start a translation themselves: "Translate" on a Swedish page makes the Somali
draft through wagtail-localize, without an administrator."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from tests.orientation.conftest import add_topic

pytestmark = pytest.mark.django_db


def test_an_editor_starts_the_somali_translation_of_a_topic(client, editor, orientation_index):
    topic = add_topic(orientation_index, "Hälsa", "halsa", intro="Om vården.")
    somali = Locale.objects.get(language_code="so")
    assert editor.has_perm("wagtail_localize.submit_translation")
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[topic.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [somali.pk]})
    assert response.status_code == 302
    draft = Page.objects.get(translation_key=topic.translation_key, locale=somali)
    assert draft.title == "Hälsa"  # a draft to translate, not yet live
    assert not draft.live


def test_a_volunteer_cannot_start_one(client, volunteer_user, orientation_index):
    topic = add_topic(orientation_index, "Hälsa", "halsa")
    client.force_login(volunteer_user)
    url = reverse("wagtail_localize:submit_page_translation", args=[topic.pk])
    assert client.get(url).status_code in (302, 403)
    assert Page.objects.filter(translation_key=topic.translation_key).count() == 1
