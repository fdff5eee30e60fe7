import pytest
from django.urls import reverse

from associations.models import Membership, Representative

pytestmark = pytest.mark.django_db


def _remove(client, org, rep):
    return client.post(
        reverse("associations:remove_representative", args=[org.slug, rep.pk]), follow=True
    )


def test_last_admin_cannot_be_removed(client, org_a, representative_user, contact_a):
    admin = Representative.objects.get(organisation=org_a, user=representative_user)
    client.force_login(representative_user)
    response = _remove(client, org_a, admin)
    assert "only administrator and cannot be removed" in response.content.decode()
    assert Representative.objects.filter(pk=admin.pk).exists()


def test_coordinator_cannot_remove_last_admin_either(
    client, org_a, representative_user, coordinator
):
    admin = Representative.objects.get(organisation=org_a, user=representative_user)
    client.force_login(coordinator)
    _remove(client, org_a, admin)
    assert Representative.objects.filter(pk=admin.pk).exists()


def test_last_admin_cannot_be_demoted(client, org_a, representative_user):
    admin = Representative.objects.get(organisation=org_a, user=representative_user)
    client.force_login(representative_user)
    response = client.post(
        reverse("associations:change_role", args=[org_a.slug, admin.pk]),
        {"role": "contact"},
        follow=True,
    )
    assert "at least one administrator" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_admin_can_leave_once_another_admin_exists(client, org_a, representative_user, contact_a):
    contact = Representative.objects.get(organisation=org_a, user=contact_a)
    admin = Representative.objects.get(organisation=org_a, user=representative_user)
    client.force_login(representative_user)
    client.post(
        reverse("associations:change_role", args=[org_a.slug, contact.pk]), {"role": "admin"}
    )
    contact.refresh_from_db()
    assert contact.role == "admin"
    response = client.post(
        reverse("associations:remove_representative", args=[org_a.slug, admin.pk])
    )
    assert response["Location"] == reverse("core:my_pages")
    assert not Representative.objects.filter(pk=admin.pk).exists()


def test_contact_may_leave_but_not_remove_others(client, org_a, representative_user, contact_a):
    admin = Representative.objects.get(organisation=org_a, user=representative_user)
    contact = Representative.objects.get(organisation=org_a, user=contact_a)
    client.force_login(contact_a)
    assert (
        client.post(
            reverse("associations:remove_representative", args=[org_a.slug, admin.pk])
        ).status_code
        == 403
    )
    client.post(reverse("associations:remove_representative", args=[org_a.slug, contact.pk]))
    assert not Representative.objects.filter(pk=contact.pk).exists()


def test_invalid_role_is_refused(client, org_a, representative_user, contact_a):
    contact = Representative.objects.get(organisation=org_a, user=contact_a)
    client.force_login(representative_user)
    client.post(
        reverse("associations:change_role", args=[org_a.slug, contact.pk]), {"role": "owner"}
    )
    contact.refresh_from_db()
    assert contact.role == "contact"


def test_end_membership_only_touches_own_link(client, org_a, org_b, eva, representative_user):
    membership_a = Membership.objects.get(volunteer=eva, organisation=org_a)
    client.force_login(representative_user)
    client.post(reverse("associations:end_membership", args=[org_a.slug, membership_a.pk]))
    membership_a.refresh_from_db()
    assert membership_a.status == Membership.Status.ENDED
    assert Membership.objects.get(volunteer=eva, organisation=org_b).status == "active"
    response = client.get(reverse("associations:manage", args=[org_a.slug]))
    assert list(response.context["memberships"]) == []


def test_my_pages_lists_represented_organisations(client, org_a, representative_user, home_page):
    client.force_login(representative_user)
    html = client.get(reverse("core:my_pages")).content.decode()
    assert reverse("associations:manage", args=[org_a.slug]) in html


def test_my_pages_invites_others_to_register(client, volunteer_user, home_page):
    client.force_login(volunteer_user)
    html = client.get(reverse("core:my_pages")).content.decode()
    assert reverse("associations:register") in html
