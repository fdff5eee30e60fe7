"""Eskilstuna end to end, through the counsellors' admin pages: a walk-in at Mötesplats Årby
becomes a case, is coached, is referred to the family counsellor and back, gets a job, and the
period report counts it."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from coaching.models import Case, Referral
from samverka.core.models import OutboundEmail
from samverka.people.models import Person
from samverka.people.outcomes import Outcome

pytestmark = pytest.mark.django_db


def test_walk_in_to_job_shows_in_the_period_report(client, eskilstuna):
    e = eskilstuna
    # Sara, job counsellor at Årby, registers a walk-in and opens a case.
    client.force_login(e.sara)
    response = client.post(
        reverse("coaching_admin:new"),
        {
            "first_name": "Amina",
            "last_name": "Yusuf",
            "phone": "070-123 45 67",
            "gender": "female",
            "birth_year": "1990",
            "date_of_settlement": "2019-09-01",
            "actor": e.jobbcentrum.pk,
            "meeting_place": e.arby.pk,
            "source": Case.Source.WALK_IN,
            "goals": ["job", "swedish"],
            "started_on": "2021-02-01",
            "next_contact_on": "2021-02-08",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302, response.content
    assert response["Location"] == reverse("coaching_admin:case", args=[case.pk])
    assert case.person.full_name == "Amina Yusuf"
    assert case.counsellor == e.sara and case.goals == ["job", "swedish"]

    # Two contacts: a visit with a CV, then interview practice; the next contact is set.
    for day, kind, note, next_on in (
        ("2021-02-08", "cv", "CV på svenska, söker jobb inom lokalvård", "2021-02-22"),
        ("2021-02-22", "interview", "Övade intervju för städjobb", "2021-03-08"),
    ):
        response = client.post(
            reverse("coaching_admin:add_contact", args=[case.pk]),
            {"date": day, "kind": kind, "minutes": "45", "note": note, "next_contact_on": next_on},
        )
        assert response.status_code == 302, response.content
    case.refresh_from_db()
    assert case.contacts.count() == 2 and case.next_contact_on == date(2021, 3, 8)

    # Sara refers Amina to the family counsellors at the same meeting place.
    response = client.post(
        reverse("coaching_admin:refer", args=[case.pk]),
        {
            "to_actor": e.family.pk,
            "meeting_place": e.arby.pk,
            "reason": "Behöver stöd med barnomsorg för att kunna börja arbeta",
        },
    )
    assert response.status_code == 302, response.content
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.SENT
    # Lina (family counsellor) is told through the outbox, without the person's name.
    emails = OutboundEmail.objects.filter(kind="coaching.referral_received")
    to_lina = [m for m in emails if m.to == [e.lina.email]]
    assert len(to_lina) == 1 and "Amina" not in to_lina[0].body + to_lina[0].subject
    assert not [m for m in emails if m.to == [e.omar.email]]  # not at the family counsellors

    # Lina sees the referral and answers it; she cannot open Sara's case.
    client.force_login(e.lina)
    page = client.get(reverse("coaching_admin:referral", args=[referral.pk]))
    assert page.status_code == 200
    assert "barnomsorg" in page.content.decode()
    assert client.get(reverse("coaching_admin:case", args=[case.pk])).status_code == 404
    answer = reverse("coaching_admin:answer", args=[referral.pk])
    assert client.post(answer, {"action": "accept", "answer": ""}).status_code == 302
    response = client.post(
        answer,
        {
            "action": "complete",
            "answer": "Förskoleplats ordnad från mars",
            "receiver_notes": "Tre samtal med familjen om ekonomi",
        },
    )
    assert response.status_code == 302, response.content
    # ... and back: Lina refers Amina back to Jobbcentrum, outside any case of hers.
    back = Referral.send(
        person=case.person,
        from_actor=e.family,
        to_actor=e.jobbcentrum,
        meeting_place=e.arby,
        reason="Klar hos oss, redo att börja jobba",
        sent_by=e.lina,
    )

    # Sara reads the answer, not Lina's own notes, and sees the referral back.
    client.force_login(e.sara)
    page = client.get(reverse("coaching_admin:referral", args=[referral.pk])).content.decode()
    assert "Förskoleplats ordnad från mars" in page
    assert "Tre samtal" not in page
    case_page = client.get(reverse("coaching_admin:case", args=[case.pk])).content.decode()
    assert "Förskoleplats ordnad från mars" in case_page
    assert client.get(reverse("coaching_admin:referral", args=[back.pk])).status_code == 200

    # Amina starts a nystartsjobb at the library in April; Sara records it and closes.
    response = client.post(
        reverse("coaching_admin:outcome", args=[case.pk]),
        {
            "kind": Outcome.Kind.NYSTARTSJOBB,
            "recorded_on": "2021-04-06",
            "job_start_date": "2021-04-06",
            "employer": e.library.pk,
        },
    )
    assert response.status_code == 302, response.content
    response = client.post(
        reverse("coaching_admin:close", args=[case.pk]), {"reason": "job", "on": "2021-04-06"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_closed and case.days_to_job == 64
    # The outcome is the person's, in the one outcome table.
    assert Person.objects.get(pk=case.person_id).outcomes.get().employer == e.library

    # The period report (January 2021 to mid-May 2022, as in the article) counts her.
    report = client.get(
        reverse("coaching_admin:report") + "?start=2021-01-01&end=2022-05-15"
    ).content.decode()
    headline = gettext("%(job)s into real jobs and %(subsidised)s into subsidised jobs.") % {
        "job": 0,
        "subsidised": 1,
    }
    assert headline in report
    assert "Mötesplats Årby" in report
