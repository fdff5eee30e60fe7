"""The "Coordinator's day" panel: what is due for each staff member, counts and links, with
a number of queries that does not grow with the rows."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from associations.models import Organisation
from coaching.dashboard import due_items
from coaching.models import Referral

from .conftest import make_case, make_organisation, make_person

pytestmark = pytest.mark.django_db


def _referral_waiting(e):
    """Lina's family centre refers someone to Jobbcentrum: one referral waits for an answer."""
    return Referral.send(
        person=make_person("R"),
        from_actor=e.family,
        to_actor=e.jobbcentrum,
        meeting_place=e.arby,
        reason="Vill ha jobbstöd",
        sent_by=e.lina,
    )


def _due_cases(e, count):
    today = timezone.localdate()
    for n in range(count):
        make_case(
            make_person(f"P{n}"),
            e.sara,
            e.jobbcentrum,
            e.arby,
            started_on=date(2021, 1, 4),
            next_contact_on=today - timedelta(days=n % 3),
        )
    make_case(
        make_person("Later"),
        e.sara,
        e.jobbcentrum,
        e.arby,
        next_contact_on=today + timedelta(days=3),
    )


def test_counsellor_sees_contacts_due_and_referrals_waiting(eskilstuna):
    e = eskilstuna
    _due_cases(e, 3)
    _referral_waiting(e)
    items = {item.slug: item for item in due_items(e.sara)}
    assert items["contacts_due"].count == 3
    assert items["contacts_due"].url == reverse("coaching_cases:index")
    assert items["referrals_waiting"].count == 1
    assert "organisations_pending" not in items  # a counsellor does not approve organisations
    assert "referrals_waiting" not in {i.slug for i in due_items(e.lina)}  # she sent it


def test_coordinator_sees_approvals(coordinator):
    make_organisation("Ny förening", Organisation.Kind.ASSOCIATION)
    Organisation.objects.update(status=Organisation.Status.PENDING)
    items = {item.slug: item for item in due_items(coordinator)}
    assert items["organisations_pending"].count == 1
    assert "contacts_due" not in items


@pytest.mark.parametrize("count", [1, 30])
def test_queries_are_pinned(eskilstuna, count, django_assert_num_queries):
    e = eskilstuna
    _due_cases(e, count)
    e.sara.has_perm("coaching.view_case")  # permissions cached, as on a dashboard request
    # contacts due and referrals waiting, in one query (the other items need permissions
    # Sara lacks)
    with django_assert_num_queries(1):
        items = due_items(e.sara)
    assert {i.slug: i.count for i in items}["contacts_due"] == count


def test_the_panel_is_on_the_dashboard(client, eskilstuna):
    _due_cases(eskilstuna, 2)
    client.force_login(eskilstuna.sara)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-item="contacts_due"' in page
    assert gettext("Cases with a contact due") in page


def test_counts_in_one_query_are_what_each_count_gives(eskilstuna, django_assert_num_queries):
    from coaching.dashboard import counts
    from coaching.models import Case

    e = eskilstuna
    _due_cases(e, 4)
    make_organisation("Väntande", Organisation.Kind.ASSOCIATION)
    Organisation.objects.filter(name="Väntande").update(status=Organisation.Status.PENDING)
    querysets = [
        Case.objects.of_counsellor(e.sara).contact_due(timezone.localdate()),
        Referral.objects.received_by(e.sara).waiting(),
        Organisation.objects.filter(status=Organisation.Status.PENDING),
        Organisation.objects.all(),
        Case.objects.filter(next_contact_on__gt=timezone.localdate()).distinct(),
    ]
    expected = [queryset.count() for queryset in querysets]
    assert expected[0] == 4 and expected[2] == 1 and expected[3] > 1 and expected[4] == 1
    with django_assert_num_queries(1):
        assert counts(querysets) == expected
    assert counts([]) == []
