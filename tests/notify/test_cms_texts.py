"""Message texts editors change in the CMS (issue #17, item 2): an edited text in the
recipient's language replaces the built-in one; without it (or with a broken one) the
built-in template in that language is sent. Placeholders only, checked on save."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, ModelLogEntry

from samverka.core import message_texts
from samverka.core.email import render_email
from samverka.core.messages import get
from samverka.core.models import MessageText, OutboundEmail
from samverka.core.notify import Contact, notify, notify_many, render_sms
from samverka.people.models import Person

pytestmark = pytest.mark.django_db
CODE = {"code": "123456", "minutes": 10}
PHONE = "+46701234567"


def edit(kind, language="sv", **texts) -> MessageText:
    return MessageText.objects.create(
        kind=kind, locale=Locale.objects.get(language_code=language), **texts
    )


def translate(row, language, **texts) -> MessageText:
    """What wagtail-localize does: a copy of the Swedish row in `language`, then the
    translated segments."""
    copy = row.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in texts.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def built_in_sms(kind, context, language):
    return render_sms(get(kind), context, language)[0]


def sms_to(language):
    [row] = notify(Contact(phone=PHONE, language=language), "people.phone_code", CODE)
    return row.body


def test_an_edited_swedish_text_is_sent_in_swedish():
    edit("people.phone_code", sms="Din kod: {code}. Den gäller {minutes} minuter.")
    assert sms_to("sv") == "Din kod: 123456. Den gäller 10 minuter."


def test_a_translated_text_is_sent_in_arabic():
    row = edit("people.phone_code", sms="Din kod: {code}.")
    translate(row, "ar", sms="رمزك: {code}.")
    assert sms_to("ar") == "رمزك: 123456."
    assert sms_to("sv") == "Din kod: 123456."


def test_wagtail_localize_translates_the_text_like_a_page():
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    row = edit("people.phone_code", sms="Din kod: {code}.")
    source, _created = TranslationSource.get_or_create_from_instance(row)
    arabic = Locale.objects.get(language_code="ar")
    translation = Translation.objects.create(source=source, target_locale=arabic)
    [segment] = StringSegment.objects.filter(source=source)  # the SMS; the kind is not translated
    assert segment.string.data == "Din kod: {code}."
    StringTranslation.objects.create(
        translation_of=segment.string, locale=arabic, context=segment.context, data="رمزك: {code}."
    )
    translation.save_target()
    assert MessageText.objects.get(locale=arabic).kind == "people.phone_code"
    assert sms_to("ar") == "رمزك: 123456."


def test_a_po_file_with_a_broken_placeholder_publishes_nothing(editor_client):
    """Issue 17, bad input: a translation agency's PO file translates a placeholder. The
    editor who publishes it is told, the segment shows what is wrong, and no Arabic text is
    published (the Arabic reader keeps getting the built-in Arabic message)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    built_in = built_in_sms("people.phone_code", CODE, "ar")
    row = edit("people.phone_code", sms="Din kod: {code}.")
    source, _created = TranslationSource.get_or_create_from_instance(row)
    arabic = Locale.objects.get(language_code="ar")
    translation = Translation.objects.create(source=source, target_locale=arabic)
    translation.save_target()  # "Translate": the Arabic copy, still in Swedish
    po = translation.export_po()
    [entry] = [entry for entry in po if entry.msgid == "Din kod: {code}."]
    entry.msgstr = "رمزك: {رمز}."
    upload = SimpleUploadedFile("ar.po", str(po).encode(), content_type="text/x-gettext")
    response = editor_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(locale=arabic, data="رمزك: {رمز}.").exists()

    # the Arabic text's edit view is wagtail-localize's translation editor
    arabic_row = MessageText.objects.get(locale=arabic)
    response = editor_client.post(
        reverse("wagtailsnippets_core_messagetext:edit", args=[arabic_row.pk]),
        {"action": "publish"},
        follow=True,
    )
    assert response.status_code == 200
    assert MessageText.objects.get(locale=arabic).sms == "Din kod: {code}."
    [stored] = StringTranslation.objects.filter(locale=arabic)
    # the segment says what is wrong and which placeholders the text may use
    assert stored.has_error and "{code}, {minutes}" in stored.field_error
    assert sms_to("ar") == built_in


