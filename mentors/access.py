"""Who may see what, one load-and-authorise function per object type.

- Coordinators see and change the newcomers, matches and follow-ups of the municipalities
  they coordinate (the newcomer's home municipality; see
  `samverka.people.municipalities.municipalities_for`); another municipality's are a 404.
- A volunteer sees only their own matches (and, within them, what a kompis needs to know
  about their partner: first name, languages, district, contact once both said yes); a
  newcomer with an account likewise sees their own match and answers it.
- Everyone else, representatives included, sees nothing of newcomers: 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from samverka.core.permissions import is_coordinator
from samverka.people.municipalities import scope

from .models import ExcludedPair, Match, Newcomer, available_mentors

NEWCOMER_SCOPE = ("person__home_municipality",)
MATCH_SCOPE = ("newcomer__person__home_municipality",)
# a kompis has no municipality of their own: their district's, as in the volunteers listing
MENTOR_DISTRICT = "district"


def newcomers_for(user):
    if not is_coordinator(user):
        return Newcomer.objects.none()
    return scope(Newcomer.objects.all(), user, NEWCOMER_SCOPE)


def get_newcomer_for(user, pk: int, write: bool = False) -> Newcomer:
    if not is_coordinator(user):
        raise Http404
    newcomer = newcomers_for(user).filter(pk=pk).first()
    if newcomer is None:
        raise Http404
    return newcomer


def mentors_for(user):
    """The available kompisar a coordinator sees on the board and among a newcomer's
    candidates: those whose district is in the municipalities they coordinate (or whose
    district tells no municipality), the rule of the volunteers listing."""
    if not is_coordinator(user):
        return available_mentors().none()
    return scope(available_mentors(), user, (), district=MENTOR_DISTRICT)


def candidate_mentors_for(user, policy):
    """The kompisar a coordinator's matching may propose, as a run does: their own
    municipalities' (`mentors_for`), or every available one where the policy matches across
    municipalities (the proposals then name them on the board too)."""
    if not is_coordinator(user):
        return available_mentors().none()
    return available_mentors() if policy.across_municipalities else mentors_for(user)


def matches_for(user):
    """The matches a user may see: their municipalities' for coordinators, their own for
    volunteers and newcomers."""
    if not user.is_authenticated:
        return Match.objects.none()
    queryset = Match.objects.select_related("newcomer__person", "volunteer")
    if is_coordinator(user):
        return scope(queryset, user, MATCH_SCOPE)
    return queryset.filter(Q(volunteer__user=user) | Q(newcomer__person__user=user))


def get_match_for(user, pk: int, write: bool = False) -> Match:
    match = matches_for(user).filter(pk=pk).first()
    if match is None:
        raise Http404
    if write and match.status in (Match.Status.ENDED, Match.Status.DECLINED):
        raise PermissionDenied
    return match


def excluded_pairs_for(user):
    """The excluded pairs a coordinator may see: their municipalities' newcomers'."""
    queryset = ExcludedPair.objects.select_related("newcomer__person", "volunteer")
    if not is_coordinator(user):
        return queryset.none()
    return scope(queryset, user, MATCH_SCOPE)
