"""Kompis matching figures per home municipality: newcomers waiting, pairs proposed, active
and ended, and hours met, for the municipalities a coordinator sees (see
`samverka.people.municipalities.breakdown`)."""

from __future__ import annotations

from django.db.models import Count, Q

from samverka.people.municipalities import breakdown

from .access import newcomers_for
from .models import Match, Newcomer


def kompis_figures(user, *, municipality=None, small_group: int = 0):
    """One row per home municipality; ``.total`` over all of them."""
    return breakdown(
        newcomers_for(user),
        "person__home_municipality",
        municipality=municipality,
        small_group=small_group,
        newcomers=Count("id", distinct=True),
        waiting=Count("id", filter=Q(status=Newcomer.Status.WAITING), distinct=True),
        proposed=Count(
            "matches",
            filter=Q(matches__status=Match.Status.PROPOSED),
            distinct=True,
        ),
        active=Count("matches", filter=Q(matches__status=Match.Status.ACTIVE), distinct=True),
        ended=Count("matches", filter=Q(matches__status=Match.Status.ENDED), distinct=True),
    )
