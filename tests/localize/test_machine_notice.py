"""The public notice says when a translation was machine translated and no person has
checked it yet (issue #17): shown on the Arabic page after machine translation, gone once
a translator has edited the machine's segment in the translation editor and published."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail_localize.models import StringSegment, StringTranslation

from .conftest import arabic_translation

MACHINE_NOTICE = (
    "This text was machine translated and has not yet been checked by a person, "
    "so it may contain mistakes."
)

pytestmark = pytest.mark.django_db


def _notices(client, page):
    html = client.get(page.url).content.decode()
    return re.findall(r'data-notice="(\w+)"', html), html


def test_machine_translated_text_is_marked_until_a_person_reviews_it(
    client, editor, work_topic, libretranslate
):
    translation = arabic_translation(work_topic)
    arabic = translation.get_target_instance()
    # Before: a human translation with one outdated paragraph.
    assert _notices(client, arabic)[0] == ["outdated"]

    client.force_login(editor)
    url = f"/admin/localize/translate/{translation.pk}/machine_translate/"
    client.post(url, {"next": "/admin/"})
    translation.save_target(publish=True)
    client.logout()

    notices, html = _notices(client, arabic)
    assert notices == ["machine"]
    with override("ar"):
        assert gettext(MACHINE_NOTICE) in html
    # The notice links to the Swedish original.
    assert f'href="{work_topic.url}" hreflang="sv"' in html

    # A translator corrects the machine's paragraph in the editor and publishes.
    machine = StringTranslation.objects.get(
        locale=translation.target_locale,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    segment = StringSegment.objects.get(
        source=translation.source, string=machine.translation_of, context=machine.context
    )
    client.force_login(editor)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "value=" + "يمكنك الحصول على تدريب لدى صاحب عمل.",
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert response.status_code == 200, response.content
    translation.save_target(publish=True)
    client.logout()
    assert _notices(client, arabic)[0] == []


def test_a_page_without_machine_translation_has_no_machine_notice(client, work_topic):
    arabic = arabic_translation(work_topic).get_target_instance()
    notices, _html = _notices(client, arabic)
    assert "machine" not in notices
    # The Swedish page itself has no notice at all.
    assert _notices(client, work_topic)[0] == []
