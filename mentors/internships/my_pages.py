"""A section on /my/ for the parties of internships: supervisors, mentors, interns."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from associations.my_pages import representations_for

from .models import EMPLOYER_KINDS, FollowUp, Internship


def internships(request):
    user = request.user
    if not user.is_authenticated:
        return None
    # On /my/ everyone, coordinators too, sees the internships they take part in.
    mine = list(
        Internship.objects.filter(status__in=Internship.HOLDING)
        .filter(
            Q(place__employer__representatives__user=user)
            | Q(mentor__user=user)
            | Q(newcomer__person__user=user)
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    # Whether they represent an employer: from the representations the organisations
    # section of /my/ reads (once per request), not a query of its own.
    employer = any(r.organisation.kind in EMPLOYER_KINDS for r in representations_for(request))
    if not mine and not employer:
        return None
    rows = list(
        Internship.objects.filter(pk__in=mine)
        .select_related("place__employer", "newcomer__person")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.filter(completed_on__isnull=True).order_by("due_on"),
                to_attr="open_follow_ups",
            )
        )
        .order_by("start_date")
    )
    for row in rows:
        row.next_follow_up = row.open_follow_ups[0] if row.open_follow_ups else None
    return {
        "title": _("Internships"),
        "template": "internships/my_pages/internships.html",
        "internships": rows,
    }


SECTIONS = [internships]
