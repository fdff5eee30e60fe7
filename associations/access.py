"""Who may see and change what, one load-and-authorise function per object type.

Every view that touches an organisation's data goes through these. Rules:

- a coordinator sees and changes everything;
- a representative of an organisation sees its profile, representatives and
  volunteer links; an *admin* representative may also change them;
- anyone else gets 404: they cannot even learn that the object exists.

`write=True` gives 403 to someone who may read but not change.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from samverka.core.permissions import is_coordinator

from .models import AccessRequest, Membership, Organisation, Representative


class OrganisationAccess:
    """What `user` may do with one organisation."""

    def __init__(self, user, organisation: Organisation):
        self.user = user
        self.organisation = organisation
        self.coordinator = is_coordinator(user)
        self.representative = None
        if user.is_authenticated:
            self.representative = next(
                (rep for rep in organisation.representatives.all() if rep.user_id == user.pk),
                None,
            )

    @property
    def can_read(self) -> bool:
        return self.coordinator or self.representative is not None

    @property
    def can_write(self) -> bool:
        return self.coordinator or (
            self.representative is not None and self.representative.is_admin
        )

    # Any representative may invite volunteers: that is the contact person's daily work.
    @property
    def can_invite_volunteers(self) -> bool:
        return self.can_read


def get_organisation_for(
    user, slug: str, write: bool = False
) -> tuple[Organisation, OrganisationAccess]:
    organisation = (
        Organisation.objects.prefetch_related("representatives").filter(slug=slug).first()
    )
    if organisation is None:
        raise Http404
    access = OrganisationAccess(user, organisation)
    if not access.can_read:
        raise Http404
    if write and not access.can_write:
        raise PermissionDenied(_("Only the organisation's administrators may change this."))
    return organisation, access


def get_representative_for(user, slug: str, pk: int, write: bool = False):
    organisation, access = get_organisation_for(user, slug, write=write)
    representative = next(
        (rep for rep in organisation.representatives.all() if rep.pk == int(pk)), None
    )
    if representative is None:
        raise Http404
    return representative, access


def get_membership_for(user, slug: str, pk: int, write: bool = False):
    organisation, access = get_organisation_for(user, slug, write=write)
    membership = (
        Membership.objects.select_related("volunteer")
        .filter(organisation=organisation, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404
    return membership, access


def get_access_request_for(user, slug: str, pk: int, write: bool = False):
    organisation, access = get_organisation_for(user, slug, write=write)
    access_request = (
        AccessRequest.objects.select_related("user")
        .filter(organisation=organisation, pk=pk)
        .first()
    )
    if access_request is None:
        raise Http404
    return access_request, access


def organisations_for(user):
    """The organisations whose pages `user` may open, with their role in each."""
    if not user.is_authenticated:
        return Representative.objects.none()
    return Representative.objects.filter(user=user).select_related("organisation")
