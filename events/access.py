"""Who may run an event's dates: coordinators, and representatives of the
organising organisation. One load-and-authorise function per object type."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from samverka.core.permissions import is_coordinator
from samverka.people.municipalities import municipalities_for, scope

from .models import Enrolment, EventOccurrence, Programme

# A programme is seen by the coordinators of its organising municipality and of the
# municipalities it accepts; an enrolment by those of the participant's home municipality and
# of the organising municipality (who run the course and take its attendance).
PROGRAMME_SCOPE = ("organising_municipality", "accepted_municipalities")
ENROLMENT_SCOPE = ("participant__person__home_municipality", "programme__organising_municipality")
PARTICIPANT_SCOPE = ("person__home_municipality",)


def programmes_for(user):
    if not is_coordinator(user):
        return Programme.objects.none()
    return scope(Programme.objects.all(), user, PROGRAMME_SCOPE)


def enrolments_for(user, programme=None):
    """The enrolments a coordinator may see: for the organiser's coordinators all of the
    course; for an accepted municipality's, their own residents only."""
    if not is_coordinator(user):
        return Enrolment.objects.none()
    queryset = Enrolment.objects.all()
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return scope(queryset, user, ENROLMENT_SCOPE)


def get_programme_for(user, pk) -> Programme:
    """A programme the coordinator's municipalities organise or send participants to."""
    programme = programmes_for(user).select_related("event").filter(pk=pk).first()
    if programme is None:
        from django.http import Http404

        raise Http404
    return programme


def can_manage_event(user, event) -> bool:
    if not user.is_authenticated:
        return False
    if is_coordinator(user):
        # A course's dates are run by its organising municipality's coordinators: a sending
        # municipality's coordinator does not check in (or see) the organiser's residents.
        # One query, none for those who see every municipality.
        if municipalities_for(user) is None:
            return True
        ours = scope(Programme.objects.all(), user, ("organising_municipality",))
        return not (
            Programme.objects.filter(event_id=event.pk).exclude(pk__in=ours.values("pk")).exists()
        )
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
    """An enrolment its participant or a coordinator of the participant's or the organising
    municipality may see (404 for others). One query, as before scoping."""
    from django.http import Http404

    queryset = Enrolment.objects.select_related("programme__event", "participant")
    enrolment = None
    if is_coordinator(user):
        enrolment = scope(queryset, user, ENROLMENT_SCOPE).filter(pk=pk).first()
    elif user.is_authenticated:
        enrolment = queryset.filter(pk=pk, participant__person__user_id=user.pk).first()
    if enrolment is None:
        raise Http404
    return enrolment
