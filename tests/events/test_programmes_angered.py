"""Angered's Jobbhörnet end to end: 180 people enrolled in hourly slots at 18
workstations with one file upload, one participant on an internship, and four
absences in a row flagged only on a participant's own slots."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse

from events import attendance
from events.models import (
    AbsenceFlag,
    Attendance,
    EnrolmentPause,
    EventPage,
    Programme,
    ProgrammeSlot,
)
from samverka.people.models import Person

from .conftest import make_event

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
FIRST = datetime(2026, 2, 2, 9, tzinfo=STOCKHOLM)  # a Monday
DAYS = ["mån", "tis", "ons", "tors"]  # as coordinators abbreviate them
HOURS = [9, 10, 13, 14, 15]


def test_angered_jobbhornet(client, event_index, coordinator):
    # Mondays to Thursdays, five one-hour slots a day, four weeks.
    event = make_event(
        event_index,
        title="Jobbhörnet Angered",
        category=EventPage.Category.DROP_IN,
        starts_at=FIRST,
        duration_minutes=60,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;BYHOUR=9,10,13,14,15;COUNT=80",
        registration_required=False,
    )
    programme = Programme.objects.create(
        name="Jobbhörnet Angered",
        event=event,
        coordinator=coordinator,
        absence_limit=4,
        is_private=True,
    )
    slots = programme.derive_slots(capacity=18, room="Datorsalen")
    assert len(slots) == 20 and sum(s.capacity for s in slots) == 360

    # 180 people, each coming twice a week: one upload enrols them all.
    people = [
        Person.objects.create(first_name=f"Deltagare{n}", phone=f"0701{n:06d}") for n in range(180)
    ]
    lines = ["person;slots;enrolled_on"]
    plan = {}
    for n, person in enumerate(people):
        first = n % 20
        second = (first + 10) % 20  # the same hour two days later
        chosen = [slots[first], slots[second]]
        plan[person.pk] = chosen
        lines.append(
            ";".join(
                [
                    f"0701{n:06d}",
                    "|".join(f"{DAYS[s.weekday]} {s.starts_at:%H:%M}" for s in chosen),
                    "2026-02-01",
                ]
            )
        )
    client.force_login(coordinator)
    response = client.post(
        reverse("events_admin:import_enrolments", args=[programme.pk]),
        {"file": SimpleUploadedFile("angered.csv", "\n".join(lines).encode())},
    )
    assert response.status_code == 302
    assert programme.enrolments.count() == 180
    booked = ProgrammeSlot.objects.filter(programme=programme).annotate(n=Count("enrolments"))
    assert max(s.n for s in booked) <= 18 and sum(s.n for s in booked) == 360

    enrolments = {
        e.participant.person_id: e for e in programme.enrolments.select_related("participant")
    }
    truant = enrolments[people[0].pk]  # stops coming to her own slots
    intern = enrolments[people[1].pk]  # on an internship, comes to nothing
    visitor = enrolments[people[2].pk]  # comes, but only to other slots than her own
    intern.pause(
        FIRST.date() + timedelta(days=7),
        FIRST.date() + timedelta(days=27),
        EnrolmentPause.Reason.INTERNSHIP,
        note="Praktik i vården",
    )

    sessions = list(event.occurrences.order_by("start"))
    assert len(sessions) == 80
    rows = []
    for session in sessions:
        key = (
            session.start.astimezone(STOCKHOLM).weekday(),
            session.start.astimezone(STOCKHOLM).time(),
        )
        for person_id, enrolment in enrolments.items():
            own = key in {s.key for s in plan[person_id]}
            week = (session.start.date() - FIRST.date()).days // 7
            if enrolment in (truant, intern) and week >= 1:
                continue
            if enrolment == visitor:
                if not own and key[0] == 0 and key[1].hour == 9:  # Monday 9:00 only
                    rows.append(
                        Attendance(
                            occurrence=session, participant=enrolment.participant, method="kiosk"
                        )
                    )
                continue
            if own:
                rows.append(
                    Attendance(
                        occurrence=session, participant=enrolment.participant, method="kiosk"
                    )
                )
    Attendance.objects.bulk_create(rows)

    flagged = programme.evaluate(now=sessions[-1].end + timedelta(minutes=1))
    assert {e.pk for e in flagged} == {truant.pk, visitor.pk}
    truant.refresh_from_db()
    intern.refresh_from_db()
    assert truant.absence_streak == 6  # two own slots a week, weeks 2–4
    assert intern.absence_streak == 0 and intern.flagged_at is None
    assert AbsenceFlag.objects.filter(decision=AbsenceFlag.Decision.PENDING).count() == 2

    report = attendance.attendance_by_slot_and_week(
        programme, now=sessions[-1].end + timedelta(minutes=1)
    )
    assert len(report) == 20 * 4  # every slot, every week
    assert sum(r.expected for r in report) == 360 * 4 - 6  # the intern's paused sessions
    assert sum(r.paused for r in report) == 6
    assert sum(r.attended for r in report) == sum(r.expected for r in report) - 14

    # A private programme is not listed publicly.
    client.logout()
    assert "Jobbhörnet Angered" not in client.get(reverse("events:list")).content.decode()
