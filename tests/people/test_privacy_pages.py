"""My pages (see, download, delete), the coordinator's export in the admin, retention and
the export's pinned query count."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from associations.models import Volunteer
from mentors.models import Match, Meeting, Newcomer
from samverka.people.periodic import apply_retention
from samverka.people.privacy import Subject
from samverka.people.retention import RetentionPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def mfa_coordinator(coordinator):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={})
    return coordinator


def test_my_pages_offer_the_data_and_account_deletion(client, world, volunteer_user):
    client.force_login(volunteer_user)
    html = client.get(reverse("core:my_pages")).content.decode()
    assert reverse("people:my_data") in html and reverse("people:delete_account") in html
    page = client.get(reverse("people:my_data")).content.decode()
    assert "Jobbhörnet" in page and "Röda Korset Ålunda" in page
    response = client.get(reverse("people:my_data_json"))
    assert "attachment" in response["Content-Disposition"]
    assert "matches" in response.json()["sections"]


def test_account_deletion_asks_for_the_password_again(client, world, volunteer_user):
    client.force_login(volunteer_user)  # no record of a recent password entry
    assert client.get(reverse("people:delete_account")).status_code == 200
    response = client.post(reverse("people:delete_account"))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert get_user_model().objects.filter(pk=volunteer_user.pk).exists()


def test_account_deletion_after_the_password_erases_everything(client, world, volunteer_user):
    client.force_login(volunteer_user)
    response = client.post(reverse("people:delete_account"))
    wrong = client.post(response["Location"], {"password": "wrong-password"})
    assert wrong.status_code == 200
    assert get_user_model().objects.filter(pk=volunteer_user.pk).exists()
    # allauth replays the confirmed request once the password is right.
    response = client.post(response["Location"], {"password": "demo-volontar"}, follow=True)
    assert response.status_code == 200
    assert not get_user_model().objects.filter(pk=volunteer_user.pk).exists()
    assert Volunteer.objects.get(pk=world.eva.pk).first_name == "–"
    assert Match.objects.get(pk=world.match.pk).status == "ended"
    # signed out
    assert client.get(reverse("core:my_pages")).status_code == 302


def test_coordinator_exports_a_person_and_it_is_logged(client, world, mfa_coordinator):
    client.force_login(mfa_coordinator)
    response = client.get(reverse("people_admin:search"), {"q": "+46 70 987 65 43"})
    assert "newcomer:" in response.content.decode()
    url = reverse("people_admin:export", args=["newcomer", world.newcomer.pk])
    response = client.get(url)
    assert response.status_code == 200 and "Snickare, praktik" in response.content.decode()
    data = client.get(url, {"format": "json"}).json()
    assert {"newcomer", "internships", "outcomes", "enrolments"} <= set(data["sections"])
    entries = ModelLogEntry.objects.filter(action="samverka.export_person")
    assert entries.count() == 2 and entries.first().user_id == mfa_coordinator.pk


def test_only_coordinators_export(client, world, editor):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={})
    client.force_login(editor)
    url = reverse("people_admin:export", args=["newcomer", world.newcomer.pk])
    # Wagtail turns the refusal (PermissionDenied) into a redirect to the dashboard.
    for response in (client.get(url), client.get(reverse("people_admin:search"))):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ModelLogEntry.objects.filter(action="samverka.export_person").exists()


def test_admin_search_says_what_is_wrong(client, db, mfa_coordinator):
    client.force_login(mfa_coordinator)
    html = client.get(reverse("people_admin:search"), {"q": "nobody@example.net"}).content
    # The admin speaks the coordinator's language (Swedish by default).
    message = _("Nobody is registered with %(address)s.") % {"address": "nobody@example.net"}
    assert message in html.decode()
    html = client.get(reverse("people_admin:search"), {"q": "hello"}).content.decode()
    from django.utils.html import escape

    wrong = _("“%(text)s” is not an email address, a phone number or a record such as newcomer:12.")
    assert escape(wrong % {"text": "hello"}) in html and 'value="hello"' in html


def test_retention_anonymises_what_is_due_with_the_municipalitys_period(
    db, client, mfa_coordinator
):
    old = Newcomer.objects.register(first_name="Gammal", status=Newcomer.Status.CLOSED)
    recent = Newcomer.objects.register(first_name="Ny", status=Newcomer.Status.CLOSED)
    Newcomer.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=400)
    )
    apply_retention.call()  # default: two years
    assert Newcomer.objects.get(pk=old.pk).first_name == "Gammal"

    client.force_login(mfa_coordinator)
    page = client.get(reverse("people_admin:retention"))
    row = next(r for r in page.context["report"] if r["rule"].key == "closed_newcomers")
    assert (row["days"], row["due"]) == (730, 0)
    response = client.post(reverse("people_admin:retention"), {"closed_newcomers": "abc"})
    assert _("Enter a number of days from 1 to 36500.") in response.content.decode()
    data = {r["rule"].key: r["days"] for r in page.context["report"]}
    client.post(reverse("people_admin:retention"), {**data, "closed_newcomers": "365"})
    assert RetentionPeriod.objects.get(rule="closed_newcomers").days == 365
    page = client.get(reverse("people_admin:retention"))
    row = next(r for r in page.context["report"] if r["rule"].key == "closed_newcomers")
    assert row["due"] == 1

    apply_retention.call()
    assert Newcomer.objects.get(pk=old.pk).first_name == "–"
    assert Newcomer.objects.get(pk=old.pk).person.anonymised_at is not None
    assert Newcomer.objects.get(pk=recent.pk).first_name == "Ny"


def _with_meetings(world, n):
    match = world.match
    Meeting.objects.bulk_create(
        Meeting(match=match, date=datetime.date(2026, 1, 1), minutes=60, activity="Fika")
        for _ in range(n)
    )


@pytest.mark.parametrize("extra", [0, 99])
def test_export_query_count_is_pinned(world, volunteer_user, extra, django_assert_num_queries):
    _with_meetings(world, extra)
    occurrence = world.event.occurrences.get()
    from events.models import Attendance, Registration

    for _i in range(extra):
        registration = Registration.objects.create(
            occurrence=occurrence, user=volunteer_user, name="Eva Holm", status="cancelled"
        )
        Attendance.objects.create(occurrence=occurrence, registration=registration, method="staff")
    subject = Subject.for_user(volunteer_user)
    # One query per section with records to look in (23: outbox, person, consent history,
    # volunteer, memberships, representative roles, access requests, invitations, kompis
    # preferences, matches, meetings, match follow-ups, internships, their follow-ups,
    # contacts and outcomes, participant, registrations, attendance, enrolments, absences,
    # feedback, calendar), plus 1 for the account's MFA and 1 for its email addresses;
    # the newcomer sections cost none (Eva has no kompis profile); and this release's six
    # (programme pauses, absence flags, phone checks, coaching cases, their contacts,
    # referrals). Nothing grows with rows.
    with django_assert_num_queries(31):
        subject.export_json()


def test_a_contact_with_no_profile_and_no_activity_is_erased_after_its_period(db, volunteer_user):
    from samverka.people.models import Person
    from samverka.people.retention import apply_due, due_report

    contact = Person.objects.create(first_name="Kontakt", email="kontakt@example.org")
    with_account = Person.objects.create(first_name="Konto", user=volunteer_user)
    newcomer = Newcomer.objects.register(first_name="Amal", email="amal@example.org")
    now = timezone.now()

    def due(days_later):
        report = due_report(now + datetime.timedelta(days=days_later))
        return next(row for row in report if row["rule"].key == "contacts")

    assert due(364)["days"] == 365 and due(364)["due"] == 0
    assert apply_due(now + datetime.timedelta(days=364))["contacts"] == 0
    assert Person.objects.get(pk=contact.pk).first_name == "Kontakt"
    assert due(366)["due"] == 1
    assert apply_due(now + datetime.timedelta(days=366))["contacts"] == 1
    contact.refresh_from_db()
    assert (contact.first_name, contact.email) == ("–", "")
    assert contact.anonymised_at is not None
    # the newcomer's Person has a profile; the account holder is not a mere contact
    assert Person.objects.get(pk=newcomer.person_id).first_name == "Amal"
    assert Person.objects.get(pk=with_account.pk).first_name == "Konto"
    # a second run finds nothing more
    assert apply_due(now + datetime.timedelta(days=400))["contacts"] == 0
