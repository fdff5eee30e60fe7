from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Enrolment, Programme, Registration
from samverka.core import tokens
from samverka.core.models import OutboundEmail
from tests.events.conftest import make_event, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(event_index):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=20)
    event = make_event(event_index, title="Jobbhörnet", slug="jobbhornet", starts_at=start)
    return Programme.objects.create(name="Jobbhörnet", event=event)


def enrol(programme, count, start=0):
    enrolments = []
    for number in range(start, start + count):
        participant = make_participant(
            f"Deltagare {number}", phone=f"+4670{number:07d}", preferred_language="ar"
        )
        enrolments.append(
            Enrolment.objects.create(
                programme=programme,
                participant=participant,
                enrolled_on=timezone.localdate() - timedelta(days=1),
            )
        )
    return enrolments


def _queries_for_reminders():
    from events.reminders import send_session_reminders

    with CaptureQueriesContext(connection) as queries:
        queued = send_session_reminders()
    return queued, len(queries)


def test_session_reminders_cost_the_same_queries_for_1_and_30_participants(programme):
    enrol(programme, 1)
    one, queries_one = _queries_for_reminders()
    assert one == 1
    OutboundEmail.objects.all().delete()
    enrol(programme, 29, start=1)
    many, queries_many = _queries_for_reminders()
    assert many == 30
    assert queries_many == queries_one


def test_session_reminders_go_once_as_texts_with_a_next_session_link(programme, client):
    [enrolment] = enrol(programme, 1)
    from events.reminders import send_session_reminders

    assert send_session_reminders() == 1
    assert send_session_reminders() == 0  # tick runs again: nothing twice
    row = OutboundEmail.objects.get(kind="events.session_reminder")
    assert row.channel == "sms" and row.to == ["+46700000000"]
    link = row.body.split()[-1]
    assert link.startswith("http://testserver/ar/events/n/")
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert "Jobbhörnet" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_next_session_link_is_single_purpose_and_expires(programme, client):
    [enrolment] = enrol(programme, 1)
    cancel_token = tokens.make("events.cancel", enrolment.pk)
    assert client.get(reverse("events:next_session", args=[cancel_token])).status_code == 404
    old = tokens.make(
        "events.next-session", enrolment.pk, now=timezone.now().timestamp() - 61 * 86400
    )
    assert client.get(reverse("events:next_session", args=[old])).status_code == 410
    genuine = tokens.make("events.next-session", enrolment.pk)
    forged = genuine[:-1] + ("x" if genuine[-1] != "x" else "y")  # one in 64 ended in x
    assert client.get(reverse("events:next_session", args=[forged])).status_code == 404
    assert client.get(reverse("events:next_session", args=["junk"])).status_code == 404


def test_a_phone_only_registration_gets_a_text_with_a_cancel_link(event, client):
    occurrence = event.occurrences.get()
    registration = occurrence.register(name="Amina", phone="070-555 12 34", language="uk")[0]
    row = OutboundEmail.objects.get(kind="events.confirmed")
    assert row.channel == "sms" and row.to == ["+46705551234"]
    link = row.body.split()[-1].removeprefix("http://testserver")
    assert link.startswith("/uk/events/c/")
    response = client.get(link)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # the page that asks first
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_newcomer_answers_a_kompis_proposal_from_a_text(client, policy, eva, amina):
    from mentors.models import Match

    match = Match.propose(amina, eva)
    row = OutboundEmail.objects.get(kind="mentors.newcomer_proposal")
    assert row.channel == "sms" and row.to == ["+46701112233"]
    path = row.body.split()[-1].removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    response = client.post(path, {"accept": "yes", "reason": ""})
    assert response.status_code == 200
    match.refresh_from_db()
    assert match.newcomer_answer == Match.Answer.ACCEPTED
    # Answered: the link says so and answers nothing twice.
    assert client.post(path, {"accept": "no", "reason": "x"}).status_code == 200
    match.refresh_from_db()
    assert match.newcomer_answer == Match.Answer.ACCEPTED
    volunteer_token = tokens.make("events.next-session", match.pk)
    assert client.get(reverse("mentors:newcomer_answer", args=[volunteer_token])).status_code == 404
