"""Who sees what: volunteers only their own matches, representatives nothing of newcomers,
only coordinators newcomer profiles; the public application form."""

import pytest
from django.urls import reverse

from mentors.models import Match, Newcomer
from samverka.people.models import Person

from .conftest import make_mentor, make_newcomer

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_match(eva, amina):
    return Match.propose(amina, eva)


@pytest.fixture
def other_match(db):
    return Match.propose(make_newcomer("Sara"), make_mentor("Lena"))


def test_volunteer_sees_own_match_but_not_others(client, volunteer_user, own_match, other_match):
    client.force_login(volunteer_user)
    response = client.get(reverse("mentors:match", args=[own_match.pk]))
    assert response.status_code == 200
    assert "Amina" in response.content.decode()
    assert "070-111" not in response.content.decode()  # contact only once active
    assert client.get(reverse("mentors:match", args=[other_match.pk])).status_code == 404
    response = client.post(reverse("mentors:answer", args=[other_match.pk]), {"accept": "yes"})
    assert response.status_code == 404


def test_volunteer_answers_on_their_pages_and_logs_meetings(client, volunteer_user, own_match):
    client.force_login(volunteer_user)
    page = client.get(reverse("core:my_pages")).content.decode()
    assert "Kompis proposal: Amina" in page
    response = client.post(
        reverse("mentors:answer", args=[own_match.pk]), {"accept": "no", "reason": ""}
    )
    assert response.status_code == 200 and "Please say briefly why" in response.content.decode()
    client.post(reverse("mentors:answer", args=[own_match.pk]), {"accept": "yes"})
    own_match.answer_as_newcomer(True)
    response = client.post(
        reverse("mentors:log_meeting", args=[own_match.pk]),
        {"date": "2026-11-20", "minutes": "90", "activity": "Fika at the library"},
    )
    assert response.status_code == 302
    page = client.get(reverse("mentors:match", args=[own_match.pk])).content.decode()
    assert "1.5 hours in total" in page and "070-111" in page


