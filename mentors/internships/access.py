"""Who may see and change internships and places: one load-and-authorise
function per object type (see docs/architecture.md).

- A coordinator sees and changes the internships of the residents of the municipalities
  they coordinate, and the places of those municipalities (see
  `samverka.people.municipalities`); another municipality's are a 404.
- A supervisor — a representative of the employer organisation — sees the
  internships at that organisation and may add to their contact log and
  follow-ups; an *admin* representative may also post and edit its places.
- The volunteer mentor sees their own internships, with the same rights to the
  contact log and follow-ups.
- The newcomer, when they have an account, sees their own internship.
- Anyone else gets 404: they cannot learn that the internship exists.

`write=True` asks for the right to change the internship itself (dates, status,
mentor, outcomes): coordinators only, 403 for the parties who may read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from samverka.core.permissions import is_coordinator
from samverka.people.municipalities import annotate_scope, municipality_ids_for, scope

from .models import ContactLogEntry, Internship, InternshipPlace

INTERNSHIP_SCOPE = ("newcomer__person__home_municipality",)
PLACE_SCOPE = ("municipality",)


def _coordinates(user, internship) -> bool:
    if not is_coordinator(user):
        return False
    known = getattr(internship, "in_municipality_scope", None)
    if known is not None:
        return bool(known)
    ids = municipality_ids_for(user)
    return ids is None or internship.newcomer.person.home_municipality_id in ids


@dataclass(frozen=True)
class InternshipAccess:
    coordinator: bool = False
    supervisor: bool = False
    mentor: bool = False
    newcomer: bool = False

    @property
    def can_read(self) -> bool:
        return self.coordinator or self.supervisor or self.mentor or self.newcomer

    @property
    def can_write(self) -> bool:
        return self.coordinator

    @property
    def can_log(self) -> bool:
        """Add to the contact log: any of the three parties, and the coordinator."""
        return self.can_read

    @property
    def can_follow_up(self) -> bool:
        """Record a follow-up: the coordinator, the supervisor and the mentor."""
        return self.coordinator or self.supervisor or self.mentor

    @property
    def party(self) -> str:
        """The party the user speaks for in the contact log."""
        if self.coordinator:
            return ContactLogEntry.Party.COORDINATOR
        if self.supervisor:
            return ContactLogEntry.Party.SUPERVISOR
        if self.mentor:
            return ContactLogEntry.Party.MENTOR
        return ContactLogEntry.Party.NEWCOMER


def access_to(user, internship: Internship) -> InternshipAccess:
    if not user.is_authenticated:
        return InternshipAccess()
    if _coordinates(user, internship):
        return InternshipAccess(coordinator=True)
    employer_ids = getattr(user, "_internship_employer_ids", None)
    if employer_ids is None:
        employer_ids = set(user.representations.values_list("organisation_id", flat=True))
        user._internship_employer_ids = employer_ids
    return InternshipAccess(
        supervisor=internship.place.employer_id in employer_ids,
        mentor=internship.mentor is not None and internship.mentor.user_id == user.pk,
        newcomer=getattr(internship.newcomer, "user_id", None) == user.pk,
    )


def get_internship_for(user, pk: int, write: bool = False):
    """The internship and what `user` may do with it; 404 or 403 otherwise."""
    internship = annotate_scope(
        Internship.objects.select_related(
            "newcomer__person", "place__employer", "mentor", "coordinator"
        ).filter(pk=pk),
        user,
        INTERNSHIP_SCOPE,
    ).first()
    if internship is None:
        raise Http404
    access = access_to(user, internship)
    if not access.can_read:
        raise Http404
    if write and not access.can_write:
        raise PermissionDenied(_("Only a coordinator may change this internship."))
    return internship, access


def get_place_for(user, pk: int, write: bool = False) -> InternshipPlace:
    """A place: coordinators and the employer's representatives read it; coordinators
    and the employer's admin representatives change it (while it awaits approval)."""
    place = annotate_scope(
        InternshipPlace.objects.select_related("employer").filter(pk=pk), user, PLACE_SCOPE
    ).first()
    if place is None or not user.is_authenticated:
        raise Http404
    if is_coordinator(user) and place.in_municipality_scope:
        return place
    representative = place.employer.representatives.filter(user=user).first()
    if representative is None:
        raise Http404
    if write and not (representative.is_admin and place.review == InternshipPlace.Review.PENDING):
        raise PermissionDenied(
            _("Only the organisation's administrators may change a place awaiting approval.")
        )
    return place


def internships_for(user):
    """The internships a coordinator may list: their municipalities' residents'."""
    if not is_coordinator(user):
        return Internship.objects.none()
    return scope(Internship.objects.all(), user, INTERNSHIP_SCOPE)


def places_for(user):
    """The places a coordinator may list: their municipalities'."""
    if not is_coordinator(user):
        return InternshipPlace.objects.none()
    return scope(InternshipPlace.objects.all(), user, PLACE_SCOPE)
