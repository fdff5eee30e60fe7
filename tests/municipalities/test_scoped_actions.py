"""The admin views and actions scoped besides the listings: the matching run, volunteers,
choosers, bulk actions and one-click decisions; and on the shared course, only the
organiser's coordinators change anything (absences, flags, survey, slots, the course)."""

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def make_coaching_case(person):
    from django.contrib.auth import get_user_model

    from associations.models import Organisation
    from coaching.models import Case

    actor, _ = Organisation.objects.get_or_create(
        name="Jobbcentrum", defaults={"organisation_number": "212000-0001"}
    )
    counsellor, _ = get_user_model().objects.get_or_create(
        username="vagledare@example.org", defaults={"email": "vagledare@example.org"}
    )
    return Case.objects.create(
        person=person, counsellor=counsellor, actor=actor, started_on=date(2026, 1, 5)
    )


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def _post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


def _refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied by sending the user back to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


# --- The shared course: the organiser runs it --------------------------------------------


def test_only_the_organiser_updates_absences_and_clears_flags(client, world):
    url = reverse("events_admin:programme", args=[world.course.pk])
    reza = world.enrolments["Reza"]
    reza.flagged_at = world.later
    reza.save(update_fields=["flagged_at"])

    page = _get(client, world.nils, url).content.decode()
    assert 'value="evaluate"' not in page and 'value="clear"' not in page
    assert _refused(_post(client, world.nils, url, {"action": "evaluate"}))
    assert _refused(_post(client, world.nils, url, {"action": "clear", "enrolment": reza.pk}))
    reza.refresh_from_db()
    assert reza.flagged_at is not None  # nothing changed

    page = _get(client, world.karin, url).content.decode()
    assert 'value="evaluate"' in page and 'value="clear"' in page
    assert _post(client, world.karin, url, {"action": "evaluate"}).url == url
    _post(client, world.karin, url, {"action": "clear", "enrolment": reza.pk})
    reza.refresh_from_db()
    assert reza.flagged_at is None
    # on Norrvik's own course Nils is the organiser
    own = reverse("events_admin:programme", args=[world.own_course.pk])
    assert _post(client, world.nils, own, {"action": "evaluate"}).url == own


def test_only_the_organiser_sends_the_course_survey(client, world):
    url = reverse("events_admin:course_report", args=[world.course.pk])
    assert 'value="send_survey"' not in _get(client, world.nils, url).content.decode()
    assert _refused(_post(client, world.nils, url, {"action": "send_survey"}))
    assert 'value="send_survey"' in _get(client, world.karin, url).content.decode()


def test_the_sending_municipality_sees_the_course_but_does_not_change_it(client, world):
    from events.models import Absence, AbsenceFlag, Programme, ProgrammeSlot

    slot = ProgrammeSlot.objects.create(
        programme=world.course, weekday=0, starts_at="09:00", room="Sal 1", capacity=20
    )
    absence = Absence.objects.create(
        enrolment=world.enrolments["Reza"], occurrence=world.sessions[3]
    )
    flag = AbsenceFlag.objects.create(
        enrolment=world.enrolments["Reza"], streak=3, flagged_at=world.later
    )
    for namespace, row in (
        ("programme", world.course),
        ("programmeslot", slot),
        ("absence", absence),
        ("absenceflag", flag),
    ):
        listing = _get(client, world.nils, reverse(f"{namespace}:index"))
        assert row.pk in {r.pk for r in listing.context["object_list"]}, namespace
        for view in ("edit", "delete"):
            url = reverse(f"{namespace}:{view}", args=[row.pk])
            assert _refused(_get(client, world.nils, url)), (namespace, view)
            assert _refused(_post(client, world.nils, url)), (namespace, view)
            assert _get(client, world.karin, url).status_code == 200, (namespace, view)
        assert type(row).objects.filter(pk=row.pk).exists()
    assert Programme.objects.filter(pk=world.course.pk).exists()


def test_enrolling_lists_only_the_users_residents_the_course_accepts(client, world):
    from samverka.people.models import Person

    Person.objects.create(first_name="Nadia", home_municipality=world.norrvik)
    Person.objects.create(first_name="Alva", home_municipality=world.alunda)
    url = reverse("events_admin:enrol", args=[world.course.pk])
    listed = {p.first_name for p in _get(client, world.nils, url).context["form"].candidates}
    assert "Nadia" in listed and "Alva" not in listed
    listed = {p.first_name for p in _get(client, world.karin, url).context["form"].candidates}
    assert "Alva" in listed and "Nadia" not in listed


# --- Matching runs -------------------------------------------------------------------------


def _run_for(user, names, municipality, district):
    """A run by `user` for newcomers of `municipality`, each with a kompis nearby."""
    from mentors.models import MatchRun
    from tests.mentors.conftest import make_mentor, make_newcomer

    for name in names:
        make_newcomer(name, district=district, home_municipality=municipality)
        make_mentor(f"Kompis{name}", district=district)
    return MatchRun.execute(user=user)


