"""The volunteer's kompis section on /my/: proposals to answer, matches, hours."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from associations.models import Volunteer
from associations.my_pages import volunteer_for

from .models import Match, Newcomer


def kompis(request):
    volunteer = volunteer_for(request)
    if volunteer is None:
        return None
    # All the volunteer's matches with their minutes, declined ones too: their sum is the
    # volunteer's hours (what `volunteer_hours` asks in a query of its own), and the
    # declined ones are left out of what the section lists.
    every = list(
        Match.objects.filter(volunteer=volunteer)
        .select_related("newcomer__person")
        # only what the section shows (a newcomer and their person are wide rows), so the
        # sum of minutes groups by a few columns
        .only(
            "id",
            "status",
            "volunteer_answer",
            "approved_at",
            "newcomer_id",
            "newcomer__id",
            "newcomer__person_id",
            "newcomer__person__id",
            "newcomer__person__first_name",
        )
        .with_hours()
        .order_by("status", "-approved_at")
    )
    minutes = sum(m.minutes or 0 for m in every)
    matches = [m for m in every if m.status != Match.Status.DECLINED]
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
        "hours": round(minutes / 60, 1),
    }


def my_kompis(request):
    """For a newcomer with an account: their kompis."""
    # A newcomer is a Person's: the consent check of /my/ has read the user's Person
    # already, so someone without one costs no query here.
    try:
        person = request.user.person
    except (AttributeError, ObjectDoesNotExist):
        return None
    try:
        newcomer = person.newcomer
    except Newcomer.DoesNotExist:
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

# Whose /my/ a row of these models is on (paths from the row to a user), and rows shown on
# many people's /my/: a change makes their kept sections new (samverka.core.my_pages_cache).
SHOWN_TO = {
    "mentors.Match": ["volunteer__user", "newcomer__person__user"],
    "mentors.Meeting": ["match__volunteer__user"],
    "mentors.Newcomer": ["person__user"],
}
SHOWN_TO_MANY = []
