import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core import sms
from samverka.people import verification
from samverka.people.verification import PhoneVerification, VerificationError

pytestmark = pytest.mark.django_db


def _sent_code():
    return "".join(ch for ch in sms.outbox[-1].body if ch.isdigit())[:6]


def test_a_code_by_sms_confirms_the_number(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = verification.send_code(person, "0709998877")
    assert sent.code_hash and sent.phone == "+46709998877"
    code = _sent_code()
    assert code not in sent.code_hash  # only a hash is stored
    with pytest.raises(VerificationError):
        verification.confirm(person, "000000" if code != "000000" else "111111")
    assert verification.confirm(person, code) == "+46709998877"
    person.refresh_from_db()
    assert str(person.phone) == "+46709998877" and person.phone_verified_at is not None
    with pytest.raises(VerificationError):
        verification.confirm(person, code)  # used


def test_an_expired_code_and_too_many_tries_are_refused(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        verification.send_code(person)
    code = _sent_code()
    later = timezone.now() + timezone.timedelta(minutes=11)
    with pytest.raises(VerificationError):
        verification.confirm(person, code, now=later)
    for _ in range(verification.MAX_TRIES):
        with pytest.raises(VerificationError):
            verification.confirm(person, "x")
    with pytest.raises(VerificationError):
        verification.confirm(person, code)  # locked after five wrong tries


def test_landlines_opted_out_people_and_floods_get_clear_refusals(person):
    with pytest.raises(VerificationError):
        verification.send_code(person, "08-123 456 78")
    for _ in range(verification.PER_PERSON_PER_HOUR):
        verification.send_code(person)
    with pytest.raises(VerificationError):
        verification.send_code(person)
    assert (
        PhoneVerification.objects.filter(person=person).count() == verification.PER_PERSON_PER_HOUR
    )
    person.sms_opt_out_at = timezone.now()
    with pytest.raises(VerificationError):
        verification.send_code(person)


def test_the_page_keeps_what_was_typed_and_says_what_is_wrong(client, volunteer_user, person):
    person.user = volunteer_user
    person.save()
    client.force_login(volunteer_user)
    url = reverse("people:my_phone")
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "send", "phone": "08-123 456 78"})
    assert response.status_code == 400
    page = response.content.decode()
    assert str(sms.numbers.NOT_MOBILE) in page.replace("&#x27;", "'")
    response = client.post(url, {"action": "send", "phone": "0709998877"})
    assert response.status_code == 302
    response = client.post(url, {"action": "confirm", "code": "999999x"})
    assert response.status_code == 400


def test_the_page_is_for_signed_in_people_with_a_person(client, coordinator):
    assert client.get(reverse("people:my_phone")).status_code == 302
    client.force_login(coordinator)
    assert client.get(reverse("people:my_phone")).status_code == 404


def test_codes_are_purged_after_a_day_and_with_the_person(person):
    from samverka.people.privacy import anonymise_people

    verification.send_code(person)
    assert verification.purge_old_checks() == 0
    assert verification.purge_old_checks(now=timezone.now() + timezone.timedelta(days=2)) == 1
    verification.send_code(person)
    anonymise_people(type(person).objects.filter(pk=person.pk))
    assert not PhoneVerification.objects.exists()
