"""The follow-up and outcome reminders, travelling in time day by day."""

from datetime import date, timedelta

import pytest

from mentors.internships import periodic
from mentors.internships.models import FollowUp, Outcome
from samverka.core.models import OutboundEmail

pytestmark = pytest.mark.django_db


def _days(start, end):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _tick(today):
    return (
        periodic.send_follow_up_reminders(today)
        + periodic.send_overdue_notices(today)
        + periodic.send_outcome_reminders(today)
    )


def test_follow_up_reminders_go_out_three_days_before_once_each(internship, mentor):
    internship.assign_mentor(mentor)
    # Follow-ups are due 2026-02-09 (start), 2026-03-18 (mid-point), 2026-05-01 (final).
    sent_on = {}
    for day in _days(date(2026, 1, 20), date(2026, 5, 1)):
        before = OutboundEmail.objects.count()
        periodic.send_follow_up_reminders(day)
        if OutboundEmail.objects.count() > before:
            sent_on[day] = OutboundEmail.objects.filter(channel="email").order_by("-pk").first()
    assert sorted(sent_on) == [date(2026, 2, 6), date(2026, 3, 15), date(2026, 4, 28)]
    email = sent_on[date(2026, 3, 15)]
    assert set(email.to) == {"samordnare@demo.samverka.se", "sven@bygg.example", "maja@example.com"}
    assert f"http://testserver/internships/{internship.pk}/" in email.body
    assert FollowUp.objects.filter(reminded_at__isnull=False).count() == 3


def test_a_held_follow_up_is_not_reminded_and_not_overdue(internship):
    internship.follow_ups.filter(kind="start").update(completed_on=date(2026, 2, 5))
    assert periodic.send_follow_up_reminders(date(2026, 2, 8)) == 0
    assert periodic.send_overdue_notices(date(2026, 2, 20)) == 0


def test_overdue_notice_to_the_coordinator_a_week_after_the_due_date(internship):
    assert periodic.send_overdue_notices(date(2026, 2, 15)) == 0
    assert periodic.send_overdue_notices(date(2026, 2, 16)) == 1  # start was due 2026-02-09
    assert periodic.send_overdue_notices(date(2026, 2, 17)) == 0
    email = OutboundEmail.objects.get()
    assert email.to == ["samordnare@demo.samverka.se"]


def test_outcome_reminders_at_the_end_and_after_90_and_180_days(internship):
    internship.start()
    internship.finish(date(2026, 5, 1))
    internship.follow_ups.update(completed_on=date(2026, 5, 1))  # keep to outcome mail only
    reminded = [day for day in _days(date(2026, 4, 1), date(2026, 12, 31)) if _tick(day)]
    # three days before: 2026-05-01, 2026-07-30 and 2026-10-28
    assert reminded == [date(2026, 4, 28), date(2026, 7, 27), date(2026, 10, 25)]
    internship.refresh_from_db()
    assert set(internship.outcome_reminders) == {"end", "day_90", "day_180"}


def test_a_recorded_outcome_is_not_reminded(internship):
    internship.start()
    internship.finish(date(2026, 5, 1))
    Outcome.objects.create(
        internship=internship,
        checkpoint="end",
        kind=Outcome.Kind.LOOKING,
        recorded_on=date(2026, 5, 1),
    )
    assert periodic.send_outcome_reminders(date(2026, 5, 2)) == 0
    assert periodic.send_outcome_reminders(date(2026, 7, 28)) == 1  # the 90-day one


def test_a_cancelled_internship_sends_nothing(internship):
    internship.cancel()
    assert sum(_tick(day) for day in _days(date(2026, 1, 20), date(2026, 12, 31))) == 0


def test_the_periodic_task_is_registered_and_runs(internship):
    from samverka.core.discovery import collect

    assert periodic.internship_reminders in collect("periodic", "PERIODIC_TASKS")
    result = periodic.internship_reminders.call()
    assert set(result) == {"follow_up_reminders", "overdue_notices", "outcome_reminders"}
