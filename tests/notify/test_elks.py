"""The 46elks backend over real HTTP, against a local server that speaks 46elks' API."""

import base64
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from samverka.core.models import OutboundEmail
from samverka.core.notify import notify
from samverka.core.tasks import retry_due_emails

pytestmark = pytest.mark.django_db
Status = OutboundEmail.Status
CODE = {"code": "123456", "minutes": 10}


class FakeElks:
    """Answers POST /a1/sms like 46elks: 200 with JSON, 401 without the right basic auth,
    or whatever the test scripts next ("error" → 503 text, "slow" → no answer in time)."""

    def __init__(self):
        self.script: list[str] = []
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                fields = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                fake.requests.append(
                    {
                        "path": self.path,
                        "fields": fields,
                        "auth": self.headers.get("Authorization", ""),
                    }
                )
                expected = "Basic " + base64.b64encode(b"u123:secret").decode()
                behaviour = fake.script.pop(0) if fake.script else "ok"
                if self.headers.get("Authorization") != expected:
                    return self._answer(401, "Authorization required.", "text/plain")
                if self.path != "/a1/sms":
                    return self._answer(404, "Not found.", "text/plain")
                if behaviour == "slow":
                    time.sleep(1.5)
                    return self._answer(200, "{}", "application/json")
                if behaviour == "error":
                    return self._answer(503, "Service temporarily unavailable.", "text/plain")
                if behaviour == "bad-number":
                    return self._answer(403, "Invalid to number.", "text/plain")
                payload = {
                    "status": "created",
                    "direction": "outgoing",
                    "from": fields.get("from"),
                    "to": fields.get("to"),
                    "message": fields.get("message"),
                    "parts": 1,
                    "id": f"s{len(fake.requests):032x}",
                }
                return self._answer(200, json.dumps(payload), "application/json")

            def _answer(self, code, body, content_type):
                data = body.encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/a1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def elks(settings):
    with FakeElks() as fake:
        settings.SAMVERKA_SMS_BACKEND = "samverka.core.sms.backends.elks.Backend"
        settings.SAMVERKA_46ELKS_API_URL = fake.url
        settings.SAMVERKA_46ELKS_USERNAME = "u123"
        settings.SAMVERKA_46ELKS_PASSWORD = "secret"
        settings.SAMVERKA_SMS_TIMEOUT_SECONDS = 0.5
        settings.SAMVERKA_SMS_SENDER = "Alunda"
        settings.SAMVERKA_EMAIL_RETRY_DELAYS = [0, 0]
        yield fake


