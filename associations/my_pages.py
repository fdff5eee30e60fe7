"""Sections on /my/: the organisations a person represents, and their own volunteer profile."""

from django.utils.translation import gettext as _

from .access import organisations_for
from .models import Membership, Volunteer


def representations_for(request):
    """The signed-in person's representations with their organisations, read once per
    request: the internships section asks whether one of them is an employer."""
    if not hasattr(request, "_samverka_representations"):
        # only what /my/ shows and asks (an organisation is a wide row)
        request._samverka_representations = list(
            organisations_for(request.user)
            .only(
                "id",
                "role",
                "organisation_id",
                "organisation__id",
                "organisation__slug",
                "organisation__name",
                "organisation__status",
                "organisation__kind",
            )
            .order_by("organisation__name")
        )
    return request._samverka_representations


def organisations(request):
    representations = representations_for(request)
    if not representations:
        return {
            "title": _("Your organisation"),
            "template": "associations/my_pages/register_prompt.html",
        }
    return {
        "title": _("Your organisations"),
        "template": "associations/my_pages/organisations.html",
        "representations": representations,
    }


def volunteer_for(request):
    """The signed-in person's volunteer profile, read once per request: several
    sections of /my/ ask for it."""
    if not hasattr(request, "_samverka_volunteer"):
        # The user's one-to-one accessor: the consent check of /my/ has usually read it
        # already, and then it costs no query.
        try:
            request._samverka_volunteer = request.user.volunteer
        except Volunteer.DoesNotExist:
            request._samverka_volunteer = None
    return request._samverka_volunteer


def volunteer(request):
    profile = volunteer_for(request)
    if profile is None:
        return None
    return {
        "title": _("You as a volunteer"),
        "template": "associations/my_pages/volunteer.html",
        "volunteer": profile,
        "memberships": profile.memberships.exclude(status=Membership.Status.ENDED)
        .select_related("organisation")
        .only("id", "volunteer_id", "organisation_id", "organisation__id", "organisation__name"),
    }


SECTIONS = [organisations, volunteer]

# Whose /my/ a row of these models is on (paths from the row to a user), and rows shown on
# many people's /my/: a change makes their kept sections new (samverka.core.my_pages_cache).
SHOWN_TO = {
    "associations.Representative": ["user"],
    "associations.Membership": ["volunteer__user"],
}
# A volunteer's name is on the /my/ of the newcomers they are a kompis of.
SHOWN_TO_MANY = ["associations.Organisation", "associations.Volunteer"]
