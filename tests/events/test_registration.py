"""Registration per date: seats, waitlist, cancellation, bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import codes
from events.models import Registration, RegistrationError
from samverka.core.models import OutboundEmail

from .conftest import en, make_event, make_organisation

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Amal Hassan",
        "email": "amal@example.com",
        "phone": "",
        "people": "1",
        "language": "ar",
        "access_needs": "",
        "consent": "on",
        "homepage": "",
        "idempotency_key": "key-1",
    }
    data.update(overrides)
    return data


def post(client, occurrence, **overrides):
    return client.post(en("events:date", occurrence.pk), form_data(**overrides))


def emails_to(address):
    return [e for e in OutboundEmail.objects.order_by("pk") if address in e.to]


class TestRegisterModel:
    def test_confirmed_then_waitlisted_by_seats(self, event_index):
        occurrence = make_event(event_index, capacity=3).occurrences.get()
        first, _ = occurrence.register(name="A", email="a@example.com", people=2)
        second, _ = occurrence.register(name="B", email="b@example.com", people=2)
        third, _ = occurrence.register(name="C", email="c@example.com", people=1)
        assert first.status == Registration.Status.CONFIRMED
        assert second.status == Registration.Status.WAITLISTED
        assert third.status == Registration.Status.CONFIRMED  # one seat was left
        assert occurrence.confirmed_seats() == 3
        assert second.waitlist_position() == 1

    def test_confirmation_email_has_ics_and_cancel_link(self, occurrence):
        registration, _ = occurrence.register(name="A", email="a@example.com", language="ar")
        (email,) = emails_to("a@example.com")
        assert email.attachments[0]["filename"] == "event.ics"
        token = codes.cancel_token(registration.pk)
        assert f"/ar/events/cancel/{token}/" in email.body

    def test_full_without_waitlist_saves_nothing(self, event_index):
        occurrence = make_event(event_index, capacity=1, waitlist_enabled=False).occurrences.get()
        occurrence.register(name="A", email="a@example.com")
        with pytest.raises(RegistrationError) as error:
            occurrence.register(name="B", email="b@example.com")
        assert error.value.code == "full"
        assert occurrence.registrations.count() == 1

    def test_cancel_promotes_first_waitlisted_and_tells_them(self, event_index):
        occurrence = make_event(event_index, capacity=1).occurrences.get()
        first, _ = occurrence.register(name="A", email="a@example.com")
        second, _ = occurrence.register(name="B", email="b@example.com", language="en")
        third, _ = occurrence.register(name="C", email="c@example.com")
        promoted = first.cancel()
        assert [r.pk for r in promoted] == [second.pk]
        second.refresh_from_db()
        third.refresh_from_db()
        assert second.status == Registration.Status.CONFIRMED and second.promoted_at
        assert third.status == Registration.Status.WAITLISTED
        assert "seat is yours" in emails_to("b@example.com")[-1].subject
        with pytest.raises(RegistrationError) as error:
            first.cancel()
        assert error.value.code == "already_cancelled"

    def test_same_email_registers_once(self, occurrence):
        first, created = occurrence.register(name="A", email="A@example.com")
        again, created_again = occurrence.register(name="A", email="a@example.com ")
        assert created and not created_again and first.pk == again.pk

    @pytest.mark.parametrize(
        ("fields", "code"),
        [
            ({"starts_at_delta": timedelta(hours=-3)}, "past"),
            ({"starts_at_delta": timedelta(days=90)}, "not_open"),
            ({"starts_at_delta": timedelta(hours=1), "registration_closes_hours": 2}, "closed"),
        ],
    )
    def test_closed_states(self, event_index, fields, code):
        delta = fields.pop("starts_at_delta")
        occurrence = make_event(
            event_index, starts_at=timezone.now() + delta, **fields
        ).occurrences.get()
        with pytest.raises(RegistrationError) as error:
            occurrence.register(name="A", email="a@example.com")
        assert error.value.code == code
        assert not occurrence.registrations.exists()


class TestRegisterView:
    def test_visitor_registers_in_one_step(self, client, occurrence):
        response = post(client, occurrence)
        registration = Registration.objects.get()
        assert response.status_code == 302
        assert response.url == en("events:registered", registration.token)
        assert registration.language == "ar" and registration.consent_at
        page = client.get(response.url)
        assert "You are registered" in page.content.decode()

    def test_double_submit_makes_one_registration(self, client, occurrence):
        post(client, occurrence)
        response = post(client, occurrence)
        assert response.status_code == 302
        assert Registration.objects.count() == 1

    def test_phone_only_is_fine_but_neither_is_not(self, client, occurrence):
        response = post(client, occurrence, email="", phone="")
        assert response.status_code == 400
        assert "email address or a phone number" in response.content.decode()
        assert post(client, occurrence, email="", phone="070-123 45 67").status_code == 302
        assert Registration.objects.get().phone == "070-123 45 67"

    def test_consent_is_required(self, client, occurrence):
        data = form_data()
        del data["consent"]
        response = client.post(en("events:date", occurrence.pk), data)
        assert response.status_code == 400
        assert not Registration.objects.exists()

    def test_honeypot(self, client, occurrence):
        response = post(client, occurrence, homepage="http://spam.example")
        assert response.status_code == 400
        assert "could not be sent" in response.content.decode()
        assert not Registration.objects.exists()

    def test_rate_limit(self, client, occurrence, settings):
        settings.SAMVERKA_PUBLIC_FORM_LIMITS = {"register": (2, 600)}
        for n in range(2):
            post(client, occurrence, email=f"p{n}@example.com", idempotency_key=f"k{n}")
        response = post(client, occurrence, email="p9@example.com", idempotency_key="k9")
        assert response.status_code == 429
        assert "Too many forms have been sent" in response.content.decode()
        assert Registration.objects.count() == 2

    def test_cancelled_date(self, client, event_index):
        event = make_event(event_index)
        occurrence = event.occurrences.get()
        occurrence.status = "cancelled"
        occurrence.save()
        page = client.get(en("events:date", occurrence.pk)).content.decode()
        assert "This date is cancelled" in page and 'name="consent"' not in page
        # Posting anyway (from a tab opened earlier) gets a clear message and saves nothing.
        response = post(client, occurrence)
        assert response.status_code == 409
        assert "This date is cancelled" in response.content.decode()
        assert not Registration.objects.exists()

    def test_full_without_waitlist_message(self, client, event_index):
        occurrence = make_event(event_index, capacity=1, waitlist_enabled=False).occurrences.get()
        post(client, occurrence, email="first@example.com", idempotency_key="a")
        response = post(client, occurrence, email="second@example.com", idempotency_key="b")
        assert response.status_code == 409
        assert "full and has no waitlist" in response.content.decode()
        assert Registration.objects.count() == 1

    def test_logged_in_user_registers_with_account(self, client, occurrence, volunteer_user):
        client.force_login(volunteer_user)
        response = post(client, occurrence, email="ignored@example.com", name="Eva Holm")
        assert response.status_code == 302
        registration = Registration.objects.get()
        assert registration.user == volunteer_user
        assert registration.email == volunteer_user.email


class TestCancelLink:
    def test_cancel_by_link_then_reuse(self, client, event_index):
        occurrence = make_event(event_index, capacity=1).occurrences.get()
        first, _ = occurrence.register(name="A", email="a@example.com")
        waiting, _ = occurrence.register(name="B", email="b@example.com")
        url = en("events:cancel", codes.cancel_token(first.pk))
        assert client.get(url).status_code == 200
        first.refresh_from_db()
        assert first.status == Registration.Status.CONFIRMED  # GET cancels nothing
        response = client.post(url)
        assert "Your registration is cancelled" in response.content.decode()
        waiting.refresh_from_db()
        assert waiting.status == Registration.Status.CONFIRMED
        again = client.post(url)
        assert again.status_code == 410
        assert "already cancelled" in again.content.decode()

    def test_forged_link(self, client, occurrence):
        registration, _ = occurrence.register(name="A", email="a@example.com")
        token = codes.cancel_token(registration.pk)
        response = client.post(en("events:cancel", token[:-3] + "abc"))
        assert response.status_code == 400
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED

    def test_an_expired_link_shows_a_clear_page_and_changes_nothing(
        self, client, occurrence, settings
    ):
        from unittest import mock

        registration, _ = occurrence.register(name="A", email="a@example.com")
        settings.SAMVERKA_EVENTS_CANCEL_LINK_MAX_AGE_DAYS = 30
        made = timezone.now() - timedelta(days=31)
        with mock.patch("django.core.signing.time.time", return_value=made.timestamp()):
            old = codes.cancel_token(registration.pk)
        for response in (
            client.get(en("events:cancel", old)),
            client.post(en("events:cancel", old)),
        ):
            assert response.status_code == 410
            page = response.content.decode()
            assert "This link has expired" in page and occurrence.event.title in page
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED
        assert codes.read_cancel_token(old) is None
        assert codes.check_cancel_token(old) == (codes.CodeCheck.EXPIRED, registration.pk)
        # a link made within the max age still cancels
        fresh = en("events:cancel", codes.cancel_token(registration.pk))
        assert client.get(fresh).status_code == 200
        assert "Your registration is cancelled" in client.post(fresh).content.decode()
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CANCELLED

    def test_a_link_expires_once_its_date_has_taken_place(self, client, occurrence):
        registration, _ = occurrence.register(name="A", email="a@example.com")
        url = en("events:cancel", codes.cancel_token(registration.pk))
        type(occurrence).objects.filter(pk=occurrence.pk).update(
            start=timezone.now() - timedelta(days=2), end=timezone.now() - timedelta(days=2)
        )
        response = client.get(url)
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED


class TestDelegates:
    def test_representative_registers_delegates(self, client, event_index, representative_user):
        from associations.models import Representative

        organisation = make_organisation("Moské Ålunda")
        Representative.objects.create(organisation=organisation, user=representative_user)
        occurrence = make_event(
            event_index, category="network_meeting", capacity=2
        ).occurrences.get()
        client.force_login(representative_user)
        url = en("events:delegates", occurrence.pk)
        assert client.get(url).status_code == 200
        data = {
            "organisation": organisation.pk,
            "idempotency_key": "abc",
            "delegates-TOTAL_FORMS": "3",
            "delegates-INITIAL_FORMS": "0",
            "delegates-0-name": "Ali",
            "delegates-0-email": "ali@example.com",
            "delegates-1-name": "Sara",
            "delegates-1-phone": "0701234567",
            "delegates-2-name": "Omar",
        }
        response = client.post(url, data)
        assert response.status_code == 302
        statuses = list(
            occurrence.registrations.order_by("pk").values_list("name", "status", "organisation")
        )
        assert statuses == [
            ("Ali", "confirmed", organisation.pk),
            ("Sara", "confirmed", organisation.pk),
            ("Omar", "waitlisted", organisation.pk),
        ]
        client.post(url, data)  # the same submit again
        assert occurrence.registrations.count() == 3

    def test_not_a_representative(self, client, occurrence, volunteer_user):
        client.force_login(volunteer_user)
        assert client.get(en("events:delegates", occurrence.pk)).status_code == 404


def test_delegates_are_all_or_nothing(client, event_index, representative_user):
    from associations.models import Representative

    organisation = make_organisation("Moské Väst")
    Representative.objects.create(organisation=organisation, user=representative_user)
    occurrence = make_event(
        event_index, category="network_meeting", capacity=2, waitlist_enabled=False
    ).occurrences.get()
    client.force_login(representative_user)
    data = {
        "organisation": organisation.pk,
        "idempotency_key": "xyz",
        "delegates-TOTAL_FORMS": "3",
        "delegates-INITIAL_FORMS": "0",
        "delegates-0-name": "Ali",
        "delegates-1-name": "Sara",
        "delegates-2-name": "Omar",
    }
    response = client.post(en("events:delegates", occurrence.pk), data)
    assert response.status_code == 400
    assert "full and has no waitlist" in response.content.decode()
    assert not occurrence.registrations.exists()
