"""The coaching demo: two meeting places with five actors each, 150 cases over seventeen
months whose outcomes have the seed's shape, referrals between actors; idempotent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coaching import demo
from coaching.models import Case, Referral
from coaching.reports import Report
from samverka.orientation import demo as orientation_demo

pytestmark = pytest.mark.django_db


def _seed():
    for seeder in (orientation_demo.seed_meeting_places, *demo.SEEDERS):
        seeder(lambda line: None)


def test_demo_has_the_seeds_shape_and_is_idempotent(home_page):
    _seed()
    places = demo._places()
    assert len(places) == 2
    assert all(place.actor_organisations().count() == 5 for place in places.values())
    assert Case.objects.count() == demo.CASES
    today = timezone.localdate()
    assert Case.objects.earliest("started_on").started_on >= today - timedelta(days=17 * 31)
    report = Report(today - timedelta(days=int(17 * 30.4)), today).run()
    assert 45 <= report.into_job <= 55 and 65 <= report.into_subsidised <= 75
    assert report.median_days_to_job is not None
    assert Referral.objects.exists()
    assert Referral.objects.exclude(status=Referral.Status.SENT).exists()
    counts = (Case.objects.count(), Referral.objects.count())
    _seed()
    assert (Case.objects.count(), Referral.objects.count()) == counts
    assert all(place.actor_organisations().count() == 5 for place in demo._places().values())
