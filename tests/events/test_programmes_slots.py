"""Schedules per participant (slots with places), pauses, absence reasons per
programme, bulk enrolment and import, the data migration, private programmes
and the drop-in category."""

import importlib
import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext

from events.models import (
    Absence,
    AbsenceFlag,
    Attendance,
    Enrolment,
    EnrolmentPause,
    EventOccurrence,
    EventPage,
    Programme,
    ProgrammeSlot,
    SlotFull,
)
from samverka.people.models import Person

from .conftest import make_event, make_participant

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY = datetime(2026, 1, 5, 10, tzinfo=STOCKHOLM)
MON, THU = ProgrammeSlot.Weekday.MONDAY, ProgrammeSlot.Weekday.THURSDAY


@pytest.fixture
def programme(event_index, coordinator):
    event = make_event(
        event_index,
        title="Jobbhörnet",
        category=EventPage.Category.DROP_IN,
        starts_at=MONDAY,
        duration_minutes=60,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TH;COUNT=16",
        registration_required=False,
    )
    programme = Programme.objects.create(
        name="Jobbhörnet", event=event, coordinator=coordinator, absence_limit=4
    )
    programme.derive_slots(capacity=18, room="Datorsalen")
    return programme


def slot(programme, weekday):
    return programme.slots.get(weekday=weekday)


def enrol(programme, name, weekdays, phone=""):
    participant = make_participant(name=name, phone=phone)
    enrolment = Enrolment.objects.create(
        programme=programme, participant=participant, enrolled_on=MONDAY.date()
    )
    enrolment.book([slot(programme, day) for day in weekdays])
    return enrolment


def sessions(programme, weekday=None):
    rows = list(programme.event.occurrences.order_by("start"))
    if weekday is None:
        return rows
    return [s for s in rows if s.start.astimezone(STOCKHOLM).weekday() == weekday]


def after(session):
    return session.end + timedelta(minutes=1)


def attend(enrolment, session):
    Attendance.objects.create(occurrence=session, participant=enrolment.participant, method="staff")


def test_slots_derived_from_the_event_dates(programme):
    assert [(s.weekday, s.starts_at) for s in programme.slots.all()] == [
        (MON, time(10)),
        (THU, time(10)),
    ]
    assert str(slot(programme, MON)) == f"{gettext('Monday')} 10:00 (Datorsalen)"


def test_only_own_slots_count_towards_four_in_a_row(programme):
    monday_only = enrol(programme, "Hodan Ali", [MON])
    both = enrol(programme, "Yonas Haile", [MON, THU])
    mondays, thursdays = sessions(programme, MON), sessions(programme, THU)
    for thursday in thursdays:  # Hodan comes on Thursdays, which are not her slot
        attend(monday_only, thursday)
    # Three Mondays missed: not yet four of her own sessions.
    assert programme.evaluate(now=after(mondays[2])) == [both]
    monday_only.refresh_from_db()
    assert monday_only.absence_streak == 3
    # Her Thursday visits neither count as absences nor break the run of own slots.
    assert not Absence.objects.filter(enrolment=monday_only, occurrence__in=thursdays).exists()
    assert programme.evaluate(now=after(mondays[3])) == [monday_only]
    monday_only.refresh_from_db()
    assert monday_only.absence_streak == 4
    flag = AbsenceFlag.objects.get(enrolment=monday_only)
    assert flag.decision == AbsenceFlag.Decision.PENDING and flag.run_start == mondays[0]


def test_a_pause_is_never_an_absence(programme):
    enrolment = enrol(programme, "Hodan Ali", [MON, THU])
    s = sessions(programme)
    enrolment.pause(
        s[0].start.date(), s[5].start.date(), EnrolmentPause.Reason.INTERNSHIP, note="Praktik"
    )
    assert programme.evaluate(now=after(s[8])) == []
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 3  # s6, s7, s8 after the pause
    assert not Absence.objects.filter(enrolment=enrolment, occurrence__in=s[:6]).exists()