def _queue(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(person, "people.phone_code", CODE)
    row.refresh_from_db()
    return row


def _retry_now(row):
    OutboundEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    retry_due_emails.call()
    row.refresh_from_db()
    return row


def test_a_text_goes_to_46elks_with_sender_and_delivery_report_address(
    elks, person, django_capture_on_commit_callbacks
):
    row = _queue(person, django_capture_on_commit_callbacks)
    assert row.status == Status.SENT
    [request] = elks.requests
    assert request["fields"]["to"] == "+46701234567"
    assert request["fields"]["from"] == "Alunda"
    assert "123456" in request["fields"]["message"]
    assert request["fields"]["whendelivered"] == "http://testserver" + reverse(
        "sms_webhooks:delivery", kwargs={"provider": "46elks", "secret": "test-webhook-secret"}
    )
    assert row.provider_message_id == "s" + f"{1:032x}"


def test_errors_and_timeouts_are_retried_and_finally_failed_visible_in_the_outbox(
    elks, person, client, coordinator, django_capture_on_commit_callbacks
):
    elks.script = ["error", "slow", "error"]
    row = _queue(person, django_capture_on_commit_callbacks)  # the request that caused it
    assert row.status == Status.RETRYING and "503" in row.last_error
    row = _retry_now(row)
    assert row.status == Status.RETRYING and "did not answer" in row.last_error
    row = _retry_now(row)
    assert row.status == Status.FAILED and row.attempts == 3
    assert len(elks.requests) == 3
    client.force_login(coordinator)
    page = client.get(reverse("outbox:index")).content.decode()
    assert "+46701234567" in page and gettext("Failed") in page
    assert gettext("Text message (SMS)") in page


def test_a_failed_delivery_report_retries_and_finally_fails(
    elks, person, client, coordinator, django_capture_on_commit_callbacks
):
    row = _queue(person, django_capture_on_commit_callbacks)
    url = reverse(
        "sms_webhooks:delivery", kwargs={"provider": "46elks", "secret": "test-webhook-secret"}
    )
    for attempt in range(1, 4):
        assert row.status == Status.SENT and row.attempts == attempt
        response = client.post(url, {"id": row.provider_message_id, "status": "failed"})
        assert response.status_code == 200 and response.content == b""
        row.refresh_from_db()
        if attempt < 3:
            assert row.status == Status.RETRYING
            row = _retry_now(row)
    assert row.status == Status.FAILED
    assert row.last_error.startswith(gettext("The provider reported"))
    client.force_login(coordinator)
    assert gettext("Failed") in client.get(reverse("outbox:index")).content.decode()


def test_a_delivered_report_marks_the_text_delivered(
    elks, person, client, django_capture_on_commit_callbacks
):
    row = _queue(person, django_capture_on_commit_callbacks)
    url = reverse(
        "sms_webhooks:delivery", kwargs={"provider": "46elks", "secret": "test-webhook-secret"}
    )
    client.post(url, {"id": row.provider_message_id, "status": "delivered"})
    row.refresh_from_db()
    assert row.status == Status.DELIVERED
    # A late "failed" for a delivered message changes nothing; nothing is sent twice.
    client.post(url, {"id": row.provider_message_id, "status": "failed"})
    row.refresh_from_db()
    assert row.status == Status.DELIVERED and len(elks.requests) == 1


def test_wrong_credentials_are_an_error_not_a_crash(
    elks, settings, person, django_capture_on_commit_callbacks
):
    settings.SAMVERKA_46ELKS_PASSWORD = "wrong"
    row = _queue(person, django_capture_on_commit_callbacks)
    assert row.status == Status.RETRYING and "401" in row.last_error


def test_the_webhooks_need_the_secret(client, person):
    bad = reverse("sms_webhooks:delivery", kwargs={"provider": "46elks", "secret": "guess"})
    assert client.post(bad, {"id": "x", "status": "delivered"}).status_code == 404
    good = reverse(
        "sms_webhooks:delivery", kwargs={"provider": "46elks", "secret": "test-webhook-secret"}
    )
    assert client.post(good, {"id": "x", "status": "nonsense"}).status_code == 400
    assert client.get(good).status_code == 405


def test_stop_records_the_opt_out_and_start_withdraws_it(client, person):
    url = reverse(
        "sms_webhooks:inbound", kwargs={"provider": "46elks", "secret": "test-webhook-secret"}
    )
    response = client.post(url, {"from": "+46701234567", "to": "+46766860000", "message": "Stopp"})
    assert response.status_code == 200 and response.content == b""
    person.refresh_from_db()
    assert person.sms_opt_out_at is not None
    assert notify(person, "people.phone_code", CODE) == []
    client.post(url, {"from": "+46701234567", "message": "START"})
    person.refresh_from_db()
    assert person.sms_opt_out_at is None
    assert client.post(url, {"message": "STOP"}).status_code == 400


def test_a_registration_by_phone_succeeds_while_46elks_is_down(
    elks, client, event, django_capture_on_commit_callbacks
):
    from events.models import Registration
    from tests.events.test_registration import form_data

    elks.script = ["error", "error", "error"]
    occurrence = event.occurrences.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:date", args=[occurrence.pk]),
            form_data(email="", phone="070-123 45 67", language="ti"),
        )
    assert response.status_code == 302  # the visitor is registered whatever the provider does
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    row = OutboundEmail.objects.get(kind="events.confirmed")
    assert row.channel == "sms" and row.status == Status.RETRYING
    assert len(elks.requests) == 1
