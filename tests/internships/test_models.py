"""The life of an internship and the rules that keep bad input out."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from associations.models import Organisation
from mentors.internships.models import FollowUp, Internship, InternshipPlace, Outcome

from .conftest import make_employer, make_mentor, make_newcomer, make_place, place_newcomer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_whole_life_of_an_internship(newcomer, place, mentor, coordinator):
    # placed: three follow-ups scheduled, a seat taken
    internship = place_newcomer(
        newcomer, place, coordinator=coordinator, goals="Läsa ritningar\nTruckkort"
    )
    assert internship.status == Internship.Status.PLANNED
    assert internship.supervisor_name == "Sven Handledare"  # taken from the place
    assert internship.goal_list() == ["Läsa ritningar", "Truckkort"]
    assert {f.kind: f.due_on for f in internship.follow_ups.all()} == {
        "start": date(2026, 2, 9),
        "midpoint": date(2026, 3, 18),
        "final": date(2026, 5, 1),
    }
    place.refresh_from_db()
    assert place.taken() == 1 and place.status == InternshipPlace.Status.OPEN

    internship.assign_mentor(mentor)
    internship.start()
    assert internship.status == Internship.Status.ACTIVE

    midpoint = internship.follow_ups.get(kind=FollowUp.Kind.MIDPOINT)
    midpoint.completed_on = date(2026, 3, 18)
    midpoint.rating = FollowUp.Rating.GOOD
    midpoint.supervisor_view = "Punktlig och nyfiken."
    midpoint.full_clean()
    midpoint.save()

    internship.finish(date(2026, 5, 1))
    assert internship.status == Internship.Status.COMPLETED
    assert internship.ended_on == date(2026, 5, 1)
    assert internship.outcome_due_dates() == {
        "end": date(2026, 5, 1),
        "day_90": date(2026, 7, 30),
        "day_180": date(2026, 10, 28),
    }

    Outcome.objects.create(
        internship=internship,
        checkpoint="end",
        kind=Outcome.Kind.LOOKING,
        recorded_on=date(2026, 5, 1),
    )
    internship.refresh_from_db()
    assert internship.job_started_on is None and internship.days_to_job is None

    job = Outcome(
        internship=internship,
        checkpoint="day_90",
        kind=Outcome.Kind.NYSTARTSJOBB,
        recorded_on=date(2026, 7, 30),
        job_start_date=date(2026, 6, 15),
    )
    job.full_clean()
    job.save()
    assert job.group == Outcome.Group.SUBSIDISED
    internship.refresh_from_db()
    assert internship.job_started_on == date(2026, 6, 15)
    # from settlement 2024-03-01 to 2026-06-15
    assert internship.days_to_job == (date(2026, 6, 15) - date(2024, 3, 1)).days == 836

    job.delete()
    internship.refresh_from_db()
    assert internship.days_to_job is None


def test_place_is_filled_at_capacity_and_opens_again(place, coordinator):
    first = place_newcomer(make_newcomer("A"), place)
    place_newcomer(make_newcomer("B"), place)
    place.refresh_from_db()
    assert place.status == InternshipPlace.Status.FILLED
    first.cancel()
    place.refresh_from_db()
    assert place.status == InternshipPlace.Status.OPEN
    assert not first.follow_ups.exists()


def test_place_over_capacity_is_refused_and_nothing_saved(place):
    place_newcomer(make_newcomer("A"), place)
    place_newcomer(make_newcomer("B"), place)
    late = make_newcomer("C")
    with pytest.raises(ValidationError) as error:
        place_newcomer(late, place)
    assert "All 2 places at Snickare, praktik are taken" in str(error.value)
    assert not Internship.objects.filter(newcomer=late).exists()
    assert FollowUp.objects.count() == 6


def test_end_before_start_is_refused(newcomer, place):
    with pytest.raises(ValidationError) as error:
        place_newcomer(newcomer, place, start=date(2026, 3, 1), end=date(2026, 2, 1))
    assert error.value.message_dict["end_date"] == ["The last day cannot be before the first day."]
    assert not Internship.objects.exists()
    assert not FollowUp.objects.exists()


def test_overlapping_internships_for_one_person_are_refused(newcomer, place, employer):
    place_newcomer(newcomer, place, start=date(2026, 2, 2), end=date(2026, 5, 1))
    other = make_place(employer, title="Målare")
    with pytest.raises(ValidationError) as error:
        place_newcomer(newcomer, other, start=date(2026, 4, 1), end=date(2026, 6, 1))
    assert "already has an internship at Snickare, praktik" in str(error.value)
    assert Internship.objects.count() == 1
    # right after the first one is fine
    place_newcomer(newcomer, other, start=date(2026, 5, 2), end=date(2026, 6, 1))


def test_a_cancelled_internship_does_not_block_the_dates(newcomer, place, employer):
    first = place_newcomer(newcomer, place)
    first.cancel()
    place_newcomer(newcomer, make_place(employer, title="Målare"))


def test_unapproved_or_closed_place_cannot_be_used(newcomer, employer):
    pending = make_place(employer, review=InternshipPlace.Review.PENDING)
    with pytest.raises(ValidationError, match="not been approved"):
        place_newcomer(newcomer, pending)
    closed = make_place(employer, status=InternshipPlace.Status.CLOSED)
    with pytest.raises(ValidationError, match="closed"):
        place_newcomer(newcomer, closed)


def test_outcome_dated_before_the_internship_is_refused(internship):
    outcome = Outcome(
        internship=internship,
        checkpoint="end",
        kind=Outcome.Kind.JOB,
        recorded_on=date(2026, 1, 15),
        job_start_date=date(2026, 1, 20),
    )
    with pytest.raises(ValidationError) as error:
        outcome.full_clean()
    assert "before the internship started" in error.value.message_dict["recorded_on"][0]
    assert "cannot start before the internship" in error.value.message_dict["job_start_date"][0]


def test_job_outcome_needs_a_start_date_and_others_none(internship):
    with pytest.raises(ValidationError) as error:
        Outcome(internship=internship, checkpoint="end", kind=Outcome.Kind.JOB).full_clean()
    assert error.value.message_dict["job_start_date"] == ["Give the date the job starts."]
    with pytest.raises(ValidationError):
        Outcome(
            internship=internship,
            checkpoint="end",
            kind=Outcome.Kind.KOMVUX,
            job_start_date=date(2026, 6, 1),
        ).full_clean()


def test_place_end_before_start_and_wrong_kind_of_employer(db):
    association = make_employer("Föreningen", kind=Organisation.Kind.ASSOCIATION)
    place = InternshipPlace(
        employer=association,
        title="X",
        occupation="X",
        sector="X",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 4, 1),
        supervisor_name="S",
    )
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert set(error.value.message_dict) == {"ends_on", "employer"}


def test_mentor_must_have_the_internship_mentor_role(internship):
    buddy = make_mentor("Bo", roles=["buddy"])
    with pytest.raises(ValidationError):
        internship.assign_mentor(buddy)
    internship.refresh_from_db()
    assert internship.mentor is None


def test_early_end_needs_a_reason_and_frees_the_seat(internship, place):
    internship.start()
    with pytest.raises(ValidationError):
        internship.finish(date(2026, 3, 1), early=True)
    internship.finish(date(2026, 3, 1), early=True, reason="Fick jobb på annat håll")
    assert internship.status == Internship.Status.INTERRUPTED
    assert place.taken() == 0
    with pytest.raises(ValidationError):
        internship.finish(date(2026, 3, 2))


def test_changed_dates_move_follow_ups_not_yet_held(internship):
    start = internship.follow_ups.get(kind="start")
    start.completed_on = date(2026, 2, 9)
    start.save()
    internship.end_date = date(2026, 6, 1)
    internship.save()
    internship.schedule_follow_ups()
    due = {f.kind: f.due_on for f in internship.follow_ups.all()}
    assert due["start"] == date(2026, 2, 9)  # held: kept
    assert due["final"] == date(2026, 6, 1)
    assert due["midpoint"] == date(2026, 4, 2)
