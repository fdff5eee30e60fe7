"""Coaching in the privacy contract: a person's cases, contacts, referrals and outcomes are
exported; erasure blanks the texts and keeps what the report counts; retention does the same
for old closed cases."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coaching.models import CaseOutcome, Contact, Referral
from coaching.privacy import PARTS
from coaching.reports import Report
from samverka.people.outcomes import Outcome
from samverka.people.privacy import REDACTED, Subject

from .conftest import make_case, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def coached(eskilstuna):
    e = eskilstuna
    person = make_person("Amina", phone="070-555 12 34", email="amina@example.org")
    case = make_case(person, e.sara, e.jobbcentrum, e.arby)
    case.add_contact(
        author=e.sara,
        kind="cv",
        minutes=40,
        note="Amina vill jobba i vården",
        date=date(2021, 1, 20),
    )
    Referral.send(
        case=case,
        from_actor=e.jobbcentrum,
        to_actor=e.family,
        meeting_place=e.arby,
        reason="Amina behöver stöd med barnomsorg",
        sent_by=e.sara,
    )
    CaseOutcome.objects.create(
        case=case,
        kind=Outcome.Kind.NYSTARTSJOBB,
        recorded_on=date(2021, 3, 1),
        job_start_date=date(2021, 3, 1),
        notes="Amina trivs",
    )
    case.close("job", date(2021, 3, 1))
    return case


def test_export_has_cases_contacts_referrals_and_outcomes(coached):
    (subject,) = Subject.find("amina@example.org")
    sections = {s.key: s for s in subject.export()}
    assert sections["coaching_cases"].items[0]["status"]
    assert sections["coaching_contacts"].items[0]["note"] == "Amina vill jobba i vården"
    assert "barnomsorg" in sections["referrals"].items[0]["reason"]
    assert sections["coaching_outcomes"].items[0]["notes"] == "Amina trivs"


def test_erasure_blanks_texts_and_keeps_the_figures(coached):
    (subject,) = Subject.find("amina@example.org")
    subject.erase()
    assert Contact.objects.get().note == REDACTED
    referral = Referral.objects.get()
    assert referral.reason == REDACTED and referral.answer == ""
    outcome = CaseOutcome.objects.get()
    assert outcome.notes == "" and outcome.kind == Outcome.Kind.NYSTARTSJOBB
    report = Report(date(2021, 1, 1), date(2021, 12, 31)).run()
    assert report.into_subsidised == 1 and report.median_days_to_job == 49


def test_retention_blanks_old_closed_cases_only(coached, eskilstuna):
    e = eskilstuna
    open_case = make_case(make_person("Bashir"), e.sara, e.jobbcentrum, e.arby)
    open_case.add_contact(
        author=e.sara, kind="visit", minutes=30, note="Pågår", date=date(2021, 2, 1)
    )
    (cases_rule, referrals_rule) = PARTS[0].retention
    cutoff = timezone.now() - timedelta(days=cases_rule.default_days)
    due = cases_rule.due(cutoff)
    assert list(due) == [coached]
    assert cases_rule.apply(due) == 1
    assert set(Contact.objects.values_list("note", flat=True)) == {REDACTED, "Pågår"}
    assert not cases_rule.due(cutoff).exists()  # done once
    referral = Referral.objects.get()
    assert not referrals_rule.due(cutoff).exists()  # still waiting for an answer
    referral.accept(e.lina)
    Referral.objects.update(answered_at=timezone.now() - timedelta(days=3 * 365))
    assert referrals_rule.apply(referrals_rule.due(cutoff)) == 1
