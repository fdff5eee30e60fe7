"""The coordinator's pages in the Wagtail admin, and the engine's suggestions."""

from datetime import date

import pytest
from django.urls import reverse

from mentors.internships import matching
from mentors.internships.models import FollowUp, Internship, Outcome
from samverka.people.municipalities import default_municipality_pk

from .conftest import make_mentor, make_newcomer, make_place, place_newcomer

pytestmark = pytest.mark.django_db


def _form(newcomer, place, **overrides):
    data = {
        "newcomer": newcomer.pk,
        "place": place.pk,
        "start_date": "2026-02-02",
        "end_date": "2026-05-01",
        "hours_per_week": "30",
        "plan": "Fyra veckor i verkstaden, sedan ute på bygget.",
        "goals": "Läsa ritningar\nSäkerhet på bygget",
    }
    data.update(overrides)
    return data


def test_place_a_newcomer_with_suggestions_then_run_the_internship(
    admin_client_en, newcomer, place, mentor, employer
):
    client = admin_client_en
    make_place(employer, title="Kontor", occupation="Receptionist", sector="Kontor")
    page = client.get(reverse("internships_admin:new") + f"?newcomer={newcomer.pk}")
    assert page.status_code == 200
    suggestions = page.context["suggestions"].items
    assert suggestions[0].obj == place  # same profession ranks first

    response = client.post(reverse("internships_admin:new"), _form(newcomer, place))
    internship = Internship.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("internships_admin:manage", args=[internship.pk])
    assert internship.coordinator.email == "samordnare@demo.samverka.se"

    manage = client.get(response["Location"])
    assert manage.status_code == 200
    assert manage.context["suggestions"].items[0].obj == mentor
    client.post(
        reverse("internships_admin:assign_mentor", args=[internship.pk]), {"volunteer": mentor.pk}
    )
    client.post(reverse("internships_admin:status", args=[internship.pk]), {"action": "start"})
    client.post(
        reverse("internships_admin:follow_up", args=[internship.pk, "midpoint"]),
        {
            "completed_on": "2026-03-18",
            "rating": "4",
            "attendance": "full",
            "supervisor_view": "Mycket bra",
        },
    )
    client.post(
        reverse("internships_admin:add_contact", args=[internship.pk]),
        {
            "date": "2026-03-01",
            "party": "coordinator",
            "channel": "visit",
            "note": "Besök på arbetsplatsen",
        },
    )
    client.post(
        reverse("internships_admin:status", args=[internship.pk]),
        {"action": "complete", "on": "2026-05-01"},
    )
    response = client.post(
        reverse("internships_admin:outcome", args=[internship.pk]),
        {
            "checkpoint": "end",
            "kind": "job",
            "recorded_on": "2026-05-01",
            "job_start_date": "2026-05-04",
            "employer_name": "Ålunda Bygg AB",
        },
    )
    assert response.status_code == 302
    internship.refresh_from_db()
    assert internship.mentor == mentor
    assert internship.status == Internship.Status.COMPLETED
    assert internship.follow_ups.get(kind="midpoint").rating == FollowUp.Rating.VERY_GOOD
    assert internship.contacts.get().channel == "visit"
    assert internship.job_started_on == date(2026, 5, 4)
    assert internship.days_to_job == (date(2026, 5, 4) - date(2024, 3, 1)).days

    # the same checkpoint again replaces the outcome
    client.post(
        reverse("internships_admin:outcome", args=[internship.pk]),
        {
            "checkpoint": "end",
            "kind": "nystartsjobb",
            "recorded_on": "2026-05-01",
            "job_start_date": "2026-05-04",
        },
    )
    assert internship.outcomes.get().kind == Outcome.Kind.NYSTARTSJOBB


def test_over_capacity_gives_a_message_and_saves_nothing(admin_client_en, place):
    place_newcomer(make_newcomer("A"), place)
    place_newcomer(make_newcomer("B"), place)
    late = make_newcomer("C")
    response = admin_client_en.post(reverse("internships_admin:new"), _form(late, place))
    assert response.status_code == 400
    assert "All 2 places at Snickare, praktik are taken" in response.content.decode()
    assert not Internship.objects.filter(newcomer=late).exists()


def test_end_before_start_and_overlap_give_messages(admin_client_en, newcomer, place, employer):
    response = admin_client_en.post(
        reverse("internships_admin:new"), _form(newcomer, place, end_date="2026-01-01")
    )
    assert response.status_code == 400
    assert "The last day cannot be before the first day." in response.content.decode()
    place_newcomer(newcomer, place)
    other = make_place(employer, title="Målare")
    response = admin_client_en.post(reverse("internships_admin:new"), _form(newcomer, other))
    assert response.status_code == 400
    assert "Internships for one person cannot overlap." in response.content.decode()
    assert Internship.objects.count() == 1
    # what was typed is kept
    assert 'value="2026-02-02"' in response.content.decode()


def test_outcome_before_the_internship_gives_a_message(admin_client_en, internship):
    response = admin_client_en.post(
        reverse("internships_admin:outcome", args=[internship.pk]),
        {
            "checkpoint": "end",
            "kind": "job",
            "recorded_on": "2026-01-10",
            "job_start_date": "2026-01-12",
        },
    )
    assert response.status_code == 400
    assert "An outcome cannot be dated before the internship started" in response.content.decode()
    assert not Outcome.objects.exists()


