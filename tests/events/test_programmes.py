"""Programmes: absences derived after sessions, the absence rule with time travel,
hours and the certificate."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from events.models import Absence, Attendance, Enrolment, Programme
from samverka.core.models import OutboundEmail

from .conftest import en, make_event, make_participant

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY = datetime(2026, 1, 5, 10, tzinfo=STOCKHOLM)


@pytest.fixture
def programme(event_index, coordinator):
    # Jobbhörnet: Mondays and Thursdays, an hour each, from 5 January 2026.
    event = make_event(
        event_index,
        title="Jobbhörnet",
        category="information_meeting",
        starts_at=MONDAY,
        duration_minutes=60,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TH;COUNT=12",
        registration_required=False,
    )
    return Programme.objects.create(
        name="Jobbhörnet", event=event, coordinator=coordinator, absence_limit=4
    )


@pytest.fixture
def enrolment(programme):
    participant = make_participant(name="Hodan Ali", phone="0701234567")
    return Enrolment.objects.create(
        programme=programme, participant=participant, enrolled_on=MONDAY.date()
    )


def sessions(programme):
    return list(programme.event.occurrences.order_by("start"))


def attend(enrolment, session):
    Attendance.objects.create(occurrence=session, participant=enrolment.participant, method="staff")


def after(session):
    return session.end + timedelta(minutes=1)


def flag_emails():
    return OutboundEmail.objects.filter(to=["samordnare@demo.samverka.se"])


def test_four_absences_in_a_row_flag_and_tell_the_coordinator(programme, enrolment):
    s = sessions(programme)
    attend(enrolment, s[0])
    assert programme.evaluate(now=after(s[3])) == []  # three absences: not yet
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 3 and enrolment.flagged_at is None
    flagged = programme.evaluate(now=after(s[4]))
    assert [e.pk for e in flagged] == [enrolment.pk]
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 4 and enrolment.flagged_at == after(s[4])
    assert flag_emails().count() == 1
    assert Absence.objects.filter(enrolment=enrolment).count() == 4
    # Running again (the next tick) neither duplicates absences nor emails again.
    assert programme.evaluate(now=after(s[5])) == []
    assert flag_emails().count() == 1


def test_valid_reasons_do_not_count(programme, enrolment):
    s = sessions(programme)
    programme.evaluate(now=after(s[2]))
    Absence.objects.filter(enrolment=enrolment, occurrence=s[1]).update(reason="job_interview")
    programme.evaluate(now=after(s[3]))
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 3  # s0, s2, s3; s1 was a job interview
    assert enrolment.flagged_at is None
    Absence.objects.filter(enrolment=enrolment, occurrence=s[3]).update(reason="sfi_exam")
    Absence.objects.filter(enrolment=enrolment, occurrence=s[2]).update(reason="illness")
    assert programme.evaluate(now=after(s[4])) == []
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 2


def test_attendance_resets_the_run(programme, enrolment):
    s = sessions(programme)
    programme.evaluate(now=after(s[2]))
    attend(enrolment, s[3])
    programme.evaluate(now=after(s[5]))
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 2
    assert enrolment.flagged_at is None


def test_a_new_run_after_a_flag_is_flagged_again(programme, enrolment):
    s = sessions(programme)
    assert programme.evaluate(now=after(s[3]))
    attend(enrolment, s[4])
    assert programme.evaluate(now=after(s[7])) == []  # s5, s6, s7: three
    assert programme.evaluate(now=after(s[8]))  # s5 to s8: a new run of four
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 4
    assert enrolment.flagged_run_start == s[5]
    assert flag_emails().count() == 2


def test_enrolled_later_counts_from_enrolment(programme):
    s = sessions(programme)
    late = Enrolment.objects.create(
        programme=programme,
        participant=make_participant(name="Late"),
        enrolled_on=s[4].start.date(),
    )
    programme.evaluate(now=after(s[5]))
    late.refresh_from_db()
    assert late.absence_streak == 2


def test_limit_per_programme(programme, enrolment):
    programme.absence_limit = 2
    programme.save()
    s = sessions(programme)
    assert programme.evaluate(now=after(s[1]))


def test_hours_and_certificate(client, programme, enrolment, volunteer_user, coordinator):
    programme.kind = Programme.Kind.CIVIC_ORIENTATION
    programme.hours_goal = 100
    programme.save()
    for session in sessions(programme)[:5]:
        attend(enrolment, session)
    assert enrolment.hours_attended() == 5.0
    assert enrolment.progress_percent() == 5
    assert programme.hours_by_participant() == {enrolment.participant_id: 5.0}
    url = en("events:certificate", enrolment.pk)
    client.force_login(volunteer_user)
    assert client.get(url).status_code == 404  # not theirs
    enrolment.participant.person.user = volunteer_user
    enrolment.participant.person.save()
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hodan Ali" in html and "5.0" in html and "certificate-page" in html
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
