"""PO export/import for a translation agency: a good file fills the segments; a file for
another page, with broken placeholders, or not a PO file at all is refused as a whole."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail_localize.models import StringTranslation

from samverka.orientation.translation import translation_progress

from .conftest import arabic_translation


def _download(client, translation):
    response = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def _upload(client, translation, content, name="arbete-ar.po"):
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/?next=/admin/",
        {"file": SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")},
        follow=True,
    )
    assert response.status_code == 200
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def _arabic_strings():
    return set(
        StringTranslation.objects.filter(locale__language_code="ar").values_list("data", flat=True)
    )


@pytest.mark.django_db
def test_a_translated_po_file_fills_the_missing_segment(client, editor, work_topic):
    translation = arabic_translation(work_topic)
    client.force_login(editor)
    po = _download(client, translation)
    missing = [entry for entry in po if not entry.msgstr and not entry.obsolete]
    assert [entry.msgid for entry in missing] == ["Du kan få praktik hos en arbetsgivare."]
    missing[0].msgstr = "يمكنك الحصول على تدريب لدى صاحب عمل."

    messages = _upload(client, translation, str(po).encode())

    assert messages[0][0] == "success"
    assert "يمكنك الحصول على تدريب لدى صاحب عمل." in _arabic_strings()
    assert translation_progress(translation.get_target_instance()).missing == 0


@pytest.mark.django_db
def test_a_po_file_for_another_page_is_refused(client, editor, work_topic, orientation_index):
    from tests.orientation.conftest import add_topic, translate

    other = add_topic(orientation_index, "Hälsa", "halsa", intro="Om vården.")
    translate(other, "ar", title="الصحة", intro="عن الرعاية.")
    client.force_login(editor)
    po = _download(client, arabic_translation(other))
    for entry in po:
        entry.msgstr = "نص آخر"
    before = _arabic_strings()

    messages = _upload(client, arabic_translation(work_topic), str(po).encode())

    assert messages[0][0] == "error" and "another page" in messages[0][1]
    assert _arabic_strings() == before


@pytest.mark.django_db
def test_broken_placeholders_refuse_the_whole_file(client, editor, work_topic):
    # A paragraph with a link: its placeholder <a id="a1"> must come back.
    body = work_topic.body.raw_data
    body[0]["value"] = '<p>Läs mer hos <a href="https://arbetsformedlingen.se">AF</a>.</p>'
    work_topic.body = body
    work_topic.save_revision().publish()
    translation = arabic_translation(work_topic)
    client.force_login(editor)
    po = _download(client, translation)
    for entry in po:
        if entry.obsolete:
            continue
        if "<a" in entry.msgid:
            entry.msgstr = "اقرأ المزيد لدى <a>AF</a>."  # the id is lost
        else:
            entry.msgstr = entry.msgstr or "نص"
    before = _arabic_strings()

    messages = _upload(client, translation, str(po).encode())

    assert messages[0][0] == "error" and "placeholders" in messages[0][1]
    assert _arabic_strings() == before  # not even the good entries were imported


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\xff\xfe not text", "not a PO file"),
        (b'msgid ""\nmsgstr ""\n\nmsgid "Arbete"\nmsgstr "Work"\n', "names no translation"),
    ],
)
def test_unreadable_or_foreign_files_are_refused(client, editor, work_topic, content, expected):
    before = _arabic_strings()
    client.force_login(editor)
    messages = _upload(client, arabic_translation(work_topic), content)
    assert messages[0][0] == "error" and expected in messages[0][1]
    assert _arabic_strings() == before


@pytest.mark.django_db
def test_no_file_gives_a_message_not_an_error_page(client, editor, work_topic):
    client.force_login(editor)
    translation = arabic_translation(work_topic)
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/?next=/admin/", follow=True
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