def test_editing_the_swedish_text_refreshes_its_segments(editor_client):
    from wagtail_localize.models import StringSegment, TranslationSource

    row = edit("people.phone_code", sms="Din kod: {code}.")
    source, _created = TranslationSource.get_or_create_from_instance(row)
    url = reverse("wagtailsnippets_core_messagetext:edit", args=[row.pk])
    response = editor_client.post(url, {"sms": "Koden är {code}."})
    assert response.status_code == 302
    [segment] = StringSegment.objects.filter(source=source)
    assert segment.string.data == "Koden är {code}."


def test_only_swedish_edited_arabic_gets_the_built_in_arabic_template():
    built_in = built_in_sms("people.phone_code", CODE, "ar")
    row = edit("people.phone_code", sms="Din kod: {code}.")
    assert sms_to("ar") == built_in
    # A translation wagtail-localize created but nobody translated yet is a copy of the
    # Swedish text: it is not sent to Arabic readers either.
    translate(row, "ar")
    assert MessageText.objects.filter(locale__language_code="ar").exists()
    assert sms_to("ar") == built_in


def test_a_translation_with_a_broken_placeholder_falls_back_and_warns(caplog):
    built_in = built_in_sms("people.phone_code", CODE, "ar")
    row = edit("people.phone_code", sms="Din kod: {code}.")
    # As a PO file might bring it: the placeholder itself translated.
    translate(row, "ar", sms="رمزك: {رمز}.")
    with caplog.at_level(logging.WARNING, logger="samverka.core.message_texts"):
        assert sms_to("ar") == built_in
    assert "people.phone_code" in caplog.text and "built-in" in caplog.text


@pytest.fixture
def reminder_context():
    start = timezone.make_aware(datetime.datetime(2026, 3, 12, 17, 30))
    return {
        "registration": {"name": "Amina <b>", "people": 1},
        "event": {"title": "Språkcafé & fika", "location_text": "Biblioteket"},
        "occurrence": {"start": start, "end": start + datetime.timedelta(hours=1)},
        "event_url": "http://testserver/sv/evenemang/sprakcafe/",
        "cancel_url": "http://testserver/sv/events/c/abc/",
        "sms_cancel_url": "http://testserver/s/abc",
    }


def test_an_edited_email_gets_plain_text_and_an_escaped_html_version(reminder_context):
    texts_before = message_texts.Texts(get("events.reminder"))
    built_subject, _body, _html = render_email(
        "events/email/reminder", reminder_context, "sv", texts=texts_before
    )
    row = edit(
        "events.reminder",
        body="Hej {name}!\n\nVi ses i morgon {time} på {place}.\nAvboka: {link}",
    )
    texts = message_texts.Texts(get("events.reminder"))
    subject, body, html = render_email("events/email/reminder", reminder_context, "sv", texts=texts)
    assert subject == built_subject  # the subject was not edited: built-in
    assert body == (
        "Hej Amina <b>!\n\nVi ses i morgon 17:30 på Biblioteket.\n"
        "Avboka: http://testserver/sv/events/c/abc/"
    )
    assert "Amina &lt;b&gt;" in html and "<b>" not in html
    assert '<a href="http://testserver/sv/events/c/abc/"' in html
    assert '<html lang="sv" dir="ltr">' in html
    assert '<html lang="ar" dir="rtl">' in message_texts.html_version("مرحبا {name}", "ar")
    # The subject needs no link (only the text the reader acts on must keep it).
    row.subject = "I morgon: {event}, {date}"
    row.save()
    texts = message_texts.Texts(get("events.reminder"))
    subject, _body, _html = render_email(
        "events/email/reminder", reminder_context, "sv", texts=texts
    )
    assert subject == "I morgon: Språkcafé & fika, 12 mars"


def test_the_sms_uses_its_own_link_and_short_date(reminder_context):
    edit("events.reminder", sms="{event} {date} kl {time}. Avboka: {link}")
    text, _parts = render_sms(
        get("events.reminder"),
        reminder_context,
        "sv",
        texts=message_texts.Texts(get("events.reminder")),
    )
    assert text == "Språkcafé & fika 12/3 kl 17:30. Avboka: http://testserver/s/abc"


