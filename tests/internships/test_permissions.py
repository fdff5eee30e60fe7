"""Who sees which internship: supervisor, mentor, another organisation, coordinator."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from mentors.internships.access import get_internship_for, get_place_for
from mentors.internships.models import ContactLogEntry, FollowUp, Internship

from .conftest import make_employer, make_newcomer, make_place, make_user, place_newcomer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(internship, mentor, other_mentor, supervisor, other_rep, coordinator, volunteer_user):
    internship.assign_mentor(mentor)
    # an internship at another organisation, with another mentor
    elsewhere = place_newcomer(
        make_newcomer("Bashir"), make_place(make_employer("Annan Arbetsgivare AB"))
    )
    elsewhere.assign_mentor(other_mentor)
    return {
        "mine": internship,
        "elsewhere": elsewhere,
        "users": {
            "supervisor": supervisor,
            "mentor": mentor.user,
            "other_mentor": other_mentor.user,
            "other_rep": other_rep,
            "volunteer": volunteer_user,
            "coordinator": coordinator,
        },
    }


# role -> (sees "mine", sees "elsewhere")
VISIBILITY = {
    "supervisor": (True, False),
    "mentor": (True, False),
    "other_mentor": (False, True),
    "other_rep": (False, False),
    "volunteer": (False, False),
    "coordinator": (True, True),
}


@pytest.mark.parametrize("role", VISIBILITY)
def test_who_sees_which_internship(client, world, role):
    user = world["users"][role]
    client.force_login(user)
    for key, expected in zip(("mine", "elsewhere"), VISIBILITY[role], strict=True):
        internship = world[key]
        response = client.get(reverse("internships:detail", args=[internship.pk]))
        assert response.status_code == (200 if expected else 404), (role, key)
        assert Internship.objects.visible_to(user).filter(pk=internship.pk).exists() is expected
    listing = client.get(reverse("internships:index")).content.decode()
    assert ("Amal" in listing) is VISIBILITY[role][0]
    assert ("Bashir" in listing) is VISIBILITY[role][1]


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get(reverse("internships:detail", args=[world["mine"].pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_write_access_is_for_coordinators_only(world):
    with pytest.raises(PermissionDenied):
        get_internship_for(world["users"]["supervisor"], world["mine"].pk, write=True)
    with pytest.raises(Http404):
        get_internship_for(world["users"]["other_rep"], world["mine"].pk, write=True)
    internship, access = get_internship_for(
        world["users"]["coordinator"], world["mine"].pk, write=True
    )
    assert access.can_write


@pytest.mark.parametrize("role", ["supervisor", "mentor"])
def test_parties_add_to_the_contact_log_and_record_follow_ups(client, world, role):
    client.force_login(world["users"][role])
    internship = world["mine"]
    response = client.post(
        reverse("internships:add_contact", args=[internship.pk]),
        {"date": "2026-02-10", "party": role, "channel": "phone", "note": "Allt går bra."},
    )
    assert response.status_code == 302
    entry = ContactLogEntry.objects.get(internship=internship)
    assert entry.author == world["users"][role] and entry.party == role
    response = client.post(
        reverse("internships:follow_up", args=[internship.pk, "start"]),
        {
            "completed_on": "2026-02-09",
            "rating": "3",
            "attendance": "full",
            "mentor_view": "Bra start",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(internship=internship, kind="start")
    assert follow_up.completed_by == world["users"][role] and follow_up.rating == 3


def test_another_organisation_cannot_add_to_the_log(client, world):
    client.force_login(world["users"]["other_rep"])
    response = client.post(
        reverse("internships:add_contact", args=[world["mine"].pk]),
        {"date": "2026-02-10", "party": "supervisor", "channel": "phone", "note": "Hej"},
    )
    assert response.status_code == 404
    assert not ContactLogEntry.objects.exists()


def test_a_newcomer_with_an_account_sees_their_own_and_cannot_record_follow_ups(client, world):
    internship = world["mine"]
    user = make_user("amal@example.com", "Amal", "Yousef")
    internship.newcomer.person.user = user
    internship.newcomer.person.save()
    client.force_login(user)
    assert client.get(reverse("internships:detail", args=[internship.pk])).status_code == 200
    assert (
        client.get(reverse("internships:detail", args=[world["elsewhere"].pk])).status_code == 404
    )
    follow_up = client.get(reverse("internships:follow_up", args=[internship.pk, "start"]))
    assert follow_up.status_code == 403


def test_supervisor_cannot_open_the_admin_pages(client, world):
    client.force_login(world["users"]["supervisor"])
    for name in ("internships_admin:manage", "internships_admin:follow_up"):
        args = [world["mine"].pk] + (["start"] if "follow_up" in name else [])
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 403)


def test_places_representatives_post_and_edit_while_pending(
    client, employer, employer_admin, supervisor, other_rep, coordinator
):
    client.force_login(employer_admin)
    data = {
        "title": "Lagerpraktik",
        "occupation": "Lagerarbetare",
        "sector": "Logistik",
        "competences_text": "truckkort, plock",
        "languages": ["sv", "en"],
        "district": "Västerby",
        "starts_on": "2026-03-01",
        "ends_on": "2026-02-01",
        "hours_per_week": "30",
        "work_slots": ["mon_morning", "tue_morning"],
        "number_of_places": "2",
        "supervisor_name": "Sven",
    }
    with translation.override("en"):
        url = reverse("internships:new_place", args=[employer.slug])
    response = client.post(url, data)
    assert response.status_code == 400  # period ends before it starts
    assert "The period cannot end before it starts." in response.content.decode()
    assert not employer.internship_places.exists()
    data["ends_on"] = "2026-06-30"
    assert client.post(url, data).status_code == 302
    place = employer.internship_places.get()
    assert place.review == "pending" and place.competences == ["truckkort", "plock"]
    assert place.posted_by == employer_admin
    from samverka.core.models import OutboundEmail

    assert OutboundEmail.objects.filter(to__icontains="samordnare@demo.samverka.se").exists()

    # another organisation's representative: 404 for both posting and editing
    client.force_login(other_rep)
    assert client.get(url).status_code == 404
    assert client.get(reverse("internships:edit_place", args=[place.pk])).status_code == 404
    # a contact person of the employer may read but not change it
    with pytest.raises(PermissionDenied):
        get_place_for(supervisor, place.pk, write=True)
    assert get_place_for(supervisor, place.pk) == place
    # once approved, the employer can no longer change it
    place.approve(coordinator)
    with pytest.raises(PermissionDenied):
        get_place_for(employer_admin, place.pk, write=True)


def test_coordinator_approves_a_posted_place(admin_client_en, employer):
    place = make_place(employer, review="pending")
    url = reverse("internships_admin:pending_places")
    assert place.title in admin_client_en.get(url).content.decode()
    admin_client_en.post(url, {"place": place.pk, "decision": "approve"})
    place.refresh_from_db()
    assert place.review == "approved"


def test_detail_query_count_does_not_grow_with_the_log(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["users"]["mentor"])
    internship = world["mine"]
    url = reverse("internships:detail", args=[internship.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        ContactLogEntry.objects.create(
            internship=internship,
            date=date(2026, 2, 1 + n),
            party="mentor",
            channel="phone",
            note=f"{n}",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_coordinator_group_has_the_internship_permissions(coordinator, supervisor):
    for model in ("internshipplace", "internship", "followup", "contactlogentry", "outcome"):
        for action in ("add", "change", "delete", "view"):
            assert coordinator.has_perm(f"internships.{action}_{model}")
    assert not supervisor.has_perm("internships.view_internship")
