"""One click for the common decision: approve an organisation or vet a volunteer from their
own page, several at once from the listings (Wagtail bulk actions); each decision logged."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from associations.models import Organisation, Volunteer
from samverka.core import audit
from tests.associations.conftest import make_organisation

pytestmark = pytest.mark.django_db


def _bulk_url(model, action, objects):
    url = reverse("wagtail_bulk_action", args=["associations", model, action])
    return url + "?" + "&".join(f"id={obj.pk}" for obj in objects) + "&next=/admin/"


def _decisions(obj, action):
    return ModelLogEntry.objects.filter(object_id=str(obj.pk), action=action)


def test_a_pending_organisation_is_approved_in_one_click_from_its_page(client, coordinator):
    pending = make_organisation(status=Organisation.Status.PENDING, is_listed=False)
    client.force_login(coordinator)
    html = client.get(reverse("organisation:edit", args=[pending.pk])).content.decode()
    approve_url = reverse("associations_decisions:approve", args=[pending.pk])
    assert f'action="{approve_url}"' in html
    # The decline needs a message: the button opens the decision form with "reject" chosen.
    decline_url = reverse("associations_admin:decide", args=[pending.pk])
    assert f'href="{decline_url}?decision=reject"' in html
    response = client.post(approve_url)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.APPROVED and pending.decided_by == coordinator
    entry = _decisions(pending, audit.ORGANISATION_DECISION).get()
    assert entry.user == coordinator and entry.data["decision"] == "approve"
    # An approved organisation's page offers no approve button any more.
    html = client.get(reverse("organisation:edit", args=[pending.pk])).content.decode()
    assert approve_url not in html


def test_the_decline_form_opens_with_reject_chosen(client, coordinator):
    pending = make_organisation(status=Organisation.Status.PENDING)
    client.force_login(coordinator)
    url = reverse("associations_admin:decide", args=[pending.pk]) + "?decision=reject"
    assert client.get(url).context["form"]["decision"].value() == "reject"


def test_one_click_decisions_need_the_permission_and_a_post(client, editor):
    pending = make_organisation(status=Organisation.Status.PENDING)
    volunteer = Volunteer.objects.create(first_name="Per", last_name="Ek", email="per@example.com")
    client.force_login(editor)
    # Wagtail's admin answers a refusal by sending the user back to the dashboard.
    response = client.post(reverse("associations_decisions:approve", args=[pending.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
    response = client.post(reverse("associations_decisions:vet", args=[volunteer.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING


def test_a_get_changes_nothing(client, coordinator):
    pending = make_organisation(status=Organisation.Status.PENDING)
    client.force_login(coordinator)
    response = client.get(reverse("associations_decisions:approve", args=[pending.pk]))
    assert response.status_code == 405
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


def test_a_volunteer_is_vetted_in_one_click_from_their_page(client, coordinator):
    volunteer = Volunteer.objects.create(first_name="Per", last_name="Ek", email="per@example.com")
    client.force_login(coordinator)
    html = client.get(reverse("volunteer:edit", args=[volunteer.pk])).content.decode()
    vet_url = reverse("associations_decisions:vet", args=[volunteer.pk])
    assert f'action="{vet_url}"' in html
    assert client.post(vet_url).status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.VETTED and volunteer.vetted_by == coordinator
    entry = _decisions(volunteer, audit.VOLUNTEER_VETTING).get()
    assert entry.data == {"old": "pending", "new": "vetted"}


def test_listings_offer_bulk_actions(client, coordinator):
    make_organisation(status=Organisation.Status.PENDING)
    Volunteer.objects.create(first_name="Per", last_name="Ek", email="per@example.com")
    client.force_login(coordinator)
    for listing, action in [
        ("organisation:index", "approve"),
        ("pending_organisations:index", "decline"),
        ("volunteer:index", "vet"),
        ("pending_volunteers:index", "vet"),
    ]:
        html = client.get(reverse(listing)).content.decode()
        assert "data-bulk-action-checkbox" in html, listing
        assert f"/{action}/" in html and "bulk-actions.js" in html, listing


def test_several_organisations_approved_at_once_each_logged(client, coordinator):
    first, second = (
        make_organisation(status=Organisation.Status.PENDING, is_listed=False) for _ in range(2)
    )
    untouched = make_organisation(status=Organisation.Status.PENDING)
    client.force_login(coordinator)
    url = _bulk_url("organisation", "approve", [first, second])
    html = client.get(url).content.decode()
    assert first.name in html and second.name in html and untouched.name not in html
    assert client.post(url).status_code == 302
    for organisation in (first, second):
        organisation.refresh_from_db()
        assert organisation.status == Organisation.Status.APPROVED
        assert _decisions(organisation, audit.ORGANISATION_DECISION).count() == 1
    untouched.refresh_from_db()
    assert untouched.status == Organisation.Status.PENDING


def test_declining_several_needs_a_message(client, coordinator):
    pending = [make_organisation(status=Organisation.Status.PENDING) for _ in range(2)]
    client.force_login(coordinator)
    url = _bulk_url("organisation", "decline", pending)
    response = client.post(url, {"message": "  "})
    assert response.status_code == 200 and response.context["form"].errors
    assert Organisation.objects.filter(status=Organisation.Status.PENDING).count() == 2
    assert client.post(url, {"message": "Vi behöver ert organisationsnummer."}).status_code == 302
    for organisation in pending:
        organisation.refresh_from_db()
        assert organisation.status == Organisation.Status.REJECTED
        assert organisation.decision_message == "Vi behöver ert organisationsnummer."


def test_several_volunteers_vetted_at_once(client, coordinator):
    volunteers = [
        Volunteer.objects.create(first_name=name, last_name="Ek", email=f"{name}@example.com")
        for name in ("per", "lisa", "omar")
    ]
    client.force_login(coordinator)
    assert client.post(_bulk_url("volunteer", "vet", volunteers[:2])).status_code == 302
    assert [v.status for v in Volunteer.objects.order_by("pk")] == ["vetted", "vetted", "pending"]
    assert ModelLogEntry.objects.filter(action=audit.VOLUNTEER_VETTING).count() == 2


def test_bulk_actions_refuse_without_the_permission(client, editor):
    pending = make_organisation(status=Organisation.Status.PENDING)
    client.force_login(editor)
    response = client.post(_bulk_url("organisation", "approve", [pending]))
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
    assert response.status_code in (200, 302, 403)