def test_every_declared_placeholder_compiles_and_has_a_sample():
    for kind in message_texts.editable_kinds():
        text = " ".join(f"{{{name}}}" for name in kind.placeholder_names)
        for part in message_texts.parts_of(kind):
            # A missing value reads as empty, never as an error or a Python repr.
            assert message_texts.fill(kind, text, {}, part).strip() in ("", "-", "–", "0")
        assert "{" not in message_texts.preview(kind, text), kind.key
        if kind.action:
            assert kind.action in kind.placeholder_names, kind.key


def test_every_kind_of_message_can_be_edited_in_the_cms():
    """Issue 17: every email and SMS Samverka sends. A built-in text that chose between two
    messages (a date cancelled or moved, a referral accepted or declined) is two kinds."""
    from samverka.core.messages import KINDS

    assert [kind.key for kind in KINDS.values() if not kind.in_cms] == []
    assert len(message_texts.editable_kinds()) == len(KINDS)
    assert {"events.date_cancelled", "events.date_moved"} <= set(KINDS)
    assert {"coaching.referral_accepted", "coaching.referral_declined"} <= set(KINDS)


@pytest.mark.parametrize("count", [1, 20])
def test_notify_many_loads_the_edited_texts_once(count, django_assert_num_queries):
    row = edit("people.phone_code", sms="Din kod: {code}.")
    translate(row, "ar", sms="رمزك: {code}.")
    items = [
        (Contact(phone=f"+4670{n:07d}", language=("sv", "ar")[n % 2]), CODE, f"code:{n}")
        for n in range(count)
    ]
    # edited texts; savepoint; keys queued before; bulk insert; ids of the new rows;
    # release savepoint
    with django_assert_num_queries(6):
        assert notify_many("people.phone_code", items) == count
    bodies = set(OutboundEmail.objects.values_list("body", flat=True))
    assert bodies == ({"Din kod: 123456."} if count == 1 else {"Din kod: 123456.", "رمزك: 123456."})