@pytest.fixture
def no_distance_limit(world):
    from mentors.models import MatchingPolicy, Newcomer

    policy = MatchingPolicy.objects.current()
    policy.max_distance_km = None
    policy.save()
    # the world's own newcomers (Amal, Reza) wait for no run here
    Newcomer.objects.update(status=Newcomer.Status.CLOSED)


def test_a_matching_run_is_its_municipalitys(client, world, no_distance_limit):
    karins = _run_for(world.karin, ["Alma"], world.alunda, "Västerby")
    assert karins.proposals.count() == 1
    for name in ("run",):
        url = reverse(f"mentors_admin:{name}", args=[karins.pk])
        assert _get(client, world.nils, url).status_code == 404
        assert _get(client, world.karin, url).status_code == 200
    action = reverse("mentors_admin:run_action", args=[karins.pk])
    proposal = karins.proposals.get()
    response = _post(client, world.nils, action, {"action": "lock", "proposal": proposal.pk})
    assert response.status_code == 404
    approve = reverse("mentors_admin:approve", args=[karins.pk])
    assert _post(client, world.nils, approve, {"approve": [proposal.pk]}).status_code == 404
    karins.refresh_from_db()
    from mentors.models import Match

    assert karins.locked == [] and not Match.objects.filter(proposal=proposal).exists()
    # Nils's board offers his own draft, not Karin's
    assert _get(client, world.nils, reverse("mentors_admin:board")).context["draft"] is None
    assert _get(client, world.karin, reverse("mentors_admin:board")).context["draft"] == karins


def test_the_board_lists_only_the_kompisar_of_the_coordinators_municipalities(
    client, world, no_distance_limit
):
    from mentors.models import MatchingPolicy, MatchRun
    from tests.mentors.conftest import make_mentor, make_newcomer

    alva = make_mentor("Alva", district="Västerby")  # Ålunda's
    make_mentor("Nora", district="Norrvik centrum")
    board = reverse("mentors_admin:board")
    rows = _get(client, world.nils, board).context["mentor_rows"]
    assert {row["name"] for row in rows} == {"Nora Holm"}
    assert _get(client, world.nils, board).context["mentors_total"] == 1
    rows = _get(client, world.karin, board).context["mentor_rows"]
    assert {row["name"] for row in rows} == {"Alva Holm"}

    # Nils's run names none of Ålunda's kompisar among those left unmatched
    run = MatchRun.execute(user=world.nils)  # nobody of his waits: Nora is left unmatched
    assert run.stats["mentors"] == 1
    unmatched = {u["id"] for u in run.unmatched if u["kind"] == "mentor"}
    assert alva.pk not in unmatched and len(unmatched) == 1
    page = _get(client, world.nils, reverse("mentors_admin:run", args=[run.pk]))
    assert "Nora" in page.content.decode() and "Alva" not in page.content.decode()

    # A newcomer's candidates are the kompisar a run could propose: his municipality's ...
    saga = make_newcomer("Saga", district="Norrvik centrum", home_municipality=world.norrvik)
    candidates = reverse("mentors_admin:candidates", args=[saga.pk])
    page = _get(client, world.nils, candidates)
    assert [c["mentor"].first_name for c in page.context["candidates"]] == ["Nora"]
    assert page.context["considered"] == 1
    assert "Alva" not in page.content.decode()
    # ... and, where the policy matches across municipalities, every municipality's, as a
    # run then proposes them (the board keeps listing only his own)
    policy = MatchingPolicy.objects.current()
    policy.across_municipalities = True
    policy.save()
    page = _get(client, world.nils, candidates)
    assert {c["mentor"].first_name for c in page.context["candidates"]} == {"Nora", "Alva"}
    rows = _get(client, world.nils, board).context["mentor_rows"]
    assert {row["name"] for row in rows} == {"Nora Holm"}


def test_a_run_listing_another_municipalitys_unmatched_newcomers_is_a_404(
    client, world, no_distance_limit
):
    from django.contrib.auth.models import Group

    from mentors.models import MatchRun, Newcomer
    from samverka.core.permissions import REGIONAL_COORDINATOR
    from tests.municipalities.conftest import make_coordinator

    regional = make_coordinator("region@example.org")
    regional.groups.add(Group.objects.get(name=REGIONAL_COORDINATOR))
    Newcomer.objects.filter(pk=world.amal.pk).update(status=Newcomer.Status.WAITING)
    assert list(Newcomer.objects.waiting()) == [world.amal]
    run = MatchRun.execute(user=regional)  # no mentor: Amal is left unmatched
    assert run.proposals.count() == 0 and run.unmatched
    url = reverse("mentors_admin:run", args=[run.pk])
    assert _get(client, world.nils, url).status_code == 404
    assert _get(client, world.karin, url).status_code == 200
    assert _get(client, regional, url).status_code == 200


