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


def figures_view(request):
    """Admin: kompis figures per home municipality, for the municipalities the user sees."""
    from django.core.exceptions import PermissionDenied
    from django.template.response import TemplateResponse

    from samverka.people.municipalities import MunicipalityFilter

    if not request.user.has_perm("mentors.view_newcomer"):
        raise PermissionDenied
    chosen = MunicipalityFilter(request)  # 404 for a municipality the user does not see
    return TemplateResponse(
        request,
        "mentors/admin/figures.html",
        {
            "rows": kompis_figures(request.user, municipality=chosen.selected),
            "municipality_filter": chosen,
        },
    )


def register_admin_urls():
    from django.urls import include, path

    urls = [path("", figures_view, name="index")]
    return [path("kompis/figures/", include((urls, "kompis_figures")))]