def test_overlapping_pauses_are_refused_with_a_message(programme):
    enrolment = enrol(programme, "Hodan Ali", [MON])
    day = MONDAY.date()
    enrolment.pause(day, day + timedelta(days=10), EnrolmentPause.Reason.INTERNSHIP)
    with pytest.raises(ValidationError) as error:
        enrolment.pause(day + timedelta(days=5), day + timedelta(days=20), "illness")
    assert gettext("This pause overlaps another pause (%(other)s).").split("(")[0] in str(
        error.value
    )
    with pytest.raises(ValidationError):
        enrolment.pause(day + timedelta(days=30), day + timedelta(days=29), "course")
    assert enrolment.pauses.count() == 1


def test_absence_reasons_are_configured_per_programme(programme):
    enrolment = enrol(programme, "Hodan Ali", [MON, THU])
    s = sessions(programme)
    programme.evaluate(now=after(s[2]))
    Absence.objects.filter(enrolment=enrolment, occurrence=s[1]).update(reason="internship")
    programme.evaluate(now=after(s[3]))
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 3  # "on internship" is valid by default
    programme.absence_reasons = ["illness"]  # this programme accepts only illness
    programme.save()
    programme.evaluate(now=after(s[3]))
    enrolment.refresh_from_db()
    assert enrolment.absence_streak == 4
    assert [value for value, _label in programme.reason_choices()] == ["none", "illness"]


def test_a_full_slot_refuses_more(programme):
    monday = slot(programme, MON)
    monday.capacity = 1
    monday.save()
    enrol(programme, "Hodan Ali", [MON])
    participant = make_participant(name="Yonas Haile")
    second = Enrolment.objects.create(programme=programme, participant=participant)
    with pytest.raises(SlotFull):
        second.book([monday])
    assert second.slots.count() == 0


def test_enrol_many_is_all_or_nothing(programme):
    monday = slot(programme, MON)
    monday.capacity = 2
    monday.save()
    people = [Person.objects.create(first_name=f"P{n}") for n in range(3)]
    with pytest.raises(ValidationError) as error:
        programme.enrol_many([(p, [monday], None) for p in people])
    assert "2" in str(error.value)
    assert programme.enrolments.count() == 0
    created = programme.enrol_many([(p, [monday], None) for p in people[:2]])
    assert len({e.checkin_code for e in created}) == 2
    assert monday.enrolments.count() == 2


@pytest.mark.parametrize("count", [1, 100])
def test_enrol_many_takes_the_same_queries_for_1_and_100(
    programme, count, django_assert_num_queries
):
    people = [Person.objects.create(first_name=f"P{n}") for n in range(count)]
    programme.slots.update(capacity=None)
    slots = list(programme.slots.all())
    # savepoint, lock the slots (SQLite: a write first, then the select), who is
    # enrolled already, slots with places taken, participants found, participants
    # created, participants read back, codes taken, enrolments created, their ids
    # (SQLite returns none from a bulk insert), bookings created, release savepoint
    sqlite = connection.vendor == "sqlite"
    with django_assert_num_queries(13 if sqlite else 11):
        programme.enrol_many([(p, slots, None) for p in people])
    assert programme.enrolments.count() == count


@pytest.mark.parametrize("count", [1, 50])
def test_evaluate_takes_the_same_queries_for_1_and_50(programme, count, django_assert_num_queries):
    people = [Person.objects.create(first_name=f"P{n}") for n in range(count)]
    programme.slots.update(capacity=None)
    programme.enrol_many([(p, list(programme.slots.all()), MONDAY.date()) for p in people])
    s = sessions(programme)
    programme.evaluate(now=after(s[1]))
    # sessions, slots, enrolments, bookings, pauses, attendance, absences,
    # absences created, streaks updated
    with django_assert_num_queries(9):
        assert programme.evaluate(now=after(s[2])) == []


# --- Admin: bulk enrolment and import ------------------------------------------------------


