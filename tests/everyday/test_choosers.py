"""Accounts and people are chosen with a search (Wagtail's chooser), not from a dropdown of
every user or person on the site."""

import pytest
from django.urls import reverse

from associations.models import Volunteer
from samverka.people.models import Person

pytestmark = pytest.mark.django_db


def test_linking_a_volunteer_to_an_account_uses_the_chooser_not_a_dropdown(
    client, coordinator, editor
):
    volunteer = Volunteer.objects.create(first_name="Per", last_name="Ek", email="per@example.com")
    client.force_login(coordinator)
    html = client.get(reverse("volunteer:edit", args=[volunteer.pk])).content.decode()
    assert reverse("account_chooser:choose") in html
    assert '<select name="user"' not in html and editor.email not in html


def test_the_account_chooser_searches_by_name_and_email(client, coordinator, editor):
    client.force_login(coordinator)
    url = reverse("account_chooser:choose_results")
    html = client.get(url, {"q": "jonas"}).content.decode()
    assert editor.email in html or "Jonas" in html
    assert coordinator.email not in html
    html = client.get(url, {"q": "samordnare@demo"}).content.decode()
    assert "Karin" in html or coordinator.email in html
    assert "Jonas" not in html


def test_the_person_chooser_searches_by_name_and_phone(client, coordinator):
    Person.objects.create(first_name="Amina", last_name="Yusuf", phone="+46705551234")
    Person.objects.create(first_name="Omar", last_name="Ali", phone="+46701112233")
    client.force_login(coordinator)
    url = reverse("person_chooser:choose_results")
    html = client.get(url, {"q": "5551234"}).content.decode()
    assert "Amina" in html and "Omar" not in html
    html = client.get(url, {"q": "omar ali"}).content.decode()
    assert "Omar" in html and "Amina" not in html


def test_choosers_are_for_staff_only(client, volunteer_user):
    client.force_login(volunteer_user)
    response = client.get(reverse("account_chooser:choose"))
    assert response.status_code in (302, 403)
