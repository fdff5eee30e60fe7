"""The events demo seeder is complete and idempotent."""

import pytest

from events.demo import seed_events
from events.models import (
    Attendance,
    EventOccurrence,
    EventPage,
    FeedbackResponse,
    Programme,
    Registration,
)

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (
            EventPage,
            EventOccurrence,
            Registration,
            Attendance,
            FeedbackResponse,
            Programme,
        )
    ]


def test_seed_events_twice(home_page, coordinator):
    messages = []
    seed_events(messages.append)
    first = counts()
    seed_events(messages.append)
    assert counts() == first
    cafe = EventPage.objects.get(slug="sprakcafe-ekby")
    assert cafe.occurrences.filter(status="cancelled").count() == 1
    assert sum(o.is_moved for o in cafe.occurrences.all()) == 1
    civic = Programme.objects.get(kind="civic_orientation")
    assert civic.hours_goal == 100 and civic.enrolments.count() == 14
    assert Programme.objects.get(kind="drop_in").enrolments.flagged().count() >= 1
    summary = FeedbackResponse.objects.filter(event=civic.event).summary()
    assert summary["very_satisfied_percent"] >= 90 and summary["job_agree_percent"] > 80
    assert any("absence rule" in m for m in messages)
