"""The privacy contract: export (Art. 15), erasure (Art. 17) and the DPO's command."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from mentors.internships.models import Internship
from mentors.internships.reports import Report
from mentors.models import Match, Meeting, Newcomer
from samverka.core.models import OutboundEmail
from samverka.people.models import ConsentVersion
from samverka.people.privacy import Subject

from .conftest import ZAYNAB, ZAYNAB_PHONE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


EVERY_KIND = {
    "account",
    "person",
    "volunteer",
    "consent",
    "memberships",
    "representative_roles",
    "matches",
    "meetings",
    "match_follow_ups",
    "internships",
    "internship_follow_ups",
    "internship_contacts",
    "outcomes",
    "registrations",
    "attendance",
    "participant",
    "enrolments",
    "absences",
    "feedback",
    "messages",
}


def test_export_of_the_volunteer_finds_every_kind_of_record(world, volunteer_user):
    data = Subject.for_user(volunteer_user).export_json()
    assert EVERY_KIND <= set(data["sections"])
    sections = data["sections"]
    (account,) = sections["account"]["items"]
    assert account["two_factor"] is False and account["email_addresses"][0]["verified"]
    assert sections["volunteer"]["items"][0]["first_name"] == "Eva"
    # The consent history: the volunteering text Eva agreed to, word for word.
    volunteering = ConsentVersion.objects.current(ConsentVersion.Purpose.VOLUNTEERING)
    (consent,) = sections["consent"]["items"]
    assert consent["version__text"] == volunteering.text and consent["method"] == "On a form online"
    assert sections["person"]["items"][0]["email"] == volunteer_user.email
    assert sections["memberships"]["items"][0]["organisation"] == "Röda Korset Ålunda"
    assert "Pålitlig" not in json.dumps(data)  # the organisation's own notes are theirs
    assert sections["matches"]["items"][0]["status"] == "Active"
    assert sections["meetings"]["items"][0]["minutes"] == 90
    assert sections["internships"]["items"][0]["mentor"] == "Eva Holm"
    assert sections["outcomes"]["items"][0]["kind"] == "Subsidised: nystartsjobb"
    assert sections["registrations"]["items"][0]["access_needs"] == "Rullstol"
    assert sections["attendance"]["items"][0]["method"] == "Checked in with code"
    assert sections["enrolments"]["items"][0]["programme"] == "Jobbhörnet"
    assert sections["absences"]["items"][0]["note"] == "Sjuk"
    # That Eva answered a survey; the answer itself is anonymous and not hers to export.
    assert sections["feedback"]["items"][0]["registration__occurrence"]
    assert "Trevligt" not in json.dumps(data)
    # The proposal about the match went to Eva through the outbox.
    assert any("kompis" in m["body"] for m in sections["messages"]["items"])
    # Nobody else's records: the newcomer's own profile is not in Eva's export.
    assert "newcomer" not in sections and "participant" in sections
    assert len(sections["participant"]["items"]) == 1


def test_newcomer_is_found_by_phone_however_it_is_typed(world):
    for typed in ("+46 70 987 65 43", "0709876543", "070-987 65 43"):
        (subject,) = Subject.find(typed)
        kinds = {r.kind for r in subject.records}
        # Her Person and both its profiles.
        assert kinds == {"person", "newcomer", "participant"}, typed


def _database_text():
    """Every value in every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            for row in cursor.fetchall():
                chunks.extend(str(value) for value in row if value is not None)
    return "\n".join(chunks).casefold()


def _report_figures():
    report = Report(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)).run()
    return [(t.slug, t.rows) for t in report.tables], report.headline()


