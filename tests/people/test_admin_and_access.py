"""The Person listing in the admin, and who sees special-category data."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.people.access import get_person_for, may_see_special_category, visible_interests
from samverka.people.models import Person

from .conftest import make_person


def _listing_queries(client, count):
    Person.objects.all().delete()
    Person.objects.bulk_create(
        Person(first_name=f"P{n}", last_name="Test", phone=f"+4670{n:07d}") for n in range(count)
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("persons:index"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_person_listing_queries_do_not_grow_with_rows(
    coordinator_client, django_assert_num_queries
):
    coordinator_client.get(reverse("persons:index"))  # warm caches (site, locale)
    one, _html = _listing_queries(coordinator_client, 1)
    hundred, html = _listing_queries(coordinator_client, 100)
    assert one == hundred
    assert "070-000 00 00" in html  # P0, first on the page: shown as written, stored in E.164
    # Pinned: session, user, groups and permissions, the count and the page of people,
    # Wagtail's own (site, locale, user profile, menu).
    with django_assert_num_queries(one):
        coordinator_client.get(reverse("persons:index"))


@pytest.mark.django_db
def test_person_listing_search_and_filter(coordinator_client):
    make_person("Amal", district="Västerby")
    make_person("Reza", phone="070-222 33 44", district="Söderdal")
    html = coordinator_client.get(reverse("persons:index"), {"q": "Reza"}).content.decode()
    assert "Reza" in html and "Amal" not in html
    html = coordinator_client.get(
        reverse("persons:index"), {"district": "Västerby"}
    ).content.decode()
    assert "Amal" in html and "Reza" not in html


@pytest.mark.django_db
def test_phone_is_stored_in_e164_and_shown_as_written(coordinator_client):
    person = make_person(phone="070-111 22 33")
    person.refresh_from_db()
    assert str(person.phone) == "+46701112233"
    assert person.phone_display == "070-111 22 33"
    response = coordinator_client.post(
        reverse("persons:edit", args=[person.pk]),
        {
            "first_name": "Amal",
            "last_name": "Yousef",
            "phone": "not a number",
            "preferred_language": "ar",
            "gender": "female",
        },
    )
    assert response.status_code == 200  # refused with a message, what was typed kept
    assert "not a number" in response.content.decode()


@pytest.mark.django_db
def test_special_category_is_decided_in_one_place(coordinator, volunteer_user, coordinator_client):
    person = make_person(faith_community="Ålunda församling", income_support=True)
    assert not may_see_special_category(coordinator, person)
    assert visible_interests(coordinator, person, ["faith", "cooking"]) == ["cooking"]
    html = coordinator_client.get(reverse("persons:edit", args=[person.pk])).content.decode()
    assert "faith_community" not in html and "income_support" not in html

    coordinator.user_permissions.add(
        Permission.objects.get(codename="view_special_category", content_type__app_label="people")
    )
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)  # permission cache
    assert may_see_special_category(coordinator, person)
    coordinator_client.force_login(coordinator)
    html = coordinator_client.get(reverse("persons:edit", args=[person.pk])).content.decode()
    assert "faith_community" in html

    person.user = volunteer_user
    person.save()
    assert may_see_special_category(volunteer_user, person)  # their own data
    assert not may_see_special_category(volunteer_user, make_person("Reza", phone=""))


@pytest.mark.django_db
def test_get_person_for(coordinator, volunteer_user, representative_user):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    person = make_person()
    assert get_person_for(coordinator, person.pk, write=True) == person
    with pytest.raises(Http404):
        get_person_for(representative_user, person.pk)
    person.user = volunteer_user
    person.save()
    assert get_person_for(volunteer_user, person.pk) == person
    with pytest.raises(PermissionDenied):
        get_person_for(volunteer_user, person.pk, write=True)
    with pytest.raises(Http404):
        get_person_for(coordinator, 999999)
