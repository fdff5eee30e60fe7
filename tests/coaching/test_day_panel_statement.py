"""The day panel's counts come from a statement compiled once per set of items shown, with
stand-ins for the user and the day (coaching.dashboard._counts_of): each user and each day
must still get their own counts, what the items' querysets count."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coaching import dashboard

from .test_dashboard import _due_cases, _referral_waiting

pytestmark = pytest.mark.django_db


def _expected(user, day) -> dict[str, int]:
    shown = [spec for spec in dashboard._specs() if spec[2] is None or user.has_perm(spec[2])]
    return {slug: queryset(user, day).count() for slug, _, _, queryset, _ in shown}


def _compiled(user, day) -> dict[str, int]:
    shown = [spec for spec in dashboard._specs() if spec[2] is None or user.has_perm(spec[2])]
    return dict(
        zip([spec[0] for spec in shown], dashboard._counts_of(shown, user, day), strict=True)
    )


def test_each_user_and_each_day_get_their_own_counts(eskilstuna, coordinator):
    e = eskilstuna
    _due_cases(e, 3)  # Sara's: contacts due today, yesterday, the day before; one in 3 days
    _referral_waiting(e)
    today = timezone.localdate()
    seen = set()
    for day in (today, today - timedelta(days=1), today + timedelta(days=3)):
        for user in (e.sara, e.lina, coordinator, e.sara):  # Sara's statement used again
            expected = _expected(user, day)
            assert _compiled(user, day) == expected, (user.username, day)
            seen.add((user.username, tuple(sorted(expected.items()))))
    sara = {counts for name, counts in seen if name == e.sara.username}
    assert {dict(c)["contacts_due"] for c in sara} == {2, 3, 4}  # the day counts
    assert all(dict(c)["referrals_waiting"] == 1 for c in sara)  # the user counts
    lina = {counts for name, counts in seen if name == e.lina.username}
    assert all(dict(c).get("referrals_waiting", 0) == 0 for c in lina)
