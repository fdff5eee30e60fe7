"""Who may run an event's dates: coordinators, and representatives of the
organising organisation. One load-and-authorise function per object type."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from samverka.core.permissions import is_coordinator

from .models import Enrolment, EventOccurrence


def can_manage_event(user, event) -> bool:
    if not user.is_authenticated:
        return False
    if is_coordinator(user):
        return True
    if event.organiser_id is None:
        return False
    from associations.models import Representative

    return Representative.objects.filter(user=user, organisation_id=event.organiser_id).exists()


def get_occurrence_for_staff(user, pk) -> EventOccurrence:
    """A date that `user` may check people in for: 404 if it does not exist,
    403 if the user does not run it."""
    occurrence = get_object_or_404(EventOccurrence.objects.select_related("event"), pk=pk)
    if not can_manage_event(user, occurrence.event):
        raise PermissionDenied
    return occurrence


def get_enrolment_for(user, pk) -> Enrolment:
    """An enrolment its participant or a coordinator may see (404 for others)."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("programme__event", "participant"), pk=pk
    )
    if is_coordinator(user) or (
        user.is_authenticated and enrolment.participant.person.user_id == user.pk
    ):
        return enrolment
    from django.http import Http404

    raise Http404
