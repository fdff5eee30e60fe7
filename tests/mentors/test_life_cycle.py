"""Policy versions, runs and re-runs, and the life of a match."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from mentors.models import (
    CapacityError,
    FollowUp,
    Match,
    MatchingPolicy,
    MatchRun,
    Newcomer,
    volunteer_hours,
)
from mentors.periodic import flag_matches_without_contact, send_follow_up_reminders

from .conftest import make_mentor, make_newcomer

pytestmark = pytest.mark.django_db


def test_every_policy_save_is_a_new_version(policy):
    first = policy.pk
    policy.weight_language = 9
    policy.save()
    assert policy.version == 2 and policy.pk != first
    assert MatchingPolicy.objects.get(pk=first).weight_language == 3.0
    assert MatchingPolicy.objects.current().weight_language == 9


def test_run_stores_policy_version_and_breakdown(policy, eva, amina):
    run = MatchRun.execute()
    (proposal,) = run.proposals.all()
    assert run.policy == policy
    assert (proposal.newcomer, proposal.volunteer) == (amina, eva)
    assert set(proposal.breakdown) == {
        "language",
        "distance",
        "interests",
        "profession",
        "age",
        "household",
        "availability",
    }
    assert abs(sum(proposal.breakdown.values()) - proposal.score) < 1e-6
    assert "interests" in proposal.top_criteria  # "matlagning" counts as cooking


def test_approve_accept_by_link_and_newcomer_makes_it_active(
    client, policy, eva, amina, django_capture_on_commit_callbacks
):
    run = MatchRun.execute()
    with django_capture_on_commit_callbacks(execute=True):
        match = run.proposals.get().approve(by=None)
    assert match.status == Match.Status.PROPOSED
    assert Newcomer.objects.get(pk=amina.pk).status == Newcomer.Status.MATCHED
    (email,) = mail.outbox
    assert email.to == ["eva@example.org"]
    path = email.body.split("http://testserver", 1)[1].split()[0]
    assert path.startswith("/mentors/answer/")  # Swedish, the site's language
    path = f"/en{path}"  # read in English, the language of the msgids
    response = client.post(path, {"accept": "yes"})
    assert response.status_code == 200
    match.refresh_from_db()
    assert match.volunteer_answer == Match.Answer.ACCEPTED
    assert match.status == Match.Status.PROPOSED  # the newcomer has not answered
    match.answer_as_newcomer(True, recorded_by=None)
    assert match.status == Match.Status.ACTIVE
    assert match.follow_ups.count() == 4
    # the link is stale now and says what happened
    response = client.get(path)
    assert b"already said yes" in response.content


def test_bad_or_expired_link_explains(client, policy, eva, amina):
    response = client.get("/en/mentors/answer/not-a-token/")
    assert response.status_code == 404
    assert b"not valid" in response.content
    match = Match.propose(amina, eva)
    token = match.answer_token()
    later = timezone.now() + datetime.timedelta(days=31)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(f"/en/mentors/answer/{token}/")
    assert response.status_code == 410
    assert b"older than 30 days" in response.content


def test_decline_puts_the_newcomer_first_in_line(policy, eva, amina):
    match = Match.propose(amina, eva)
    match.answer_as_volunteer(False, "I am moving away")
    amina.refresh_from_db()
    assert match.status == Match.Status.DECLINED
    assert match.decline_reason == "I am moving away"
    assert amina.status == Newcomer.Status.WAITING and amina.first_in_line
    with pytest.raises(ValidationError):
        match.answer_as_volunteer(True)
    # the declined pair is never proposed again (issue 16), and first in line beats a
    # longer wait for the only other mentor
    from associations.models import Volunteer

    Volunteer.objects.filter(pk=eva.pk).update(capacity=0)
    make_mentor("Lena")
    make_newcomer("Sara", days=400)
    run = MatchRun.execute()
    assert [p.newcomer for p in run.proposals.all()] == [amina]


def test_capacity_is_never_exceeded(policy, eva, amina):
    Match.propose(amina, eva)
    other = make_newcomer("Sara")
    with pytest.raises(CapacityError):
        Match.propose(other, eva)
    assert Match.objects.filter(volunteer=eva).count() == 1


def test_newcomer_cannot_hold_two_matches(policy, eva, amina):
    Match.propose(amina, eva)
    second = make_mentor("Lena")
    with pytest.raises(CapacityError):
        Match.propose(amina, second)


def test_rerun_keeps_untouched_proposals_and_applies_lock_forbid_swap(policy):
    mentors = [make_mentor(name) for name in ("Eva", "Lena", "Maja", "Stina")]
    newcomers = [make_newcomer(name, days=10 * k) for k, name in enumerate(("A", "B", "C"))]
    run = MatchRun.execute()
    first = {p.newcomer_id: p.volunteer_id for p in run.proposals.all()}
    assert len(first) == 3
    a, b, c = newcomers
    # forbid A's pair, lock B's pair
    run.forbidden = [[a.pk, first[a.pk]]]
    run.locked = [[b.pk, first[b.pk]]]
    run.save()
    second = run.rerun()
    pairs = {p.newcomer_id: p.volunteer_id for p in second.proposals.all()}
    assert pairs[a.pk] != first[a.pk]
    assert pairs[b.pk] == first[b.pk]
    assert second.proposals.get(newcomer=b).locked
    assert MatchRun.objects.get(pk=run.pk).status == MatchRun.Status.SUPERSEDED
    # swap B and C
    pb, pc = second.proposals.get(newcomer=b), second.proposals.get(newcomer=c)
    third = second.rerun(swap=[pb.pk, pc.pk])
    after = {p.newcomer_id: p.volunteer_id for p in third.proposals.all()}
    assert after[b.pk] == pairs[c.pk] and after[c.pk] == pairs[b.pk]
    assert {m.pk for m in mentors} >= set(after.values())


def test_unmatched_are_explained_with_names(policy, eva):
    make_newcomer("Amina", days=5)
    make_newcomer("Sara", days=300)
    make_newcomer("Yonas", languages={"ti": 5})
    run = MatchRun.execute()
    rows = {str(r["person"]): r for r in run.explanations()}
    assert rows["Amina Yousef"]["reason"] == "capacity_conflict"
    assert [str(t) for t in rows["Amina Yousef"]["takers"]] == ["Sara Yousef"]
    assert rows["Yonas Yousef"]["reason"] == "no_feasible"
    assert ("language", 1) in rows["Yonas Yousef"]["rules"]


def test_meetings_add_up_and_contact_flag(policy, eva, amina):
    match = Match.propose(amina, eva)
    match.answer_as_volunteer(True)
    match.answer_as_newcomer(True)
    today = timezone.localdate()
    match.log_meeting(date=today - datetime.timedelta(days=40), minutes=90, activity="Fika")
    match.log_meeting(date=today - datetime.timedelta(days=35), minutes=30, activity="Walk")
    assert match.hours == 2.0
    assert volunteer_hours(eva) == 2.0
    assert match.no_contact
    mail.outbox.clear()
    assert flag_matches_without_contact.call() == 1
    assert flag_matches_without_contact.call() == 0  # flagged once
    match.log_meeting(date=today, minutes=60, activity="Library")
    match.refresh_from_db()
    assert match.flagged_at is None and not match.no_contact


def test_follow_up_reminders_are_sent_once(policy, eva, amina, django_capture_on_commit_callbacks):
    match = Match.propose(amina, eva)
    match.answer_as_volunteer(True)
    match.answer_as_newcomer(True)
    FollowUp.objects.filter(match=match, kind=FollowUp.Kind.TWO_WEEKS).update(
        due_on=timezone.localdate()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up_reminders.call() == 1
        assert send_follow_up_reminders.call() == 0
    assert mail.outbox[0].to == ["eva@example.org"]


def test_end_with_reason(policy, eva, amina):
    match = Match.propose(amina, eva)
    match.answer_as_volunteer(True)
    match.answer_as_newcomer(True)
    match.end(Match.EndReason.COMPLETED, "Six good months")
    assert match.status == Match.Status.ENDED
    assert not match.follow_ups.filter(done_at__isnull=True).exists()


def test_match_command_dry_run_table_and_json(policy, eva, amina, capsys):
    call_command("match")
    out = capsys.readouterr().out
    # The command speaks the site language (Swedish).
    assert "Amina Yousef" in out and "Provkörning" in out, out
    assert not MatchRun.objects.exists()
    call_command("match", "--json")
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["matched"] == 1 and data["policy_version"] == policy.version
    call_command("match", "--save")
    assert MatchRun.objects.count() == 1


def test_rerun_after_approving_part_of_a_run(policy):
    eva, lena = make_mentor("Eva"), make_mentor("Lena")
    amina, sara = make_newcomer("Amina", days=50), make_newcomer("Sara", days=40)
    run = MatchRun.execute()
    first = run.proposals.get(newcomer=amina)
    run.locked = [[amina.pk, first.volunteer_id]]
    run.save()
    first.approve(by=None)
    second = run.rerun()
    assert second.issues == []
    assert [p.newcomer for p in second.proposals.all()] == [sara]
    assert second.proposals.get().volunteer in {eva, lena} - {first.volunteer}


@pytest.fixture
def marked_swedish(monkeypatch):
    """gettext that marks what it translates into Swedish, whatever the catalogue holds:
    a line printed in Swedish is one that went through gettext under Swedish."""
    from django.utils import translation

    real = translation._trans.gettext

    def marked(message):
        text = real(message)
        return f"«{text}»" if translation.get_language() == "sv" else text

    monkeypatch.setattr(translation._trans, "gettext", marked)


def test_match_command_progress_speaks_the_site_language(policy, eva, amina, marked_swedish):
    from io import StringIO

    from django.utils import translation

    for args in ((), ("--save",), ("--synthetic", "3x4")):
        err = StringIO()
        with translation.override("sv"):
            call_command("match", *args, stdout=StringIO(), stderr=err)
        lines = [line for line in err.getvalue().splitlines() if line.strip()]
        assert lines, args
        for line in lines:
            assert line.startswith("… «"), (args, line)
    # the stages' seconds stay machine-readable after the sentence
    assert "prune" in lines[-1] and "s)" in lines[-1]