# --- The admin --------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, editor):
    """The editor, with the admin in English whatever the catalogues say."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    return client


def test_an_unknown_placeholder_is_rejected_and_the_text_kept(editor_client):
    url = reverse("wagtailsnippets_core_messagetext:add") + "?locale=sv&kind=people.phone_code"
    typed = "Din kod är {kod}, giltig {minutes} min"
    response = editor_client.post(url, {"kind": "people.phone_code", "sms": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "{kod}" in page and "{code}" in page  # the unknown one and the allowed ones
    form = response.context["form"]
    errors = " ".join(form.errors["sms"])
    assert "Unknown placeholder {kod}. You can use: {code}, {minutes}." in errors
    assert "The text must keep {code}" in errors
    assert form["sms"].value() == typed
    assert not MessageText.objects.exists()


def test_malformed_braces_are_rejected(editor_client):
    url = reverse("wagtailsnippets_core_messagetext:add") + "?locale=sv&kind=people.phone_code"
    response = editor_client.post(
        url, {"kind": "people.phone_code", "sms": "Kod {code} {{ user.password }}"}
    )
    assert response.status_code == 200
    assert "Braces are only for placeholders" in " ".join(response.context["form"].errors["sms"])
    assert not MessageText.objects.exists()


def test_an_editor_saves_a_text_shown_only_with_the_parts_of_its_kind(editor_client, editor):
    url = reverse("wagtailsnippets_core_messagetext:add") + "?locale=sv&kind=people.phone_code"
    form = editor_client.get(url).context["form"]
    assert "sms" in form.fields and "subject" not in form.fields and "body" not in form.fields
    assert "SMS segment" in form.fields["sms"].help_text
    response = editor_client.post(url, {"kind": "people.phone_code", "sms": "Kod: {code}"})
    assert response.status_code == 302
    row = MessageText.objects.get()
    assert (row.kind, row.sms, row.locale.language_code) == (
        "people.phone_code",
        "Kod: {code}",
        "sv",
    )
    assert ModelLogEntry.objects.filter(object_id=str(row.pk), action="wagtail.create").exists()
    # The same kind twice in one language: a clear message, not a database error.
    response = editor_client.post(url, {"kind": "people.phone_code", "sms": "Kod {code}"})
    assert response.status_code == 200
    assert "already has an edited text" in " ".join(response.context["form"].errors["kind"])


def test_the_listing_preview_and_reset(editor_client):
    row = edit("events.reminder", sms="{event} i morgon. Avboka: {link}")
    translate(row, "ar", sms="{event} غدا. {link}")
    listing = editor_client.get(reverse("message_texts:index"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "events.reminder" in page and "people.phone_code" in page
    assert "{event} i morgon" in page
    preview = editor_client.get(reverse("message_texts:preview", args=["events.reminder"]))
    assert preview.status_code == 200
    assert "Språkcafé i morgon. Avboka: https://example.org/s/Ab3dE" in preview.content.decode()

    assert (
        editor_client.get(reverse("message_texts:reset", args=["events.reminder"])).status_code
        == 200
    )
    response = editor_client.post(reverse("message_texts:reset", args=["events.reminder"]))
    assert response.status_code == 302
    assert not MessageText.objects.exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete").count() == 2
    assert (
        editor_client.get(reverse("message_texts:preview", args=["events.unknown"])).status_code
        == 404
    )


def test_only_staff_reach_the_message_texts(client, volunteer_user, coordinator):
    url = reverse("message_texts:index")
    add = reverse("wagtailsnippets_core_messagetext:add")
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(volunteer_user)
    for address in (url, add, reverse("message_texts:reset", args=["events.reminder"])):
        assert client.get(address).status_code in (302, 403), address
    edit("people.phone_code", sms="Kod: {code}")
    client.post(reverse("message_texts:reset", args=["people.phone_code"]))
    assert MessageText.objects.exists()
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_erasure_deletes_the_messages_sent_with_an_edited_text_and_keeps_the_text():
    from samverka.people.privacy import Subject

    edit("people.phone_code", sms="Din kod: {code}.")
    person = Person.objects.create(first_name="Hodan", last_name="Ali", phone=PHONE)
    [row] = notify(person, "people.phone_code", CODE)
    assert row.body == "Din kod: 123456."
    (subject,) = Subject.find(PHONE)
    subject.erase()
    assert not OutboundEmail.objects.filter(pk=row.pk).exists()
    assert MessageText.objects.get().sms == "Din kod: {code}."


def test_the_demo_edits_the_programme_reminder_in_swedish_and_arabic(
    home_page, coordinator, django_capture_on_commit_callbacks
):
    from events.demo import seed_events, seed_texts
    from samverka.core.demo import seed_message_texts

    seed_message_texts(lambda message: None)
    seed_message_texts(lambda message: None)  # twice: nothing new
    assert MessageText.objects.count() == 2
    seed_events(lambda message: None)
    with django_capture_on_commit_callbacks(execute=True):
        seed_texts(lambda message: None)
    reminders = OutboundEmail.objects.filter(kind="events.session_reminder", channel="sms")
    languages = dict(
        Person.objects.filter(phone__in=[row.to[0] for row in reminders]).values_list(
            "phone", "preferred_language"
        )
    )
    arabic = [row for row in reminders if languages.get(row.to[0]) == "ar"]
    others = [row for row in reminders if languages.get(row.to[0]) not in (None, "ar")]
    assert arabic and others
    assert all(row.body.startswith("مرحبًا ") and "مواعيدك: http" in row.body for row in arabic)
    assert not any("مواعيدك" in row.body for row in others)


def test_the_edit_form_previews_the_typed_text_with_sample_values(editor_client):
    row = edit("events.reminder", sms="{event} i morgon. Avboka: {link}")
    url = reverse("wagtailsnippets_core_messagetext:preview_on_edit", args=[row.pk])
    data = {
        "kind": "events.reminder",
        "subject": "",
        "body": "",
        "sms": "{event} kl {time}: {link}",
    }
    assert editor_client.post(url, data).json()["is_valid"]
    page = editor_client.get(url).content.decode()
    assert "Språkcafé kl 17:30: https://example.org/s/Ab3dE" in page
