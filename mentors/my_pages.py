"""The volunteer's kompis section on /my/: proposals to answer, matches, hours."""

from django.utils.translation import gettext as _

from associations.models import Volunteer
from associations.my_pages import volunteer_for

from .models import Match, Newcomer, volunteer_hours


def kompis(request):
    volunteer = volunteer_for(request)
    if volunteer is None:
        return None
    matches = list(
        Match.objects.filter(volunteer=volunteer)
        .exclude(status=Match.Status.DECLINED)
        .select_related("newcomer__person")
        .with_hours()
        .order_by("status", "-approved_at")
    )
    if not matches and Volunteer.Role.BUDDY not in (volunteer.roles or []):
        return None
    return {
        "title": _("Your kompis matches"),
        "template": "mentors/my_pages/kompis.html",
        "proposals": [
            m
            for m in matches
            if m.status == Match.Status.PROPOSED and m.volunteer_answer == Match.Answer.PENDING
        ],
        "matches": [m for m in matches if m.status in (Match.Status.ACTIVE, Match.Status.ENDED)],
        "waiting": [
            m
            for m in matches
            if m.status == Match.Status.PROPOSED and m.volunteer_answer == Match.Answer.ACCEPTED
        ],
        "hours": volunteer_hours(volunteer),
    }


def my_kompis(request):
    """For a newcomer with an account: their kompis."""
    newcomer = Newcomer.objects.filter(person__user=request.user).first()
    if newcomer is None:
        return None
    return {
        "title": _("Your kompis"),
        "template": "mentors/my_pages/my_kompis.html",
        "newcomer": newcomer,
        "matches": list(
            newcomer.matches.exclude(status=Match.Status.DECLINED)
            .select_related("volunteer")
            .order_by("-approved_at")
        ),
    }


SECTIONS = [kompis, my_kompis]
