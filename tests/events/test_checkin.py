"""Check-in: the staff list and self check-in by a rotating signed code."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import codes
from events.models import Attendance

from .conftest import en, make_event, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def now_event(event_index):
    """An event that started ten minutes ago."""
    return make_event(
        event_index,
        starts_at=timezone.now() - timedelta(minutes=10),
        registration_required=False,
        capacity=None,
    )


@pytest.fixture
def running(now_event):
    return now_event.occurrences.get()


class TestStaffList:
    def test_only_coordinators_and_organisers(self, client, running, volunteer_user):
        url = en("events:checkin_staff", running.pk)
        assert client.get(url).status_code == 302  # to the login page
        client.force_login(volunteer_user)
        assert client.get(url).status_code == 403

    def test_representative_of_organiser_may(
        self, client, event_index, representative_user, organisation
    ):
        from associations.models import Representative

        Representative.objects.create(organisation=organisation, user=representative_user)
        occurrence = make_event(event_index, organiser=organisation).occurrences.get()
        client.force_login(representative_user)
        url = en("events:checkin_staff", occurrence.pk)
        assert client.get(url).status_code == 200

    def test_tick_search_untick_and_walk_in(self, client, coordinator, event_index):
        # Check-in opens an hour before the start (registration is open until the start).
        soon = make_event(event_index, starts_at=timezone.now() + timedelta(minutes=50))
        occurrence = soon.occurrences.get()
        amal, _ = occurrence.register(name="Amal Hassan", email="amal@example.com", people=2)
        occurrence.register(name="Bo Ek", email="bo@example.com")
        client.force_login(coordinator)
        url = en("events:checkin_staff", occurrence.pk)
        names = [row["name"] for row in client.get(url, {"q": "amal"}).context["rows"]]
        assert names == ["Amal Hassan"]
        tick = {"action": "tick", "kind": "registration", "id": amal.pk}
        assert client.post(url, tick).status_code == 302
        client.post(url, tick)  # a double tap
        assert Attendance.objects.get().registration == amal
        response = client.get(url)
        assert response.context["present_count"] == 2
        client.post(url, {**tick, "action": "untick"})
        assert not Attendance.objects.exists()
        client.post(url, {"action": "walk_in", "name": "Fatima", "people": "1"})
        walk_in = Attendance.objects.get()
        assert walk_in.method == Attendance.Method.WALK_IN and walk_in.name == "Fatima"


class TestSelfCheckIn:
    def test_code_screen(self, client, coordinator, running):
        client.force_login(coordinator)
        response = client.get(en("events:checkin_code", running.pk))
        html = response.content.decode()
        assert response.context["code"] == codes.checkin_code(running.pk)
        # The kiosk reloads itself with a meta refresh (no inline script under the CSP).
        assert "<svg" in html and 'http-equiv="refresh"' not in html
        kiosk = client.get(en("events:checkin_code", running.pk) + "?kiosk=1").content.decode()
        assert 'http-equiv="refresh"' in kiosk

    def test_valid_code_checks_in_once(self, client, volunteer_user, running):
        client.force_login(volunteer_user)
        url = en("events:self_checkin")
        response = client.post(url, {"code": codes.checkin_code(running.pk)})
        assert response.status_code == 302
        attendance = Attendance.objects.get()
        assert attendance.user == volunteer_user and attendance.method == "self"
        response = client.post(url, {"code": codes.checkin_code(running.pk)}, follow=True)
        assert "already checked in" in response.content.decode()
        assert Attendance.objects.count() == 1

    def test_expired_code(self, client, volunteer_user, running):
        client.force_login(volunteer_user)
        old = codes.checkin_code(running.pk, timezone.now() - timedelta(minutes=20))
        response = client.post(en("events:self_checkin"), {"code": old})
        assert response.status_code == 400
        assert "This code has expired" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_forged_code(self, client, volunteer_user, running):
        client.force_login(volunteer_user)
        real = codes.checkin_code(running.pk)
        forged = f"{(int(real) + 7) % 1_000_000:06d}"
        response = client.post(en("events:self_checkin"), {"code": forged})
        assert response.status_code == 400
        assert "not valid" in response.content.decode() or "expired" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_code_of_an_event_not_running_now(self, client, volunteer_user, occurrence):
        client.force_login(volunteer_user)
        response = client.post(
            en("events:self_checkin"), {"code": codes.checkin_code(occurrence.pk)}
        )
        assert response.status_code == 400
        assert not Attendance.objects.exists()

    def test_login_required(self, client):
        assert client.get(en("events:self_checkin")).status_code == 302

    def test_participant_check_in_counts_for_programme(
        self, client, volunteer_user, now_event, running
    ):
        from events.models import Enrolment, Programme

        participant = make_participant(name="Eva", user=volunteer_user)
        programme = Programme.objects.create(name="Jobbhörnet", event=now_event)
        Enrolment.objects.create(
            programme=programme, participant=participant, enrolled_on=timezone.localdate()
        )
        client.force_login(volunteer_user)
        client.post(en("events:self_checkin"), {"code": codes.checkin_code(running.pk)})
        assert Attendance.objects.get().participant == participant