def _csv(text, name="enrol.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_coordinator_enrols_everyone_listed_in_one_step(client, coordinator, programme):
    for n in range(15):
        Person.objects.create(first_name=f"Deltagare{n}", district="Angered")
    Person.objects.create(first_name="Annan", district="Kortedala")
    client.force_login(coordinator)
    url = reverse("events_admin:enrol", args=[programme.pk]) + "?q=Angered"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "everyone_listed": "on",
            "slots": [slot(programme, MON).pk, slot(programme, THU).pk],
            "enrolled_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    assert programme.enrolments.count() == 15
    assert not programme.enrolments.filter(participant__person__first_name="Annan").exists()
    assert slot(programme, THU).enrolments.count() == 15
    # Ticking people one by one; a slot's places are checked for all of them together.
    others = [Person.objects.create(first_name=f"Ny{n}") for n in range(4)]
    url = reverse("events_admin:enrol", args=[programme.pk]) + "?q=Ny"
    full = client.post(
        url,
        {
            "people": [p.pk for p in others],
            "slots": [slot(programme, MON).pk],
            "enrolled_on": "2026-01-05",
        },
    )
    assert full.status_code == 200
    assert (
        gettext("%(slot)s has %(left)s places left, not %(wanted)s.")
        % {"slot": slot(programme, MON), "left": 3, "wanted": 4}
    ) in full.content.decode()
    assert programme.enrolments.count() == 15
    ok = client.post(
        url,
        {
            "people": [p.pk for p in others[:3]],
            "slots": [slot(programme, MON).pk],
            "enrolled_on": "2026-01-05",
        },
    )
    assert ok.status_code == 302 and programme.enrolments.count() == 18


def test_import_checks_every_row_and_saves_nothing_when_one_is_wrong(
    client, coordinator, programme
):
    Person.objects.create(first_name="Hodan", phone="0701234567")
    Person.objects.create(first_name="Yonas", email="yonas@example.com")
    client.force_login(coordinator)
    url = reverse("events_admin:import_enrolments", args=[programme.pk])
    bad = (
        "person;slots\n"
        "070-123 45 67;mån 10:00|tors 10:00\n"
        "yonas@example.com;fredag 10:00\n"
        "0709999999;mon 10:00\n"
    )
    response = client.post(url, {"file": _csv(bad)})
    assert response.status_code == 400
    body = response.content.decode()
    assert gettext("Unknown slot “%(value)s”.") % {"value": "fredag 10:00"} in body
    assert gettext("Unknown person “%(value)s”.") % {"value": "0709999999"} in body
    assert programme.enrolments.count() == 0
    good = "person,slots,enrolled_on\n0701234567,mon 10:00|thu 10:00,2026-01-05\nyonas@example.com,tisdag 10:00|thu 10:00,\n"
    response = client.post(url, {"file": _csv(good.replace("tisdag", "måndag"))})
    assert response.status_code == 302, response.content.decode()
    assert programme.enrolments.count() == 2
    hodan = programme.enrolments.get(participant__person__first_name="Hodan")
    assert hodan.slots.count() == 2 and hodan.enrolled_on.isoformat() == "2026-01-05"


def test_import_reads_excel_and_refuses_a_slot_over_its_places(client, coordinator, programme):
    from openpyxl import Workbook

    monday = slot(programme, MON)
    monday.capacity = 1
    monday.save()
    Person.objects.create(first_name="Hodan", phone="0701234567")
    Person.objects.create(first_name="Yonas", phone="0707654321")
    book = Workbook()
    sheet = book.active
    sheet.append(["person", "slots"])
    sheet.append(["0701234567", "mon 10:00"])
    sheet.append(["0707654321", "mon 10:00"])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(coordinator)
    response = client.post(
        reverse("events_admin:import_enrolments", args=[programme.pk]),
        {"file": SimpleUploadedFile("enrol.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 400
    assert (
        gettext("%(slot)s is full (%(places)s places).")
        % {
            "slot": monday,
            "places": 1,
        }
        in response.content.decode()
    )
    assert programme.enrolments.count() == 0


def test_enrolment_form_refuses_a_full_slot(client, coordinator, programme):
    monday = slot(programme, MON)
    monday.capacity = 1
    monday.save()
    enrol(programme, "Hodan Ali", [MON])
    other = make_participant(name="Yonas Haile")
    client.force_login(coordinator)
    response = client.post(
        reverse("enrolment:add"),
        {
            "programme": programme.pk,
            "participant": other.pk,
            "slots": [monday.pk],
            "enrolled_on": "2026-01-05",
        },
    )
    assert response.status_code == 200
    assert (gettext("No places left in %(slots)s.") % {"slots": monday}) in (
        response.content.decode()
    )
    assert not Enrolment.objects.filter(participant=other).exists()


def test_flag_decision_is_recorded_and_clears_the_flag(client, coordinator, programme):
    enrolment = enrol(programme, "Hodan Ali", [MON, THU])
    s = sessions(programme)
    programme.evaluate(now=after(s[3]))
    flag = AbsenceFlag.objects.get(enrolment=enrolment)
    client.force_login(coordinator)
    response = client.post(
        reverse("absenceflag:edit", args=[flag.pk]),
        {"decision": "talked", "note": "Sjuk, glömde ringa."},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    enrolment.refresh_from_db()
    assert flag.decided_by == coordinator and flag.decision == "talked"
    assert enrolment.flagged_at is None


# --- Data migration ----------------------------------------------------------------------


def test_migration_books_existing_enrolments_on_slots_from_the_event_dates(
    event_index, coordinator
):
    migration = importlib.import_module("events.migrations.0011_slots_from_event_dates")
    event = make_event(
        event_index,
        starts_at=MONDAY,
        duration_minutes=60,
        recurrence_rule="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6",
    )
    programme = Programme.objects.create(name="Gammal", event=event, coordinator=coordinator)
    participant = make_participant(name="Hodan Ali")
    enrolment = Enrolment.objects.create(programme=programme, participant=participant)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        checkin_code="", flagged_at=MONDAY, absence_streak=4
    )
    left = Enrolment.objects.create(
        programme=programme, participant=make_participant(name="Yonas Haile"), ended_on=MONDAY
    )
    migration.forwards(apps, None)
    assert sorted(programme.slots.values_list("weekday", flat=True)) == [1, 3]
    enrolment.refresh_from_db()
    assert enrolment.slots.count() == 2 and len(enrolment.checkin_code) == 4
    assert left.slots.count() == 0
    assert AbsenceFlag.objects.get(enrolment=enrolment).streak == 4
    migration.forwards(apps, None)  # running again changes nothing
    assert programme.slots.count() == 2 and AbsenceFlag.objects.count() == 1


# --- Listing: drop-in and private programmes --------------------------------------------


def test_private_programme_is_not_listed_but_its_dates_still_check_in(
    client, event_index, coordinator
):
    from django.utils import timezone

    soon = timezone.now() + timedelta(minutes=30)
    event = make_event(
        event_index,
        title="Jobbhörnet",
        category=EventPage.Category.DROP_IN,
        starts_at=soon,
        registration_required=False,
    )
    public = client.get(reverse("events:list"))
    assert "Jobbhörnet" in public.content.decode()
    assert gettext("Drop-in") in public.content.decode()
    Programme.objects.create(name="Jobbhörnet", event=event, is_private=True)
    assert "Jobbhörnet" not in client.get(reverse("events:list")).content.decode()
    occurrence = event.occurrences.get()
    assert not EventOccurrence.objects.public().filter(pk=occurrence.pk).exists()
    assert client.get(reverse("events:date", args=[occurrence.pk])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("events:checkin_staff", args=[occurrence.pk])).status_code == 200


def test_session_reminders_follow_the_participants_own_slots_and_pauses(programme):
    from events.reminders import session_reminders_due

    enrol(programme, "Amina", [MON], phone="+46701234501")
    both = enrol(programme, "Bashir", [MON, THU], phone="+46701234502")
    paused = enrol(programme, "Carin", [THU], phone="+46701234503")
    thursday = sessions(programme, THU)[0]
    EnrolmentPause.objects.create(
        enrolment=paused,
        starts_on=thursday.start.date(),
        ends_on=thursday.start.date(),
        reason=EnrolmentPause.Reason.INTERNSHIP,
    )
    due = list(session_reminders_due(now=thursday.start - timedelta(hours=12)))
    # Thursday's session: Bashir (booked on Thursdays); not Amina (Mondays only), not
    # Carin (paused for her internship that day).
    assert [(e.pk, s.pk) for e, s in due] == [(both.pk, thursday.pk)]


def test_the_next_sessions_link_lists_own_slots_and_the_check_in_code(
    client, event_index, coordinator
):
    from django.urls import resolve
    from django.utils import timezone

    from events.kiosk import read_qr_token
    from events.links import next_session_url

    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    next_monday = today + timedelta(days=7 - today.weekday())
    event = make_event(
        event_index,
        title="Jobbhörnet framåt",
        category=EventPage.Category.DROP_IN,
        starts_at=next_monday,
        duration_minutes=60,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8",
        registration_required=False,
    )
    future = Programme.objects.create(
        name="Jobbhörnet framåt", event=event, coordinator=coordinator
    )
    future.derive_slots(capacity=18, room="Datorsalen")
    participant = make_participant(name="Amina", phone="+46701234501")
    amina = Enrolment.objects.create(
        programme=future, participant=participant, enrolled_on=today.date()
    )
    amina.book([slot(future, MON)])

    page = client.get(next_session_url(amina))
    shown = page.context["sessions"]
    assert len(shown) == 3
    assert all(s.start.astimezone(STOCKHOLM).weekday() == MON for s in shown)
    # The token is signed with the time it was made: compare what it says, not its text.
    qr_url = page.context["checkin_qr_url"]
    match = resolve(qr_url)
    assert match.view_name == "events:kiosk_qr"
    assert read_qr_token(match.kwargs["token"]) == (amina.pk, amina.checkin_code)


def test_a_place_taken_between_the_forms_check_and_the_save_is_a_message(
    client, coordinator, programme, monkeypatch
):
    """Two coordinators enrol at once: both forms saw a free place; the second to save is
    refused under the row lock (Enrolment.book). They get the form back with a message and
    what they chose, not an error page, and nothing of their enrolment is saved."""
    from events import programme_forms

    monday = slot(programme, MON)
    monday.capacity = 1
    monday.save()
    enrol(programme, "Hodan Ali", [MON])
    # the form's own check ran before the other coordinator's enrolment was saved
    monkeypatch.setattr(programme_forms, "_is_full", lambda slot, enrolment: False)
    other = make_participant(name="Yonas Haile")
    client.force_login(coordinator)
    response = client.post(
        reverse("enrolment:add"),
        {
            "programme": programme.pk,
            "participant": other.pk,
            "slots": [monday.pk],
            "enrolled_on": "2026-01-07",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (gettext("No places left in %(slots)s.") % {"slots": monday}) in page
    assert 'value="2026-01-07"' in page
    assert not Enrolment.objects.filter(participant=other).exists()
    assert monday.enrolments.count() == 1

    # the same on the edit form: moving an enrolment onto the full slot
    thursday_only = enrol(programme, "Amal Noor", [THU])
    response = client.post(
        reverse("enrolment:edit", args=[thursday_only.pk]),
        {
            "programme": programme.pk,
            "participant": thursday_only.participant.pk,
            "slots": [monday.pk],
            "enrolled_on": "2026-01-05",
        },
    )
    assert response.status_code == 200
    assert (gettext("No places left in %(slots)s.") % {"slots": monday}) in (
        response.content.decode()
    )
    assert list(thursday_only.slots.all()) == [slot(programme, THU)]
