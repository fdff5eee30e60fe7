"""Reminders, feedback surveys and anonymising, run by `manage.py tick`."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events import codes
from events.models import FeedbackResponse, Registration
from events.periodic import PERIODIC_TASKS, request_feedback, send_reminders
from samverka.core.models import OutboundEmail
from samverka.people.retention import RetentionPeriod, apply_due

from .conftest import en, make_event, make_participant

pytestmark = pytest.mark.django_db


def test_reminder_the_day_before_once(event_index):
    occurrence = make_event(
        event_index, starts_at=timezone.now() + timedelta(days=3)
    ).occurrences.get()
    registration, _ = occurrence.register(name="A", email="a@example.com", language="en")
    assert send_reminders(now=occurrence.start - timedelta(days=2)) == 0
    assert send_reminders(now=occurrence.start - timedelta(hours=20)) == 1
    assert send_reminders(now=occurrence.start - timedelta(hours=19)) == 0
    reminder = OutboundEmail.objects.order_by("-pk").first()
    assert reminder.subject.startswith("Tomorrow:")
    assert reminder.to == ["a@example.com"] and reminder.attachments
    registration.refresh_from_db()
    assert registration.reminded_at is not None


def test_no_reminder_for_cancelled_date_or_waitlist(event_index):
    occurrence = make_event(
        event_index, starts_at=timezone.now() + timedelta(days=3), capacity=1
    ).occurrences.get()
    occurrence.register(name="A", email="a@example.com")
    occurrence.register(name="B", email="b@example.com")  # waitlisted
    assert send_reminders(now=occurrence.start - timedelta(hours=20)) == 1
    occurrence.status = "cancelled"
    occurrence.save()
    Registration.objects.update(reminded_at=None)
    assert send_reminders(now=occurrence.start - timedelta(hours=20)) == 0


def _anonymised(now) -> int:
    """What the retention rules anonymise at `now` (as `tick` runs them): registrations."""
    return apply_due(now=now)["event_registrations"]


def test_anonymise_visitors_after_the_retention_period(event_index, volunteer_user):
    occurrence = make_event(
        event_index, starts_at=timezone.now() + timedelta(days=1)
    ).occurrences.get()
    visitor, _ = occurrence.register(
        name="Amal", email="amal@example.com", phone="070", access_needs="Interpreter", people=3
    )
    member, _ = occurrence.register(name="Eva", email=volunteer_user.email, user=volunteer_user)
    # the default period: SAMVERKA_EVENTS_ANONYMISE_AFTER_DAYS (30)
    assert _anonymised(occurrence.end + timedelta(days=29)) == 0
    assert _anonymised(occurrence.end + timedelta(days=31)) == 1
    visitor.refresh_from_db()
    member.refresh_from_db()
    assert (visitor.name, visitor.email, visitor.phone, visitor.access_needs) == ("", "", "", "")
    assert visitor.anonymised_at and visitor.people == 3
    assert member.name == "Eva"  # people with accounts manage their own data
    assert occurrence.confirmed_seats() == 4  # counts stay
    assert _anonymised(occurrence.end + timedelta(days=60)) == 0


def test_the_period_the_data_protection_officer_sets_is_the_one_tick_keeps(event_index, occurrence):
    """Registrations were anonymised twice: by the retention rule over the period set in
    the admin, and by an older task after a fixed 30 days, whatever was set. A longer period
    (a follow-up that needs the contact details) was cut short; only the rule runs now."""
    from django.core.management import call_command

    from events.models import Attendance

    RetentionPeriod.objects.create(rule="event_registrations", days=60)
    RetentionPeriod.objects.create(rule="checkin_names", days=60)
    event = occurrence.event
    visitor, _ = occurrence.register(name="Amal", email="amal@example.com")
    Attendance.objects.create(occurrence=occurrence, name="Walk-in Person", method="walk_in")
    ended = timezone.now() - timedelta(days=31)
    type(occurrence).objects.filter(pk=occurrence.pk).update(
        start=ended - timedelta(hours=2), end=ended
    )
    call_command("tick", verbosity=0)
    visitor.refresh_from_db()
    assert visitor.name == "Amal" and visitor.anonymised_at is None
    assert Attendance.objects.get().name == "Walk-in Person"
    # once the period set has passed
    type(occurrence).objects.filter(pk=occurrence.pk).update(
        start=ended - timedelta(days=30, hours=2), end=ended - timedelta(days=30)
    )
    call_command("tick", verbosity=0)
    visitor.refresh_from_db()
    assert visitor.name == "" and visitor.anonymised_at is not None
    assert Attendance.objects.get().name == ""
    assert event.occurrences.count() >= 1


def test_anonymising_clears_walk_in_names(occurrence):
    from events.models import Attendance

    Attendance.objects.create(occurrence=occurrence, name="Walk-in Person", method="walk_in")
    assert apply_due(now=occurrence.end + timedelta(days=365))["checkin_names"] == 1
    assert Attendance.objects.get().name == ""
    assert Attendance.objects.count() == 1


def test_feedback_request_and_answers(client, event_index):
    occurrence = make_event(
        event_index, starts_at=timezone.now() + timedelta(days=1)
    ).occurrences.get()
    registration, _ = occurrence.register(name="A", email="a@example.com", language="en")
    assert request_feedback(now=occurrence.end + timedelta(hours=2)) == 1
    assert request_feedback(now=occurrence.end + timedelta(hours=3)) == 0
    # the link in the email reaches this registration's survey (compared by what its token
    # says: a token made a second later differs in its time stamp)
    body = OutboundEmail.objects.order_by("-pk").first().body
    prefix = en("events:feedback", "TOKEN").split("TOKEN")[0]
    [token] = re.findall(re.escape(prefix) + r"([^/\s]+)/", body)
    assert codes.read_feedback_token(token) == ("r", registration.pk)
    url = en("events:feedback", token)
    response = client.post(url, {"satisfaction": "5", "job_knowledge": "4", "comment": "Bra!"})
    assert "Thank you" in response.content.decode()
    again = client.post(url, {"satisfaction": "1"})
    assert "already have your answers" in again.content.decode()
    assert FeedbackResponse.objects.count() == 1


def test_feedback_bad_input(client, occurrence):
    forged = client.get(en("events:feedback", "made-up-token"))
    assert forged.status_code == 400
    url = en("events:feedback", codes.feedback_token("o", occurrence.pk))
    assert client.post(url, {"satisfaction": "9"}).status_code == 400
    assert client.post(url, {"satisfaction": "5", "homepage": "x"}).status_code == 400
    assert not FeedbackResponse.objects.exists()


def test_feedback_summary(occurrence):
    event = occurrence.event
    answers = [(5, 5)] * 29 + [(4, 4), (5, None), (2, 2)]
    for satisfaction, job in answers:
        FeedbackResponse.objects.create(event=event, satisfaction=satisfaction, job_knowledge=job)
    summary = FeedbackResponse.objects.filter(event=event).summary()
    assert summary["count"] == 32
    assert summary["very_satisfied_percent"] == 94  # 30 of 32
    assert summary["job_answers"] == 31
    assert summary["job_agree_percent"] == 97  # 30 of 31


def test_periodic_tasks_are_registered_and_run():
    for periodic in PERIODIC_TASKS:
        result = periodic.enqueue()
        assert result.status == "SUCCESSFUL"


def test_programme_survey_link_counts_once_per_enrolment(client, event):
    from events.models import Enrolment, Programme

    programme = Programme.objects.create(name="SO", event=event)
    enrolment = Enrolment.objects.create(
        programme=programme, participant=make_participant(name="Hodan")
    )
    url = en("events:feedback", codes.feedback_token("e", enrolment.pk))
    client.post(url, {"satisfaction": "5", "job_knowledge": "5"})
    client.post(url, {"satisfaction": "1"})
    (answer,) = FeedbackResponse.objects.all()
    assert (answer.programme, answer.satisfaction) == (programme, 5)
    assert enrolment.survey_receipt  # the enrolment records only that it answered
