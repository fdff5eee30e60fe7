"""One click for the receiving actor's decision on a referral (issue #19): accept from the
referral's own page, decline with a reason, several at once from the listing (Wagtail bulk
actions); each decision logged, the sending counsellor told, nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from coaching.admin_decisions import ACCEPTED, DECLINED
from coaching.models import Referral
from samverka.core.models import OutboundEmail

from .conftest import make_case, make_counsellor, make_person

pytestmark = pytest.mark.django_db


def _send(e, name="Amina", sender=None):
    sender = sender or e.sara
    case = make_case(make_person(name), sender, e.jobbcentrum, e.arby)
    return Referral.send(
        case=case,
        from_actor=e.jobbcentrum,
        to_actor=e.family,
        meeting_place=e.arby,
        reason="Behöver stöd med barnomsorg",
        sent_by=sender,
    )


def _bulk_url(action, referrals):
    url = reverse("wagtail_bulk_action", args=["coaching", "referral", action])
    return url + "?" + "&".join(f"id={r.pk}" for r in referrals) + "&next=/admin/"


def _logged(referral, action):
    return ModelLogEntry.objects.filter(object_id=str(referral.pk), action=action)


def _answered_emails():
    return OutboundEmail.objects.filter(
        kind__in=("coaching.referral_accepted", "coaching.referral_declined")
    )


def test_accepted_in_one_click_from_its_page_logged_and_sender_told(client, eskilstuna):
    e = eskilstuna
    referral = _send(e)
    client.force_login(e.lina)
    html = client.get(reverse("coaching_admin:referral", args=[referral.pk])).content.decode()
    accept_url = reverse("coaching_admin:accept", args=[referral.pk])
    assert f'action="{accept_url}"' in html
    assert f'action="{reverse("coaching_admin:decline", args=[referral.pk])}"' in html

    response = client.post(accept_url)
    assert response.status_code == 302
    assert response.url == reverse("coaching_admin:referral", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED and referral.answered_by == e.lina
    assert _logged(referral, ACCEPTED).get().user == e.lina
    (email,) = _answered_emails()
    assert email.to == [e.sara.email]
    assert "Familjerådgivningen" in email.subject
    assert "Amina" not in email.subject + email.body  # the person is not named in an email
    assert reverse("coaching_admin:referral", args=[referral.pk]) in email.body
    # Answered: the page offers no decision any more, and a second click changes nothing.
    html = client.get(reverse("coaching_admin:referral", args=[referral.pk])).content.decode()
    assert accept_url not in html
    client.post(accept_url)
    assert _logged(referral, ACCEPTED).count() == 1 and _answered_emails().count() == 1


def test_declining_asks_for_a_reason_and_a_bad_post_saves_nothing(client, eskilstuna):
    e = eskilstuna
    referral = _send(e)
    client.force_login(e.lina)
    url = reverse("coaching_admin:decline", args=[referral.pk])
    response = client.post(url, {"answer": "   "})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["answer"]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT and referral.answer == ""
    assert not _logged(referral, DECLINED).exists() and not _answered_emails().exists()

    response = client.post(url, {"answer": "Vi har inga platser förrän i höst."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    assert referral.answer == "Vi har inga platser förrän i höst."
    assert _logged(referral, DECLINED).get().user == e.lina
    (email,) = _answered_emails()
    assert email.to == [e.sara.email]


def test_another_actors_referral_is_404_and_the_sender_cannot_decide(client, eskilstuna):
    e = eskilstuna
    referral = _send(e)
    # A counsellor at income support works for neither side of this referral.
    outsider = make_counsellor("Hanna", e.income_support, e.arby)
    client.force_login(outsider)
    for name in ("referral", "accept", "decline"):
        url = reverse(f"coaching_admin:{name}", args=[referral.pk])
        response = client.get(url) if name == "referral" else client.post(url, {"answer": "x"})
        assert response.status_code == 404, name
    assert client.get(_bulk_url("accept", [referral])).status_code == 404
    assert client.post(_bulk_url("accept", [referral])).status_code == 404
    # Sara sent it: she reads it, but the receiving side decides (Wagtail answers a
    # refusal by sending the user back to the dashboard).
    client.force_login(e.sara)
    html = client.get(reverse("coaching_admin:referral", args=[referral.pk])).content.decode()
    assert reverse("coaching_admin:accept", args=[referral.pk]) not in html
    response = client.post(reverse("coaching_admin:accept", args=[referral.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    client.post(_bulk_url("accept", [referral]))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    assert not ModelLogEntry.objects.filter(action__in=[ACCEPTED, DECLINED]).exists()
    assert not _answered_emails().exists()


def test_the_listing_offers_the_bulk_actions(client, eskilstuna):
    e = eskilstuna
    _send(e)
    client.force_login(e.lina)
    html = client.get(reverse("coaching_referrals:index")).content.decode()
    assert "data-bulk-action-checkbox" in html and "bulk-actions.js" in html
    assert "/coaching/referral/accept/" in html and "/coaching/referral/decline/" in html


def test_the_listings_queries_do_not_grow_with_its_rows(client, eskilstuna):
    e = eskilstuna
    _send(e)
    client.force_login(e.lina)
    url = reverse("coaching_referrals:index")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for index in range(5):
        _send(e, name=f"Person {index}")
    with CaptureQueriesContext(connection) as six:
        assert "Person 4" in client.get(url).content.decode()
    assert len(six) == len(one)


def test_several_accepted_at_once_each_logged_and_told(client, eskilstuna):
    e = eskilstuna
    first, second = _send(e, "Amina"), _send(e, "Bashir", sender=e.nils)
    untouched = _send(e, "Dawit")
    client.force_login(e.lina)
    url = _bulk_url("accept", [first, second])
    html = client.get(url).content.decode()
    assert "Amina" in html and "Bashir" in html and "Dawit" not in html
    assert client.post(url).status_code == 302
    for referral in (first, second):
        referral.refresh_from_db()
        assert referral.status == Referral.Status.ACCEPTED
        assert _logged(referral, ACCEPTED).get().user == e.lina
    assert sorted(m.to[0] for m in _answered_emails()) == sorted([e.sara.email, e.nils.email])
    untouched.refresh_from_db()
    assert untouched.status == Referral.Status.SENT


def test_several_declined_at_once_need_one_reason(client, eskilstuna):
    e = eskilstuna
    referrals = [_send(e, "Amina"), _send(e, "Bashir")]
    client.force_login(e.lina)
    url = _bulk_url("decline", referrals)
    response = client.post(url, {"answer": " "})
    assert response.status_code == 200 and response.context["form"].errors["answer"]
    assert Referral.objects.filter(status=Referral.Status.SENT).count() == 2
    assert not _answered_emails().exists()
    assert client.post(url, {"answer": "Fullt till januari."}).status_code == 302
    for referral in referrals:
        referral.refresh_from_db()
        assert referral.status == Referral.Status.DECLINED
        assert referral.answer == "Fullt till januari."
        assert _logged(referral, DECLINED).count() == 1
    assert _answered_emails().count() == 2


def test_a_bulk_decision_on_answered_referrals_changes_nothing(client, eskilstuna):
    e = eskilstuna
    waiting, answered = _send(e, "Amina"), _send(e, "Bashir")
    answered.accept(e.lina)
    client.force_login(e.lina)
    url = _bulk_url("decline", [waiting, answered])
    html = client.get(url).content.decode()
    # the answered one is listed as one the action does not apply to
    assert "Bashir" in html and "Amina" in html
    assert client.post(url, {"answer": "Fullt."}).status_code == 302
    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.status == Referral.Status.DECLINED
    assert answered.status == Referral.Status.ACCEPTED and answered.answer == ""


def test_a_referral_answered_meanwhile_rolls_the_whole_bulk_back(client, eskilstuna, monkeypatch):
    e = eskilstuna
    first, second = _send(e, "Amina"), _send(e, "Bashir")
    client.force_login(e.lina)
    original = Referral.accept

    def answered_meanwhile(self, by, text=""):
        if self.pk == second.pk:
            Referral.objects.filter(pk=second.pk).update(status=Referral.Status.DECLINED)
        return original(self, by, text)

    monkeypatch.setattr(Referral, "accept", answered_meanwhile)
    response = client.post(_bulk_url("accept", [first, second]))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    first.refresh_from_db()
    assert first.status == Referral.Status.SENT and first.answered_by is None
    assert not _logged(first, ACCEPTED).exists() and not _answered_emails().exists()


def test_a_representative_declining_on_the_public_site_is_logged_and_the_sender_told(
    client, eskilstuna, representative_user
):
    from associations.models import Representative

    e = eskilstuna
    case = make_case(make_person("Amina"), e.sara, e.jobbcentrum, e.arby)
    referral = Referral.send(
        case=case,
        from_actor=e.jobbcentrum,
        to_actor=e.language,
        meeting_place=e.arby,
        reason="Behöver språkstöd",
        sent_by=e.sara,
    )
    Representative.objects.create(organisation=e.language, user=representative_user)
    client.force_login(representative_user)
    url = reverse("coaching:referral", args=[referral.pk])
    assert client.post(url, {"action": "decline", "answer": ""}).status_code == 400
    assert not _logged(referral, DECLINED).exists() and not _answered_emails().exists()
    response = client.post(url, {"action": "decline", "answer": "Inga volontärer i vår."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    assert _logged(referral, DECLINED).get().user == representative_user
    assert [m.to for m in _answered_emails()] == [[e.sara.email]]


def test_completing_a_referral_tells_the_sender_once(client, eskilstuna):
    e = eskilstuna
    referral = _send(e)
    client.force_login(e.lina)
    client.post(reverse("coaching_admin:accept", args=[referral.pk]))
    completed = OutboundEmail.objects.filter(kind="coaching.referral_completed")
    assert not completed.exists()
    answer = reverse("coaching_admin:answer", args=[referral.pk])
    done = {"action": "complete", "answer": "Förskoleplats ordnad från mars"}
    assert client.post(answer, done).status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.COMPLETED
    (email,) = completed
    assert email.to == [e.sara.email]
    assert "Familjerådgivningen" in email.subject
    assert "Amina" not in email.subject + email.body  # the person is not named in an email
    assert reverse("coaching_admin:referral", args=[referral.pk]) in email.body
    # a second "completed" is refused and tells nobody again
    assert client.post(answer, done).status_code == 400
    assert completed.count() == 1
    with pytest.raises(ValidationError):
        Referral.objects.get(pk=referral.pk).complete(e.lina, "Igen")
    assert completed.count() == 1
