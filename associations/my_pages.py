"""Sections on /my/: the organisations a person represents, and their own volunteer profile."""

from django.utils.translation import gettext as _

from .access import organisations_for
from .models import Membership, Volunteer


def organisations(request):
    representations = list(organisations_for(request.user).order_by("organisation__name"))
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


def volunteer(request):
    profile = Volunteer.objects.filter(user=request.user).first()
    if profile is None:
        return None
    return {
        "title": _("You as a volunteer"),
        "template": "associations/my_pages/volunteer.html",
        "volunteer": profile,
        "memberships": profile.memberships.exclude(status=Membership.Status.ENDED).select_related(
            "organisation"
        ),
    }


SECTIONS = [organisations, volunteer]
