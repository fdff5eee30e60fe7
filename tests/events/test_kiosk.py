"""Kiosk check-in: pairing a screen, the device-bound token, personal codes and
QR tokens, rate limits, revocation; and no check-in before a date has come."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from events import kiosk
from events.models import (
    Absence,
    Attendance,
    Enrolment,
    EventPage,
    KioskPairing,
    Programme,
)

from .conftest import make_event, make_participant

pytestmark = pytest.mark.django_db
TABLET = "Mozilla/5.0 (Linux; Android 14; Entrance tablet)"
OTHER = "Mozilla/5.0 (X11; Linux x86_64) Someone else"


@pytest.fixture
def programme(event_index, coordinator):
    event = make_event(
        event_index,
        title="Jobbhörnet",
        category=EventPage.Category.DROP_IN,
        starts_at=timezone.now().replace(microsecond=0) - timedelta(minutes=10),
        duration_minutes=60,
        recurrence_rule="FREQ=DAILY;COUNT=5",
        registration_required=False,
    )
    programme = Programme.objects.create(name="Jobbhörnet", event=event, coordinator=coordinator)
    programme.derive_slots()
    return programme


@pytest.fixture
def enrolment(programme):
    participant = make_participant(name="Hodan Ali", phone="0701234567")
    enrolment = Enrolment.objects.create(programme=programme, participant=participant)
    enrolment.book(programme.slots.all())
    return enrolment


def pair(client, coordinator, programme, user_agent=TABLET, name="Entrén"):
    client.force_login(coordinator)
    response = client.post(
        reverse("events:kiosk_pair"),
        {"name": name, "programme": programme.pk},
        HTTP_USER_AGENT=user_agent,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_pairing_ends_the_staff_session_and_sets_a_device_cookie(client, coordinator, programme):
    response = pair(client, coordinator, programme)
    assert response["Location"] == reverse("events:kiosk")
    cookie = response.cookies[kiosk.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert "_auth_user_id" not in client.session  # no staff session on the screen
    pairing = KioskPairing.objects.get()
    assert pairing.token_hash == KioskPairing.digest(cookie.value)  # only the hash is stored
    assert cookie.value not in pairing.token_hash
    assert ModelLogEntry.objects.filter(action="samverka.kiosk.pair").count() == 1
    screen = client.get(reverse("events:kiosk"), HTTP_USER_AGENT=TABLET)
    body = screen.content.decode()
    assert screen.status_code == 200
    assert gettext("Your check-in code") in body
    assert "site-header" not in body and "account-links" not in body  # no site menu
    assert 'hreflang="ar"' in body  # language buttons


def test_a_participant_checks_in_with_a_code_and_only_the_first_name_shows(
    client, coordinator, programme, enrolment
):
    pair(client, coordinator, programme)
    response = client.post(
        reverse("events:kiosk"), {"code": enrolment.checkin_code}, HTTP_USER_AGENT=TABLET
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert gettext("Welcome, %(name)s!") % {"name": "Hodan"} in body
    assert "Ali" not in body and "070" not in body
    assert 'http-equiv="refresh"' in body  # back to the empty screen
    attendance = Attendance.objects.get()
    assert attendance.participant == enrolment.participant
    assert attendance.method == Attendance.Method.KIOSK


def test_the_screen_speaks_the_chosen_language(client, coordinator, programme, enrolment):
    from django.utils import translation

    pair(client, coordinator, programme)
    with translation.override("ar"):
        url = reverse("events:kiosk")
        expected = gettext("Your check-in code")
    assert url.startswith("/ar/")
    body = client.get(url, HTTP_USER_AGENT=TABLET).content.decode()
    assert 'lang="ar" dir="rtl"' in body and expected in body


def test_a_wrong_code_gets_a_clear_message_and_is_rate_limited(
    client, coordinator, programme, enrolment
):
    pair(client, coordinator, programme)
    wrong = "0000" if enrolment.checkin_code != "0000" else "1111"
    response = client.post(reverse("events:kiosk"), {"code": wrong}, HTTP_USER_AGENT=TABLET)
    assert response.status_code == 400
    assert gettext("That code is not right. Check the digits and try again.") in (
        response.content.decode()
    )
    for _n in range(kiosk.WRONG_CODES_LIMIT):
        client.post(reverse("events:kiosk"), {"code": wrong}, HTTP_USER_AGENT=TABLET)
    locked = client.post(
        reverse("events:kiosk"), {"code": enrolment.checkin_code}, HTTP_USER_AGENT=TABLET
    )
    assert locked.status_code == 429
    assert not Attendance.objects.exists()


def test_the_token_replayed_from_another_device_is_refused(
    client, coordinator, programme, enrolment
):
    response = pair(client, coordinator, programme)
    token = response.cookies[kiosk.COOKIE].value
    refused = client.post(
        reverse("events:kiosk"), {"code": enrolment.checkin_code}, HTTP_USER_AGENT=OTHER
    )
    assert refused.status_code == 403
    assert str(kiosk.REFUSALS["other_device"]) in refused.content.decode()
    # Pairing the screen again revokes the old token: a copy of it no longer works.
    pair(client, coordinator, programme)
    client.cookies[kiosk.COOKIE] = token
    old = client.get(reverse("events:kiosk"), HTTP_USER_AGENT=TABLET)
    assert old.status_code == 403
    assert KioskPairing.objects.active().count() == 1
    assert not Attendance.objects.exists()


def test_a_revoked_screen_refuses_and_the_revocation_is_logged(
    client, coordinator, programme, enrolment
):
    from django.test import Client

    screen = Client()
    pair(screen, coordinator, programme)
    pairing = KioskPairing.objects.get()
    client.force_login(coordinator)
    assert client.get(reverse("kioskpairing:index")).status_code == 200
    response = client.post(reverse("events_admin:kiosk_revoke", args=[pairing.pk]))
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(action="samverka.kiosk.revoke").count() == 1
    refused = screen.post(
        reverse("events:kiosk"), {"code": enrolment.checkin_code}, HTTP_USER_AGENT=TABLET
    )
    assert refused.status_code == 403
    assert escape(str(kiosk.REFUSALS["revoked"])) in refused.content.decode()
    assert not Attendance.objects.exists()


def test_a_qr_token_checks_in_until_the_code_changes(client, coordinator, programme, enrolment):
    token = kiosk.qr_token(enrolment)
    page = client.get(reverse("events:kiosk_qr", args=[token]))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert "Hodan" not in page.content.decode()
    pair(client, coordinator, programme)
    ok = client.post(reverse("events:kiosk"), {"code": token}, HTTP_USER_AGENT=TABLET)
    assert ok.status_code == 200 and Attendance.objects.count() == 1
    Attendance.objects.all().delete()
    enrolment.checkin_code = enrolment.new_checkin_code()
    enrolment.save()
    stale = client.post(reverse("events:kiosk"), {"code": token}, HTTP_USER_AGENT=TABLET)
    assert stale.status_code == 400 and not Attendance.objects.exists()
    forged = client.post(
        reverse("events:kiosk"), {"code": token[:-2] + "xx"}, HTTP_USER_AGENT=TABLET
    )
    assert forged.status_code == 400


def test_someone_elses_programme_code_does_not_check_in(
    client, coordinator, programme, enrolment, event_index
):
    other_event = make_event(
        event_index,
        starts_at=timezone.now() - timedelta(minutes=5),
        registration_required=False,
    )
    other = Programme.objects.create(name="Annan", event=other_event)
    outsider = Enrolment.objects.create(
        programme=other, participant=make_participant(name="Yonas Haile")
    )
    pair(client, coordinator, programme)
    if outsider.checkin_code == enrolment.checkin_code:
        pytest.skip("the two random codes happen to be equal")
    response = client.post(
        reverse("events:kiosk"), {"code": outsider.checkin_code}, HTTP_USER_AGENT=TABLET
    )
    assert response.status_code == 400 and not Attendance.objects.exists()


def test_the_pairing_page_offers_the_programme(client, coordinator, programme):
    client.force_login(coordinator)
    page = client.get(reverse("events:kiosk_pair") + f"?programme={programme.pk}")
    assert page.status_code == 200, page.content.decode()[:3000]
    assert 'id="id_name"' in page.content.decode()


def test_pairing_needs_staff(client, programme, volunteer_user):
    response = client.get(reverse("events:kiosk_pair"))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(volunteer_user)
    assert client.get(reverse("events:kiosk_pair")).status_code == 404
    assert not KioskPairing.objects.exists()


# --- Dates that have not come yet ----------------------------------------------------------


@pytest.fixture
def future_programme(event_index, coordinator):
    event = make_event(
        event_index,
        title="Jobbhörnet",
        category=EventPage.Category.DROP_IN,
        starts_at=timezone.now().replace(microsecond=0) + timedelta(days=2),
        duration_minutes=60,
        registration_required=False,
    )
    return Programme.objects.create(name="Jobbhörnet", event=event, coordinator=coordinator)


def test_a_future_date_cannot_be_checked_in_but_an_absence_can_be_recorded(
    client, coordinator, future_programme
):
    enrolment = Enrolment.objects.create(
        programme=future_programme, participant=make_participant(name="Hodan Ali")
    )
    occurrence = future_programme.event.occurrences.get()
    client.force_login(coordinator)
    url = reverse("events:checkin_staff", args=[occurrence.pk])
    page = client.get(url)
    assert gettext("Absence reason") in page.content.decode()
    for data in (
        {"action": "tick", "kind": "participant", "id": enrolment.participant_id},
        {"action": "walk_in", "name": "Gäst", "people": 1},
    ):
        client.post(url, data)
    assert not Attendance.objects.exists()
    client.post(
        url, {"action": "absence_ahead", "id": enrolment.participant_id, "reason": "internship"}
    )
    absence = Absence.objects.get()
    assert absence.occurrence == occurrence and absence.reason == "internship"


def test_the_kiosk_has_nothing_to_check_in_to_before_the_date(
    client, coordinator, future_programme
):
    enrolment = Enrolment.objects.create(
        programme=future_programme, participant=make_participant(name="Hodan Ali")
    )
    pair(client, coordinator, future_programme)
    response = client.post(
        reverse("events:kiosk"), {"code": enrolment.checkin_code}, HTTP_USER_AGENT=TABLET
    )
    assert response.status_code == 400
    assert gettext("There is no session to check in to right now.") in response.content.decode()
    assert not Attendance.objects.exists()
