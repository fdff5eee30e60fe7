"""A section on /my/ for the representatives of an actor that receives referrals (an
association giving language support, say): how many wait for an answer, and the link."""

from django.db.models import Count
from django.utils.translation import gettext as _

from .models import Referral


def referrals(request):
    user = request.user
    if not user.is_authenticated:
        return None
    counts = dict(
        Referral.objects.received_by(user).order_by().values_list("status").annotate(n=Count("pk"))
    )
    if not counts:
        return None
    return {
        "title": _("Referrals to your organisation"),
        "template": "coaching/my_pages/referrals.html",
        "waiting": counts.get(Referral.Status.SENT, 0),
        "total": sum(counts.values()),
    }


SECTIONS = [referrals]

# Whose /my/ a row of these models is on (paths from the row to a user), and rows shown on
# many people's /my/: a change makes their kept sections new (samverka.core.my_pages_cache).
SHOWN_TO = {
    "coaching.Referral": ["to_actor__representatives__user", "to_actor__staff_memberships__user"],
    "coaching.ActorMembership": ["user"],
}
SHOWN_TO_MANY = []
