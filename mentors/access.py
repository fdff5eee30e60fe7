"""Who may see what, one load-and-authorise function per object type.

- Coordinators see and change everything, including newcomer profiles.
- A volunteer sees only their own matches (and, within them, what a kompis needs to know
  about their partner: first name, languages, district, contact once both said yes); a
  newcomer with an account likewise sees their own match and answers it.
- Everyone else, representatives included, sees nothing of newcomers: 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from samverka.core.permissions import is_coordinator

from .models import Match, Newcomer


def get_newcomer_for(user, pk: int, write: bool = False) -> Newcomer:
    if not is_coordinator(user):
        raise Http404
    newcomer = Newcomer.objects.filter(pk=pk).first()
    if newcomer is None:
        raise Http404
    return newcomer


def matches_for(user):
    """The matches a user may see: all for coordinators, their own for volunteers."""
    if not user.is_authenticated:
        return Match.objects.none()
    queryset = Match.objects.select_related("newcomer__person", "volunteer")
    if is_coordinator(user):
        return queryset
    return queryset.filter(Q(volunteer__user=user) | Q(newcomer__person__user=user))


def get_match_for(user, pk: int, write: bool = False) -> Match:
    match = matches_for(user).filter(pk=pk).first()
    if match is None:
        raise Http404
    if write and match.status in (Match.Status.ENDED, Match.Status.DECLINED):
        raise PermissionDenied
    return match