def test_the_run_page_costs_the_same_for_one_and_many_proposals(client, world, no_distance_limit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from associations.models import Volunteer
    from mentors.models import Newcomer

    def cost(run):
        url = reverse("mentors_admin:run", args=[run.pk])
        client.force_login(world.nils)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = _run_for(world.nils, ["Noor"], world.norrvik, "Norrvik centrum")
    assert one.proposals.count() == 1
    cost_one = cost(one)
    # the same shape, six times over: the first run's people wait no more
    Newcomer.objects.update(status=Newcomer.Status.CLOSED)
    Volunteer.objects.update(status=Volunteer.Status.INACTIVE)
    many = _run_for(world.nils, [f"Ny{n}" for n in range(6)], world.norrvik, "Norrvik centrum")
    assert many.proposals.count() == 6
    assert cost(many) == cost_one


# --- Volunteers, choosers, bulk actions, one-click decisions -----------------------------


@pytest.fixture
def volunteers(world):
    from associations.models import Volunteer

    return {
        "Ålunda": Volunteer.objects.get(first_name="Eva"),  # Västerby
        "Norrvik": Volunteer.objects.create(
            first_name="Nora", last_name="Lind", district="Norrvik centrum"
        ),
        "nowhere": Volunteer.objects.create(first_name="Ulf", last_name="Berg"),
    }


@pytest.mark.parametrize("who", ["karin", "nils"])
def test_the_volunteers_listing_and_pages(client, world, volunteers, who):
    user = getattr(world, who)
    own, other = ("Ålunda", "Norrvik") if who == "karin" else ("Norrvik", "Ålunda")
    for namespace in ("volunteer", "pending_volunteers"):
        listing = _get(client, user, reverse(f"{namespace}:index"))
        shown = {v.pk for v in listing.context["object_list"]}
        assert volunteers[own].pk in shown and volunteers["nowhere"].pk in shown, namespace
        assert volunteers[other].pk not in shown, namespace
    assert (
        _get(client, user, reverse("volunteer:edit", args=[volunteers[own].pk])).status_code == 200
    )
    other_pk = volunteers[other].pk
    assert _get(client, user, reverse("volunteer:edit", args=[other_pk])).status_code == 404
    assert (
        _post(client, user, reverse("associations_decisions:vet", args=[other_pk])).status_code
        == 404
    )
    volunteers[other].refresh_from_db()
    assert volunteers[other].status != volunteers[other].Status.VETTED


def test_bulk_actions_act_only_on_what_the_listing_shows(client, world, volunteers):
    from associations.models import Organisation, Volunteer

    def bulk(model, action, objects):
        url = reverse("wagtail_bulk_action", args=["associations", model, action])
        return url + "?" + "&".join(f"id={o.pk}" for o in objects) + "&next=/admin/"

    alunda_only = bulk("volunteer", "vet", [volunteers["Ålunda"]])
    assert _get(client, world.nils, alunda_only).status_code == 404
    assert _post(client, world.nils, alunda_only).status_code == 404
    both = bulk("volunteer", "vet", [volunteers["Ålunda"], volunteers["Norrvik"]])
    page = _get(client, world.nils, both).content.decode()
    assert "Nora" in page and "Eva Holm" not in page
    _post(client, world.nils, both)
    vetted = set(
        Volunteer.objects.filter(status=Volunteer.Status.VETTED).values_list(
            "first_name", flat=True
        )
    )
    assert "Nora" in vetted and "Eva" not in vetted

    pending = world.organisations["Ålunda"]
    Organisation.objects.filter(pk=pending.pk).update(status=Organisation.Status.PENDING)
    url = bulk("organisation", "approve", [pending])
    assert _post(client, world.nils, url).status_code == 404
    one_click = reverse("associations_decisions:approve", args=[pending.pk])
    assert _post(client, world.nils, one_click).status_code == 404
    decide = reverse("associations_admin:decide", args=[pending.pk])
    assert _get(client, world.nils, decide).status_code == 404
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
    assert _post(client, world.karin, one_click).status_code == 302


def test_the_choosers_list_and_choose_only_the_users_people(client, world, volunteers):
    from django.contrib.auth import get_user_model

    from samverka.people.models import Person

    results = reverse("person_chooser:choose_results")
    page = _get(client, world.nils, results).content.decode()
    assert "Reza" in page and "Amal" not in page
    chosen = reverse("person_chooser:chosen", args=[world.amal.person.pk])
    assert _get(client, world.nils, chosen).status_code == 404
    assert _get(client, world.karin, chosen).status_code == 200

    User = get_user_model()
    amal_account = User.objects.create_user("amal@example.org", "amal@example.org", "pw-x-long-1")
    Person.objects.filter(pk=world.amal.person.pk).update(user=amal_account)
    nora_account = User.objects.create_user("nora@example.org", "nora@example.org", "pw-x-long-1")
    volunteers["Norrvik"].user = nora_account
    volunteers["Norrvik"].save(update_fields=["user"])
    accounts = reverse("account_chooser:choose_results")
    page = _get(client, world.nils, accounts, q="example.org").content.decode()
    assert "nora@example.org" in page and "amal@example.org" not in page
    page = _get(client, world.karin, accounts, q="example.org").content.decode()
    assert "amal@example.org" in page and "nora@example.org" not in page
    chosen = reverse("account_chooser:chosen", args=[amal_account.pk])
    assert _get(client, world.nils, chosen).status_code == 404
