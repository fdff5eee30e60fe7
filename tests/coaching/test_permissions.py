"""Who sees which case and referral, per role: a counsellor their own cases and their
actor's cases at their meeting place; a receiving actor the referral, not the case or its
notes; association representatives and coordinators nothing of cases."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext

from associations.models import Representative
from coaching.access import get_case_for, get_referral_for
from coaching.models import Case, Referral

from .conftest import make_case, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(eskilstuna):
    e = eskilstuna
    e.own = make_case(make_person("Amina"), e.sara, e.jobbcentrum, e.arby)
    e.colleagues = make_case(make_person("Bashir"), e.nils, e.jobbcentrum, e.arby)
    e.elsewhere = make_case(make_person("Dawit"), e.omar, e.jobbcentrum, e.froslunda)
    e.own.add_contact(
        author=e.sara, kind="visit", minutes=30, note="Hemlig anteckning", date=e.own.started_on
    )
    e.referral = Referral.send(
        case=e.own,
        from_actor=e.jobbcentrum,
        to_actor=e.language,
        meeting_place=e.arby,
        reason="Behöver språkstöd",
        sent_by=e.sara,
    )
    e.referral.accept(None)
    e.referral.receiver_notes = "Våra egna anteckningar"
    e.referral.save()
    return e


def _pages(user, client, case):
    client.force_login(user)
    return client.get(reverse("coaching_admin:case", args=[case.pk]))


def test_counsellor_sees_own_and_meeting_place_cases_not_another_place(client, world):
    w = world
    assert set(Case.objects.visible_to(w.sara)) == {w.own, w.colleagues}
    assert set(Case.objects.visible_to(w.omar)) == {w.elsewhere}
    assert _pages(w.sara, client, w.colleagues).status_code == 200
    assert _pages(w.sara, client, w.elsewhere).status_code == 404
    # the listing shows the same
    listing = client.get(reverse("coaching_cases:index")).content.decode()
    assert "Bashir" in listing and "Dawit" not in listing


def test_colleague_sees_the_case_but_neither_its_notes_nor_may_change_it(client, world):
    w = world
    page = _pages(w.nils, client, w.own).content.decode()
    assert "Amina" in page and "Hemlig anteckning" not in page
    assert "Hemlig anteckning" in _pages(w.sara, client, w.own).content.decode()
    with pytest.raises(PermissionDenied):
        get_case_for(w.nils, w.own.pk, write=True)
    client.force_login(w.nils)
    response = client.post(
        reverse("coaching_admin:add_contact", args=[w.own.pk]),
        {"date": "2021-03-01", "kind": "visit", "minutes": "20", "note": "x"},
    )
    # the admin answers PermissionDenied with a redirect to the dashboard and a message
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert w.own.contacts.count() == 1
    # sharing the case makes Nils one of its counsellors
    w.own.other_counsellors.add(w.nils)
    assert "Hemlig anteckning" in _pages(w.nils, client, w.own).content.decode()


def test_receiving_actor_sees_the_referral_not_the_case(client, world, representative_user):
    w = world
    Representative.objects.create(organisation=w.language, user=representative_user)
    assert not Case.objects.visible_to(representative_user).exists()
    with pytest.raises(Http404):
        get_case_for(representative_user, w.own.pk)
    referral = get_referral_for(representative_user, w.referral.pk, answer=True)
    assert referral == w.referral
    # the family counsellor at the same meeting place, not party to it, gets 404
    with pytest.raises(Http404):
        get_referral_for(w.lina, w.referral.pk)
    assert _pages(w.lina, client, w.own).status_code == 404


def test_sender_reads_the_answer_not_the_receiving_sides_notes(client, world):
    w = world
    referral = get_referral_for(w.sara, w.referral.pk)
    with pytest.raises(PermissionDenied):
        get_referral_for(w.sara, w.referral.pk, answer=True)
    client.force_login(w.sara)
    page = client.get(reverse("coaching_admin:referral", args=[referral.pk])).content.decode()
    assert "Behöver språkstöd" in page and "Våra egna anteckningar" not in page
    response = client.post(
        reverse("coaching_admin:answer", args=[referral.pk]), {"action": "decline", "answer": "x"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.ACCEPTED


def test_association_representative_sees_nothing_of_cases(client, world, representative_user):
    w = world
    assert not Case.objects.visible_to(representative_user).exists()
    assert not Referral.objects.visible_to(representative_user).exists()
    with pytest.raises(Http404):
        get_referral_for(representative_user, w.referral.pk)
    client.force_login(representative_user)
    response = client.get(reverse("coaching_admin:case", args=[w.own.pk]))
    assert response.status_code != 200 and "Amina" not in response.content.decode()


def test_coordinator_sees_the_report_but_no_case(client, world, coordinator):
    w = world
    assert not Case.objects.visible_to(coordinator).exists()
    client.force_login(coordinator)
    assert client.get(reverse("coaching_admin:case", args=[w.own.pk])).status_code == 404
    assert client.get(reverse("coaching_admin:report")).status_code == 200


def test_anonymous_visitors_get_nothing(client, world):
    assert not Case.objects.visible_to(AnonymousUser()).exists()
    assert not Referral.objects.visible_to(AnonymousUser()).exists()
    response = client.get(reverse("coaching_admin:case", args=[world.own.pk]))
    assert response.status_code == 302  # to the login page


def test_representative_answers_a_referral_on_the_public_site(client, world, representative_user):
    w = world
    Representative.objects.create(organisation=w.language, user=representative_user)
    w.referral.status = Referral.Status.SENT
    w.referral.save()
    client.force_login(representative_user)
    my_pages = client.get(reverse("core:my_pages")).content.decode()
    assert gettext("Referrals to your organisation") in my_pages
    listing = client.get(reverse("coaching:received")).content.decode()
    assert "Amina" in listing
    url = reverse("coaching:referral", args=[w.referral.pk])
    page = client.get(url).content.decode()
    assert "Behöver språkstöd" in page and "Hemlig anteckning" not in page
    response = client.post(url, {"action": "accept", "answer": "Välkommen på tisdag"})
    assert response.status_code == 302
    assert Referral.objects.get(pk=w.referral.pk).status == Referral.Status.ACCEPTED


def test_representative_of_another_organisation_gets_404(client, world, representative_user):
    w = world
    Representative.objects.create(organisation=w.library, user=representative_user)
    client.force_login(representative_user)
    assert client.get(reverse("coaching:referral", args=[w.referral.pk])).status_code == 404
    assert "Amina" not in client.get(reverse("coaching:received")).content.decode()


def test_a_referral_changes_the_representatives_kept_page_at_once(
    client, world, representative_user
):
    """/my/ is kept per person: a referral to their organisation, sent or withdrawn, makes it new
    at once (the numbers of waiting referrals and of all)."""
    import re

    w = world
    Representative.objects.create(organisation=w.language, user=representative_user)
    client.force_login(representative_user)

    def numbers():
        page = client.get(reverse("core:my_pages")).content.decode()
        title = gettext("Referrals to your organisation")
        if title not in page:
            return None
        section = page.split(title, 1)[1].split("</section>", 1)[0]
        return re.findall(r"\d+", re.sub(r"<[^>]+>", "", section))[:2]

    w.referral.status = Referral.Status.ACCEPTED
    w.referral.save()
    for _ in range(3):
        before = numbers()
    waiting, total = (int(n) for n in before)
    w.referral.status = Referral.Status.SENT
    w.referral.save()
    assert numbers() == [str(waiting + 1), str(total)]
    numbers()
    w.referral.delete()
    assert numbers() in (None, [str(waiting), str(total - 1)])
