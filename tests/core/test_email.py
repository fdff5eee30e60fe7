"""Every email goes through the outbox and a background task, retried with growing delays."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone, translation

from samverka.core.email import queue_email
from samverka.core.models import OutboundEmail
from samverka.core.tasks import deliver_email, retry_due_emails

pytestmark = pytest.mark.django_db

DELAYS = [60, 300, 1800, 7200, 21600]


class FailingBackend(BaseEmailBackend):
    """An email provider that is down."""

    calls = 0

    def send_messages(self, email_messages):
        FailingBackend.calls += 1
        raise ConnectionError("provider unreachable")


@pytest.fixture(autouse=True)
def email_settings(settings, tmp_path):
    """Test templates in a folder of their own; the months' names come with Django's
    own translations, so the language of the rendering shows."""
    folder = tmp_path / "templates" / "testmail"
    folder.mkdir(parents=True)
    (folder / "greeting_subject.txt").write_text(
        '{% load i18n %}{% translate "January" %}\n  meeting for {{ name }}\n'
    )
    (folder / "greeting_body.txt").write_text(
        '{% load i18n %}{% get_current_language as lang %}[{{ lang }}] {% translate "March" %}, '
        "{{ name }}.\n"
    )
    (folder / "greeting_body.html").write_text("<p>Hello <b>{{ name }}</b></p>\n")
    (folder / "plain_subject.txt").write_text("Plain\n")
    (folder / "plain_body.txt").write_text("Only text.\n")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SAMVERKA_EMAIL_RETRY_DELAYS = DELAYS
    FailingBackend.calls = 0


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves forward by hand."""

    class Clock:
        now = timezone.now()

        def advance(self, seconds):
            self.now += timedelta(seconds=seconds)

    current = Clock()
    monkeypatch.setattr(timezone, "now", lambda: current.now)
    return current