def test_representative_sees_nothing_of_newcomers(client, representative_user, own_match, amina):
    client.force_login(representative_user)
    assert client.get(reverse("mentors:match", args=[own_match.pk])).status_code == 404
    for name, args in (
        ("mentors_admin:board", []),
        ("mentors_admin:candidates", [amina.pk]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 403, 404)
        assert "Amina" not in response.content.decode()


def test_only_coordinators_see_newcomer_profiles(client, coordinator, volunteer_user, amina):
    from mentors.access import get_newcomer_for

    assert get_newcomer_for(coordinator, amina.pk) == amina
    from django.http import Http404

    with pytest.raises(Http404):
        get_newcomer_for(volunteer_user, amina.pk)
    client.force_login(coordinator)
    response = client.get(reverse("mentors_admin:candidates", args=[amina.pk]))
    assert response.status_code == 200
    response = client.get(reverse("newcomers:index"))
    assert response.status_code == 200 and "Amina" in response.content.decode()


def test_coordinator_board_run_lock_forbid_approve(client, coordinator, eva, amina):
    client.force_login(coordinator)
    board = client.get(reverse("mentors_admin:board"))
    assert board.status_code == 200 and "Amina Yousef" in board.content.decode()
    response = client.post(reverse("mentors_admin:run_matching"))
    run_url = response["Location"]
    page = client.get(run_url).content.decode()
    assert "Eva Holm" in page
    from mentors.models import MatchRun

    run = MatchRun.objects.get()
    proposal = run.proposals.get()
    client.post(
        reverse("mentors_admin:run_action", args=[run.pk]),
        {"action": "lock", "proposal": proposal.pk},
    )
    run.refresh_from_db()
    assert run.locked == [[amina.pk, eva.pk]]
    client.post(reverse("mentors_admin:approve", args=[run.pk]), {"approve": [proposal.pk]})
    match = Match.objects.get()
    assert match.proposal == proposal and match.policy == run.policy


def test_public_application_is_pending_and_honeypot_stops_bots(client):
    data = {
        "first_name": "Hawa",
        "last_name": "Ali",
        "phone": "070-555 66 77",
        "district": "Västerby",
        "gender": "female",
        "sfi_course": "B",
        "languages": ["so"],
        "language_so": "5",
        "availability": ["sat_morning"],
        "interests": ["walking"],
        "consent": "on",
    }
    response = client.post(reverse("mentors:apply"), {**data, "homepage": "http://spam"})
    assert response.status_code == 400 and not Newcomer.objects.exists()
    response = client.post(reverse("mentors:apply"), data)
    assert response.status_code == 302
    hawa = Newcomer.objects.get()
    assert hawa.status == Newcomer.Status.PENDING
    assert hawa.language_levels() == {"so": 5, "sv": 2}
    assert hawa.latitude is not None
    consent = hawa.person.latest_consent("kompis")
    assert consent is not None and consent.method == "online"
    assert str(hawa.phone) == "+46705556677"
    assert client.get(reverse("mentors:apply")).status_code == 200


def test_my_matches_query_count_is_flat(client, volunteer_user, eva, django_assert_num_queries):
    client.force_login(volunteer_user)
    from mentors.my_pages import kompis

    class Request:
        user = volunteer_user

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            kompis(Request())
        return len(ctx.captured_queries)

    Match.propose(make_newcomer("A"), eva)
    one = count()
    eva.capacity = 3
    eva.save()
    Match.propose(make_newcomer("B"), eva)
    Match.propose(make_newcomer("C"), eva)
    assert count() == one


@pytest.mark.parametrize(
    "name",
    [
        "newcomers:index",
        "kompis_matches:index",
        "kompis_follow_ups:index",
        "mentor_preferences:index",
        "excluded_pairs:index",
        "matching_policy:index",
        "matching_policy:add",
    ],
)
def test_admin_lists_open_for_coordinators_only(client, coordinator, representative_user, name):
    client.force_login(representative_user)
    assert client.get(reverse(name)).status_code in (302, 403)
    client.force_login(coordinator)
    assert client.get(reverse(name)).status_code == 200


def test_editing_the_policy_in_the_admin_makes_a_new_version(client, coordinator, policy):
    client.force_login(coordinator)
    data = {
        "min_language_level": "3",
        "max_distance_km": "8",
        "respect_gender_preference": "on",
        "require_common_slot": "on",
        "weight_language": "3",
        "weight_distance": "2",
        "weight_interests": "2",
        "weight_profession": "1",
        "weight_age": "1",
        "weight_household": "0.5",
        "weight_availability": "1.5",
        "second_slot_cost": "10",
        "third_slot_cost": "25",
        "note": "Closer pairs",
    }
    response = client.post(reverse("matching_policy:edit", args=[policy.pk]), data)
    assert response.status_code == 302
    from mentors.models import MatchingPolicy

    assert MatchingPolicy.objects.count() == 2
    assert MatchingPolicy.objects.current().min_language_level == 3
    assert MatchingPolicy.objects.get(pk=policy.pk).min_language_level == 2


def test_board_query_count_does_not_grow_with_rows(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("mentors_admin:board")).status_code == 200
        return len(ctx.captured_queries)

    Match.propose(make_newcomer("A"), make_mentor("M1"))
    make_newcomer("B")
    make_mentor("M2")
    client.get(reverse("mentors_admin:board"))  # warm caches (policy, menu)
    one = count()
    for k in range(10):
        Match.propose(make_newcomer(f"C{k}"), make_mentor(f"N{k}", capacity=2))
        make_newcomer(f"D{k}")
    assert count() == one


def test_run_page_explains_contradictions_in_words(client, coordinator, policy, eva):
    from mentors.models import MatchRun

    make_newcomer("Amina", languages={})
    sara = make_newcomer("Sara")
    yonas = make_newcomer("Yonas")
    run = MatchRun.execute(locked=[(sara.pk, eva.pk), (yonas.pk, eva.pk)])
    client.force_login(coordinator)
    page = client.get(reverse("mentors_admin:run", args=[run.pk])).content.decode()
    assert "No language recorded for this newcomer" in page
    assert "Locked pair not kept: the kompis has no free place left for it." in page
    assert "Amina Yousef" in page


def test_coordinator_records_both_answers_for_people_without_email(client, coordinator, policy):
    lena = make_mentor("Lena", email="")
    amina = make_newcomer("Amina")
    match = Match.propose(amina, lena)
    client.force_login(coordinator)
    board = client.get(reverse("mentors_admin:board")).content.decode()
    assert "Record the kompis&#x27;s answer" in board or "Record the kompis's answer" in board
    url = reverse("mentors_admin:record_answer", args=[match.pk])
    client.post(url, {"side": "volunteer", "accept": "yes"})
    client.post(url, {"side": "newcomer", "accept": "yes"})
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE
    assert match.newcomer_answer_recorded_by == coordinator


def test_board_swap_and_rerun_through_the_views(client, coordinator, policy):
    from mentors.models import MatchRun

    make_mentor("Eva"), make_mentor("Lena")
    make_newcomer("Amina", days=40), make_newcomer("Sara", days=20)
    client.force_login(coordinator)
    client.post(reverse("mentors_admin:run_matching"))
    run = MatchRun.objects.get()
    first = {p.newcomer_id: p.volunteer_id for p in run.proposals.all()}
    ids = list(run.proposals.values_list("pk", flat=True))
    response = client.post(
        reverse("mentors_admin:run_action", args=[run.pk]), {"action": "swap", "swap": ids}
    )
    swapped = MatchRun.objects.exclude(pk=run.pk).get()
    assert response["Location"].endswith(reverse("mentors_admin:run", args=[swapped.pk]))
    after = {p.newcomer_id: p.volunteer_id for p in swapped.proposals.all()}
    assert after != first and set(after.values()) == set(first.values())
    assert all(p.locked for p in swapped.proposals.all())
    # a superseded run can no longer be changed or approved
    assert (
        client.post(reverse("mentors_admin:approve", args=[run.pk]), {"approve": ids}).status_code
        == 404
    )
    response = client.post(
        reverse("mentors_admin:run_action", args=[swapped.pk]), {"action": "rerun"}
    )
    assert MatchRun.objects.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "Re-run of" in page


def test_newcomer_with_an_account_sees_and_answers_their_own_match(
    client, django_user_model, eva, own_match, other_match
):
    user = django_user_model.objects.create_user("amina@example.org", "amina@example.org", "pw")
    Person.objects.filter(newcomer__pk=own_match.newcomer_id).update(user=user)
    client.force_login(user)
    page = client.get(reverse("core:my_pages")).content.decode()
    assert "Please answer" in page
    page = client.get(reverse("mentors:match", args=[own_match.pk])).content.decode()
    assert "Kompis with Eva" in page and "Swedish (5/5)" in page
    assert client.get(reverse("mentors:match", args=[other_match.pk])).status_code == 404
    client.post(reverse("mentors:answer", args=[own_match.pk]), {"accept": "yes"})
    own_match.refresh_from_db()
    assert own_match.newcomer_answer == Match.Answer.ACCEPTED
    assert own_match.newcomer_answer_recorded_by == user
    assert own_match.volunteer_answer == Match.Answer.PENDING


def test_a_coordinator_cannot_answer_for_a_volunteer_on_the_public_page(
    client, coordinator, own_match
):
    client.force_login(coordinator)
    assert client.get(reverse("mentors:match", args=[own_match.pk])).status_code == 200
    response = client.post(reverse("mentors:answer", args=[own_match.pk]), {"accept": "yes"})
    assert response.status_code == 403
