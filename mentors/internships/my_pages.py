"""A section on /my/ for the parties of internships: supervisors, mentors, interns."""

import functools
import operator

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from associations.my_pages import representations_for, volunteer_for

from .models import EMPLOYER_KINDS, FollowUp, Internship


def internships(request):
    user = request.user
    if not user.is_authenticated:
        return None
    # On /my/ everyone, coordinators too, sees the internships they take part in: as a
    # representative of the employer, as the mentor (a volunteer) or as the intern (a
    # Person). Who they are was read already (the organisations section, the consent
    # check), so the query asks only what can match, by id, without joins.
    representations = representations_for(request)
    volunteer = volunteer_for(request)
    try:
        person = user.person
    except (AttributeError, ObjectDoesNotExist):
        person = None
    parts = []
    if representations:
        parts.append(Q(place__employer_id__in=sorted({r.organisation_id for r in representations})))
    if volunteer is not None:
        parts.append(Q(mentor_id=volunteer.pk))
    if person is not None:
        parts.append(Q(newcomer__person_id=person.pk))
    mine = []
    if parts:
        mine = list(
            Internship.objects.filter(status__in=Internship.HOLDING)
            .filter(functools.reduce(operator.or_, parts))
            .values_list("pk", flat=True)
        )
    # Whether they represent an employer: from the representations the organisations
    # section of /my/ reads (once per request), not a query of its own.
    employer = any(r.organisation.kind in EMPLOYER_KINDS for r in representations)
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

# Whose /my/ a row of these models is on (paths from the row to a user), and rows shown on
# many people's /my/: a change makes their kept sections new (samverka.core.my_pages_cache).
_PARTIES = ["mentor__user", "newcomer__person__user", "place__employer__representatives__user"]
SHOWN_TO = {
    "internships.Internship": _PARTIES,
    "internships.FollowUp": [f"internship__{path}" for path in _PARTIES],
}
SHOWN_TO_MANY = ["internships.InternshipPlace"]
