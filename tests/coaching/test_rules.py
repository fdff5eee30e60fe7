"""The rules of cases, referrals and outcomes, and bad input through the admin pages: a clear
message in the user's language, what was typed kept, nothing half-saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from coaching.models import Case, CaseOutcome, Contact, Referral
from mentors.internships.models import Outcome as InternshipOutcome
from samverka.people.models import Person
from samverka.people.outcomes import Outcome

from .conftest import make_case, make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(eskilstuna):
    e = eskilstuna
    return make_case(make_person("Amina"), e.sara, e.jobbcentrum, e.arby)


def test_outcome_dated_before_the_case_started_is_refused(client, eskilstuna, case):
    client.force_login(eskilstuna.sara)
    response = client.post(
        reverse("coaching_admin:outcome", args=[case.pk]),
        {
            "kind": Outcome.Kind.JOB_PERMANENT,
            "recorded_on": "2020-12-01",
            "job_start_date": "2020-12-01",
            "employer_name": "Städbolaget",
        },
    )
    assert response.status_code == 400
    message = gettext("An outcome cannot be dated before the case started (%(date)s).") % {
        "date": case.started_on
    }
    assert message in response.content.decode()
    assert 'value="Städbolaget"' in response.content.decode()  # what was typed stays
    assert not Outcome.objects.exists() and not CaseOutcome.objects.exists()
    case.refresh_from_db()
    assert case.first_job_on is None


def test_job_outcome_needs_a_start_date_and_only_jobs_have_one(case):
    with pytest.raises(ValidationError) as error:
        CaseOutcome(
            case=case, kind=Outcome.Kind.EXTRATJANST, recorded_on=date(2021, 3, 1)
        ).full_clean()
    assert gettext("Give the date the job starts.") in error.value.message_dict["job_start_date"]
    with pytest.raises(ValidationError):
        CaseOutcome(
            case=case,
            kind=Outcome.Kind.SFI,
            recorded_on=date(2021, 3, 1),
            job_start_date=date(2021, 3, 1),
        ).full_clean()


def test_first_job_and_days_to_job_follow_the_outcomes(case):
    later = CaseOutcome.objects.create(
        case=case,
        kind=Outcome.Kind.JOB_HOURLY,
        recorded_on=date(2021, 6, 1),
        job_start_date=date(2021, 6, 1),
    )
    first = CaseOutcome.objects.create(
        case=case,
        kind=Outcome.Kind.LONEBIDRAG,
        recorded_on=date(2021, 3, 1),
        job_start_date=date(2021, 3, 1),
    )
    case.refresh_from_db()
    assert case.first_job_on == date(2021, 3, 1) and case.days_to_job == 49
    assert first.person_id == case.person_id and first.group == Outcome.Group.SUBSIDISED
    first.delete()
    case.refresh_from_db()
    assert case.first_job_on == date(2021, 6, 1)
    assert Outcome.objects.get().pk == later.pk


def test_referral_to_oneself_is_refused(client, eskilstuna, case):
    client.force_login(eskilstuna.sara)
    response = client.post(
        reverse("coaching_admin:refer", args=[case.pk]),
        {
            "to_actor": eskilstuna.jobbcentrum.pk,
            "meeting_place": eskilstuna.arby.pk,
            "reason": "Vill byta vägledare",
        },
    )
    assert response.status_code == 400
    assert gettext("A referral goes to another actor, not to the one sending it.") in (
        response.content.decode()
    )
    assert "Vill byta vägledare" in response.content.decode()
    assert not Referral.objects.exists()


def test_referral_to_an_actor_not_at_the_meeting_place_is_refused(client, eskilstuna, case):
    e = eskilstuna
    elsewhere = make_organisation("Arbetsförmedlingen")
    client.force_login(e.sara)
    response = client.post(
        reverse("coaching_admin:refer", args=[case.pk]),
        {"to_actor": elsewhere.pk, "meeting_place": e.arby.pk, "reason": "Inskrivning"},
    )
    assert response.status_code == 400
    expected = gettext(
        "%(actor)s is not at %(place)s. Choose an actor at the meeting place, "
        "or leave the meeting place empty to refer elsewhere in the registry."
    ) % {"actor": elsewhere, "place": e.arby}
    assert expected in response.content.decode()
    assert not Referral.objects.exists()
    # Elsewhere in the registry (no meeting place) it is fine.
    response = client.post(
        reverse("coaching_admin:refer", args=[case.pk]),
        {"to_actor": elsewhere.pk, "meeting_place": "", "reason": "Inskrivning"},
    )
    assert response.status_code == 302
    assert Referral.objects.get().to_actor == elsewhere


def test_closing_a_case_twice(client, eskilstuna, case):
    client.force_login(eskilstuna.sara)
    url = reverse("coaching_admin:close", args=[case.pk])
    assert client.post(url, {"reason": "moved", "on": "2021-05-01"}).status_code == 302
    response = client.post(url, {"reason": "job", "on": "2021-06-01"})
    assert response.status_code == 400
    assert (
        gettext("This case was already closed on %(date)s.") % {"date": date(2021, 5, 1)}
        in response.content.decode()
    )
    case.refresh_from_db()
    assert (case.close_reason, case.closed_on) == ("moved", date(2021, 5, 1))


def test_a_stale_copy_cannot_close_again(case):
    stale = Case.objects.get(pk=case.pk)
    case.close(Case.CloseReason.JOB, date(2021, 4, 1))
    with pytest.raises(ValidationError):
        stale.close(Case.CloseReason.OTHER, date(2021, 4, 2))
    case.refresh_from_db()
    assert case.close_reason == Case.CloseReason.JOB


def test_contact_before_the_case_and_next_contact_before_it(client, eskilstuna, case):
    client.force_login(eskilstuna.sara)
    url = reverse("coaching_admin:add_contact", args=[case.pk])
    response = client.post(
        url, {"date": "2020-01-01", "kind": "visit", "minutes": "30", "note": "Första besöket"}
    )
    assert response.status_code == 400
    assert "Första besöket" in response.content.decode()
    response = client.post(
        url,
        {
            "date": "2021-02-01",
            "kind": "visit",
            "minutes": "30",
            "note": "Besök",
            "next_contact_on": "2021-01-20",
        },
    )
    assert response.status_code == 400
    assert gettext("The next contact cannot be before this one.") in response.content.decode()
    assert not Contact.objects.exists()  # nothing half-saved


def test_walk_in_without_a_name_keeps_what_was_typed(client, eskilstuna):
    client.force_login(eskilstuna.sara)
    response = client.post(
        reverse("coaching_admin:new"),
        {
            "first_name": "",
            "phone": "070-111 22 33",
            "gender": "female",
            "actor": eskilstuna.jobbcentrum.pk,
            "source": "walk_in",
            "started_on": "2021-02-01",
        },
    )
    assert response.status_code == 400
    assert "070-111 22 33" in response.content.decode()
    assert not Person.objects.exists() and not Case.objects.exists()


def test_answering_a_referral_twice_and_declining_without_a_reason(eskilstuna, case):
    e = eskilstuna
    referral = Referral.send(
        case=case,
        from_actor=e.jobbcentrum,
        to_actor=e.family,
        meeting_place=e.arby,
        reason="Stöd i familjen",
        sent_by=e.sara,
    )
    with pytest.raises(ValidationError) as error:
        referral.decline(e.lina, "")
    assert gettext("Say briefly why the referral is declined.") in str(error.value)
    referral.accept(e.lina)
    with pytest.raises(ValidationError):
        Referral.objects.get(pk=referral.pk).decline(e.lina, "Fullt")
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.ACCEPTED


def test_internship_outcomes_are_outcomes_of_the_person():
    """The one outcome model: an internship outcome is a row of people.Outcome too."""
    assert issubclass(InternshipOutcome, Outcome) and issubclass(CaseOutcome, Outcome)
    assert InternshipOutcome._meta.get_field("outcome_ptr").remote_field.model is Outcome