def test_erasing_a_newcomer_leaves_no_trace_and_keeps_the_figures(world, coordinator):
    needles = [ZAYNAB["first"], ZAYNAB["last"], ZAYNAB["email"], "987 65 43", "709876543"]
    text = _database_text()
    assert all(needle.casefold() in text for needle in needles)  # the test can fail
    figures = _report_figures()
    # A coordinator noted consent on her Person: the audit trail names her too.
    log(
        instance=world.newcomer.person,
        action="people.consent_recorded",
        user=coordinator,
        data={"method": "oral"},
    )
    assert ModelLogEntry.objects.filter(label__icontains=ZAYNAB["first"]).exists()

    out = StringIO()
    call_command("privacy", "erase", ZAYNAB["email"], stdout=out)
    assert "matches ended: 1" in out.getvalue()

    text = _database_text()
    assert [n for n in needles if n.casefold() in text] == []
    assert _report_figures() == figures
    newcomer = Newcomer.objects.get(pk=world.newcomer.pk)  # anonymised, not deleted
    assert newcomer.person.anonymised_at is not None and newcomer.first_name == "–"
    assert not newcomer.person.consent_records.exists()
    assert world.eva.consent_records.exists()  # the kompis's own history stays
    assert (newcomer.district, newcomer.gender, newcomer.birth_year) == (
        "Jakobsberg",
        "female",
        1990,
    )
    assert newcomer.date_of_settlement == datetime.date(2024, 1, 1)
    match = Match.objects.get(pk=world.match.pk)
    assert (match.status, match.end_reason) == ("ended", "newcomer_moved")
    assert Meeting.objects.get(match=match).minutes == 90  # the hours stay
    internship = Internship.objects.get(pk=world.internship.pk)
    assert internship.days_to_job is not None
    # The kompis and the volunteer's other records are untouched.
    world.eva.refresh_from_db()
    assert world.eva.first_name == "Eva"
    # Erasing twice is harmless: the address is gone, the record is still found by key.
    nobody = _("Nobody is registered with %(address)s. Nothing was done.") % {
        "address": ZAYNAB["email"]
    }
    with pytest.raises(CommandError, match=re.escape(nobody)):
        call_command("privacy", "erase", ZAYNAB["email"])
    out = StringIO()
    call_command("privacy", "erase", f"newcomer:{newcomer.pk}", stdout=out)
    assert "nothing left to erase" in out.getvalue() or "newcomer profiles" not in out.getvalue()
    assert _report_figures() == figures


def test_dry_run_changes_nothing_and_says_what_it_would_do(world):
    out = StringIO()
    call_command("privacy", "erase", ZAYNAB_PHONE, "--dry-run", stdout=out)
    assert "Would do:" in out.getvalue() and "newcomer profiles anonymised: 1" in out.getvalue()
    assert Newcomer.objects.get(pk=world.newcomer.pk).first_name == ZAYNAB["first"]
    assert Match.objects.get(pk=world.match.pk).status == "active"


def test_unknown_and_bad_addresses_get_a_clear_message(db):
    nobody = _("Nobody is registered with %(address)s. Nothing was done.") % {
        "address": "nobody@example.net"
    }
    with pytest.raises(CommandError, match=re.escape(nobody)):
        call_command("privacy", "export", "nobody@example.net")
    with pytest.raises(CommandError, match="not an email address, a phone number"):
        call_command("privacy", "erase", "hello")


def test_a_shared_phone_is_ambiguous_and_nothing_is_done(world):
    Newcomer.objects.register(first_name="Omar", last_name="Quraishiqx", phone="0709876543")
    with pytest.raises(CommandError) as error:
        call_command("privacy", "erase", "+46709876543")
    message = str(error.value)
    assert (
        _("%(address)s belongs to %(count)s people. Nothing was done.")
        % {"address": "+46709876543", "count": 2}
        in message
    )
    assert "Omar Quraishiqx" in message and f"{ZAYNAB['first']} {ZAYNAB['last']}" in message
    assert Newcomer.objects.filter(person__first_name=ZAYNAB["first"]).exists()


def test_export_command_prints_json(world):
    out = StringIO()
    call_command("privacy", "export", "volontar@demo.samverka.se", stdout=out)
    data = json.loads(out.getvalue())
    assert "matches" in data["sections"]


def test_erasing_the_volunteer_ends_her_match_and_puts_the_newcomer_first(world, volunteer_user):
    Subject.for_user(volunteer_user).erase()
    match = Match.objects.get(pk=world.match.pk)
    assert (match.status, match.end_reason) == ("ended", "volunteer_stopped")
    newcomer = Newcomer.objects.get(pk=world.newcomer.pk)
    assert (newcomer.status, newcomer.first_in_line) == ("waiting", True)
    world.eva.refresh_from_db()
    assert (world.eva.first_name, world.eva.gender, world.eva.birth_year) == ("–", "female", 1970)
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk=volunteer_user.pk).exists()
    assert not OutboundEmail.objects.filter(to__icontains="volontar@demo").exists()


def test_a_record_names_its_own_person_even_on_a_shared_phone(world):
    omar = Newcomer.objects.register(first_name="Omar", last_name="Quraishiqx", phone="0709876543")
    (subject,) = Subject.find(f"newcomer:{world.newcomer.pk}")
    assert {r.kind for r in subject.records} == {"person", "newcomer", "participant"}
    (other,) = Subject.find(f"newcomer:{omar.pk}")
    assert [r.obj for r in other.records] == [omar.person, omar]
    # A registration made without an account belongs to the person with that address.
    registration = world.event.occurrences.get().register(
        name=f"{ZAYNAB['first']} {ZAYNAB['last']}", email=ZAYNAB["email"], notify=False
    )[0]
    (subject,) = Subject.find(f"registration:{registration.pk}")
    assert subject.records[0].kind == "person"
    assert subject.records[0].obj == world.newcomer.person
