"""The internship demo: places, every state, outcomes, and idempotent."""

import pytest

from mentors.internships import demo
from mentors.internships.models import Internship, InternshipPlace, Outcome
from mentors.internships.reports import Report

pytestmark = pytest.mark.django_db


def _seed():
    lines = []
    for seeder in demo.SEEDERS:
        seeder(lines.append)
    return lines


def test_demo_has_places_internships_in_every_state_and_is_idempotent(coordinator):
    _seed()
    places = InternshipPlace.objects.count()
    internships = Internship.objects.count()
    outcomes = Outcome.objects.count()
    assert places == len(demo.PLACES) == 25
    assert internships >= 10
    assert set(Internship.objects.values_list("status", flat=True)) == set(Internship.Status.values)
    assert InternshipPlace.objects.pending().count() == 2
    # every ended internship has its outcome at the end
    ended = Internship.objects.filter(status__in=Internship.ENDED)
    assert ended.count() == Outcome.objects.filter(checkpoint="end").count()
    assert Outcome.objects.filter(checkpoint="day_180").exists()

    _seed()
    assert (
        InternshipPlace.objects.count(),
        Internship.objects.count(),
        Outcome.objects.count(),
    ) == (
        places,
        internships,
        outcomes,
    )


def test_demo_gives_an_eskilstuna_kind_of_figure(coordinator):
    from django.utils import timezone

    from mentors.internships.admin_views import _default_period

    _seed()
    start, end = _default_period()
    assert (end.year - start.year) * 12 + end.month - start.month + 1 == 17
    report = Report(start, end).run()
    assert report.into_job > 0 and report.into_subsidised > 0
    assert report.median_days_to_job is not None
    assert end == timezone.localdate()