def test_queue_email_stores_then_the_task_sends_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue_email(
            "amina@example.org",
            "testmail/greeting",
            {"name": "Amina"},
            language="en",
            attachments=[("plan.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
        # Stored, not sent, until the transaction commits.
        assert OutboundEmail.objects.get().status == OutboundEmail.Status.QUEUED
        assert mail.outbox == []
    assert len(callbacks) == 1

    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
    assert email.next_attempt_at is None
    assert email.subject == "January meeting for Amina"
    [message] = mail.outbox
    assert message.to == ["amina@example.org"]
    assert message.subject == "January meeting for Amina"
    assert message.body == "[en] March, Amina.\n"
    assert message.alternatives[0][1] == "text/html"
    assert "<b>Amina</b>" in message.alternatives[0][0]
    assert message.attachments[0][:2] == ("plan.ics", "BEGIN:VCALENDAR")


def test_plain_text_email_has_no_html_part(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(["a@example.org", "b@example.org"], "testmail/plain", language="sv")
    assert email.html == ""
    [message] = mail.outbox
    assert message.to == ["a@example.org", "b@example.org"]
    assert message.alternatives == []


def test_nothing_is_sent_for_a_rolled_back_change(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_email("a@example.org", "testmail/plain", language="sv")
            raise RuntimeError("the change failed")
    assert callbacks == []
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("sv", "januari meeting for Amina", "[sv] mars, Amina.\n"),
        ("ar", "يناير meeting for Amina", "[ar] مارس, Amina.\n"),
        ("uk", "Січень meeting for Amina", "[uk] Березень, Amina.\n"),
    ],
)
def test_emails_render_in_the_recipients_language(
    django_capture_on_commit_callbacks, language, subject, body
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        queue_email("amina@example.org", "testmail/greeting", {"name": "Amina"}, language=language)
        # The sender's own language is left as it was.
        assert translation.get_language() == "en"
    [message] = mail.outbox
    assert message.subject == subject
    assert message.body == body


def test_without_a_language_the_active_one_is_used(django_capture_on_commit_callbacks):
    with translation.override("ar"), django_capture_on_commit_callbacks(execute=True):
        queue_email("amina@example.org", "testmail/greeting", {"name": "Amina"})
    assert mail.outbox[0].body.startswith("[ar]")


def test_failing_provider_leaves_the_request_fine_and_retries_later(
    client, settings, clock, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.test_email.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        # Signing up sends an address verification email through the outbox.
        response = client.post(
            "/accounts/signup/",
            {
                "email": "ny@example.org",
                "password1": "ett-långt-lösenord",
                "password2": "ett-långt-lösenord",
            },
        )
    assert response.status_code == 302
    assert FailingBackend.calls == 1

    email = OutboundEmail.objects.get(to=["ny@example.org"])
    assert email.status == OutboundEmail.Status.RETRYING
    assert email.attempts == 1
    assert email.next_attempt_at == clock.now + timedelta(seconds=DELAYS[0])
    assert "ConnectionError: provider unreachable" in email.last_error

    # Before the delay is over, the periodic task leaves it alone.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.advance(DELAYS[0] - 1)
    assert retry_due_emails.call() == 0
    assert mail.outbox == []

    # After the delay the provider is back and the email goes out.
    clock.advance(1)
    assert retry_due_emails.call() == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 2
    assert email.last_error == ""
    assert email.next_attempt_at is None
    [message] = mail.outbox
    assert message.to == ["ny@example.org"]
    # Nothing is sent twice.
    assert retry_due_emails.call() == 0
    assert deliver_email.call(email.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_after_every_retry_has_failed_the_email_is_failed(
    settings, clock, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.test_email.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("a@example.org", "testmail/plain", language="sv")
    for attempt, delay in enumerate(DELAYS, start=1):
        email.refresh_from_db()
        assert (email.status, email.attempts) == (OutboundEmail.Status.RETRYING, attempt)
        # The waits grow, so an outage of a few hours is ridden out.
        assert email.next_attempt_at == clock.now + timedelta(seconds=delay)
        clock.advance(delay)
        assert retry_due_emails.call() == 1

    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == len(DELAYS) + 1 == email.max_attempts
    assert email.next_attempt_at is None
    assert FailingBackend.calls == len(DELAYS) + 1
    clock.advance(10**6)
    assert retry_due_emails.call() == 0


def test_a_backend_that_can_defer_gets_the_retry_scheduled(
    settings, clock, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.EMAIL_BACKEND = "tests.core.test_email.FailingBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("a@example.org", "testmail/plain", language="sv")
    # The dummy backend only records: the first delivery is waiting.
    [first] = default_task_backend.results
    assert first.args == [email.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_email.call(email.pk) == OutboundEmail.Status.RETRYING
    [_, retry] = default_task_backend.results
    assert retry.args == [email.pk]
    assert retry.task.run_after == clock.now + timedelta(seconds=DELAYS[0])


@pytest.fixture
def sent_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("borta@example.org", "testmail/plain", language="sv")
    OutboundEmail.objects.filter(pk=email.pk).update(provider_message_id="pm-0001")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    return email


def test_a_bounce_reported_by_the_provider_marks_the_email(client, settings, sent_email):
    import base64
    import json

    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
    auth = "Basic " + base64.b64encode(b"hook:secret").decode()
    payload = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "MessageID": "pm-0001",
        "Email": "borta@example.org",
        "Description": "The server was unable to deliver your message",
        "BouncedAt": "2026-11-22T09:00:00Z",
    }
    response = client.post(
        "/anymail/postmark/tracking/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 200
    sent_email.refresh_from_db()
    assert sent_email.status == OutboundEmail.Status.BOUNCED
    assert sent_email.last_error.startswith("Postmark: ")
    # A bounced email is never sent again.
    assert deliver_email.call(sent_email.pk) == "skipped"


def test_other_tracking_events_leave_the_email_alone(sent_email):
    from anymail.signals import AnymailTrackingEvent, tracking

    for event_type in ("delivered", "opened", "deferred"):
        event = AnymailTrackingEvent(event_type=event_type, message_id="pm-0001")
        tracking.send(sender=object, event=event, esp_name="Postmark")
    bounce = AnymailTrackingEvent(event_type="bounced", message_id="another-message")
    tracking.send(sender=object, event=bounce, esp_name="Postmark")
    sent_email.refresh_from_db()
    assert sent_email.status == OutboundEmail.Status.SENT