def test_early_end_without_a_reason_is_refused(admin_client_en, internship):
    response = admin_client_en.post(
        reverse("internships_admin:status", args=[internship.pk]),
        {"action": "interrupt", "on": "2026-03-01"},
    )
    assert response.status_code == 400
    assert "Say briefly why it ended early." in response.content.decode()
    internship.refresh_from_db()
    assert internship.status == Internship.Status.PLANNED


def test_wagtail_listings_open(admin_client_en, internship):
    assert admin_client_en.get(reverse("internship:index")).status_code == 200
    assert admin_client_en.get(reverse("internshipplace:index")).status_code == 200
    assert admin_client_en.get(reverse("internshipplace:add")).status_code == 200
    # internships are added through the place-a-newcomer page
    assert admin_client_en.get(reverse("internship:add"))["Location"] == reverse(
        "internships_admin:new"
    )


def test_proposals_for_everyone_waiting(admin_client_en, place, employer):
    make_newcomer("A")
    make_newcomer("B")
    make_newcomer("C", profession="Kock", languages={"ar": 5})
    response = admin_client_en.get(reverse("internships_admin:proposals"))
    assert response.status_code == 200
    # two seats for the two who speak Swedish at work
    assert len(response.context["rows"]) == 2


def test_mentor_suggestions_keep_the_rules(internship, employer):
    make_mentor("Nära")
    make_mentor("Fel Yrke", profession="Kock", sector="Restaurang")
    make_mentor("Långt Bort", latitude=59.9, longitude=18.9)
    make_mentor("Kväll", availability=["mon_evening"])
    make_mentor("Full", capacity=1)
    busy = make_mentor("Upptagen", capacity=1)
    other = place_newcomer(make_newcomer("X"), make_place(employer, title="Annan"))
    other.assign_mentor(busy)
    Internship.objects.filter(pk=other.pk).update(status=Internship.Status.ACTIVE)
    result = matching.mentors_for(internship)
    names = [s.obj.first_name for s in result.items]
    assert "Nära" in names and "Full" in names
    assert not {"Fel Yrke", "Långt Bort", "Kväll", "Upptagen"} & set(names)
    assert result.excluded_by == {
        "profession_or_sector": 1,
        "distance": 1,
        "time_slot": 1,
        "capacity": 1,
    }
    best = result.items[0]
    assert best.score > 0 and dict(best.breakdown)


def test_place_suggestions_use_language_distance_and_free_seats(newcomer, employer):
    fitting = make_place(employer)
    full = make_place(employer, title="Full", number_of_places=1)
    place_newcomer(make_newcomer("Z"), full)
    make_place(employer, title="Bara engelska", languages=["en"])
    make_place(employer, title="Fjärran", district="", latitude=61.0, longitude=15.0)
    make_place(employer, title="Väntar", review="pending")
    result = matching.places_for(newcomer)
    assert [s.obj for s in result.items] == [fitting]
    # the full place is filled, the pending one unapproved: neither is considered
    assert result.considered == 3
    assert result.excluded_by == {"language": 1, "distance": 1}


def test_coordinator_changes_dates_follow_ups_move_and_overlap_is_refused(
    admin_client_en, internship, newcomer, employer
):
    url = reverse("internships_admin:details", args=[internship.pk])
    data = {
        "start_date": "2026-02-02",
        "end_date": "2026-06-01",
        "hours_per_week": "30",
        "supervisor_name": "Sven Handledare",
        "plan": "Ny plan",
        "goals": "Ett mål",
    }
    assert admin_client_en.post(url, data).status_code == 302
    internship.refresh_from_db()
    assert internship.plan == "Ny plan"
    assert internship.follow_ups.get(kind="final").due_on == date(2026, 6, 1)

    later = place_newcomer(
        newcomer, make_place(employer, title="Målare"), start=date(2026, 7, 1), end=date(2026, 8, 1)
    )
    response = admin_client_en.post(url, {**data, "end_date": "2026-07-15", "plan": "Krock"})
    assert response.status_code == 400
    assert "Internships for one person cannot overlap." in response.content.decode()
    internship.refresh_from_db()
    assert internship.end_date == date(2026, 6, 1) and internship.plan == "Ny plan"
    assert internship.follow_ups.get(kind="final").due_on == date(2026, 6, 1)
    assert later.pk != internship.pk


def test_coordinator_adds_a_place_in_the_wagtail_admin(admin_client_en, employer):
    response = admin_client_en.post(
        reverse("internshipplace:add"),
        {
            "employer": employer.pk,
            "title": "Plåtslagare",
            "occupation": "Plåtslagare",
            "sector": "Bygg",
            "description": "",
            "competences": "plåt, tak",
            "languages": ["sv"],
            "starts_on": "2026-03-01",
            "ends_on": "2026-09-30",
            "hours_per_week": "35",
            "number_of_places": "2",
            "work_slots": ["mon_morning", "tue_morning"],
            "district": "Västerby",
            "municipality": default_municipality_pk(),
            "supervisor_name": "Per",
            "supervisor_email": "",
            "supervisor_phone": "",
            "status": "open",
            "review": "approved",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    place = employer.internship_places.get(title="Plåtslagare")
    assert place.competences == ["plåt", "tak"]
    assert place.work_slots == ["mon_morning", "tue_morning"]
    assert place.latitude is not None  # the district's centre
    edit = admin_client_en.get(reverse("internshipplace:edit", args=[place.pk]))
    assert 'value="plåt, tak"' in edit.content.decode()
