"""Who may see and change coaching cases and referrals: one load-and-authorise function per
object type, used by every view (404 for what you may not see, 403 for what you may see but
not change).

- A case is seen by its counsellors and by their colleagues: staff of the same actor at the
  same meeting place (`ActorMembership`); it is changed by its counsellors only. Staff of
  other actors at the meeting place (the family counsellors, the library) do not see it. Contact notes are read by the
  case's counsellors only (`Case.may_read_notes`). Nobody else sees cases: not coordinators
  as such, not association representatives, not the actor a person was referred to.
- A referral is seen by both sides: the staff and representatives of the sending and of the
  receiving actor, and the counsellor of the case it came from. The receiving side answers
  it; the sending side reads the answer, never the receiving side's notes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from associations.models import Organisation
from samverka.core.permissions import in_group

from .models import Case, Referral, actors_of

COUNSELLOR = "Counsellor"


def is_counsellor(user) -> bool:
    return in_group(user, COUNSELLOR)


def may_see_report(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_perm(
        "coaching.view_coaching_report"
    )


def get_case_for(user, pk, write: bool = False) -> Case:
    case = (
        Case.objects.visible_to(user)
        .select_related("person", "counsellor", "actor", "meeting_place", "referred_by")
        .prefetch_related("other_counsellors")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    if write and user.pk not in case.counsellor_ids():
        raise PermissionDenied
    return case


class Side:
    SENDER = "sender"
    RECEIVER = "receiver"


def referral_sides(user, referral: Referral) -> set[str]:
    """Which sides of the referral the user is on (both for someone at both actors)."""
    sides = set()
    mine = set(Organisation.objects.filter(actors_of(user)).values_list("pk", flat=True))
    if (
        referral.from_actor_id in mine
        or referral.sent_by_id == user.pk
        or (referral.case_id and referral.case.counsellor_id == user.pk)
    ):
        sides.add(Side.SENDER)
    if referral.to_actor_id in mine:
        sides.add(Side.RECEIVER)
    return sides


def get_referral_for(user, pk, answer: bool = False) -> Referral:
    """The referral, if the user is on one of its sides; `answer=True` (accept, decline,
    complete, the receiving side's notes) needs the receiving side."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    referral = (
        Referral.objects.visible_to(user)
        .select_related("person", "case", "from_actor", "to_actor", "meeting_place", "sent_by")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404
    referral.sides = (
        referral_sides(user, referral)
        if not user.is_superuser
        else {
            Side.SENDER,
            Side.RECEIVER,
        }
    )
    if answer and Side.RECEIVER not in referral.sides:
        raise PermissionDenied
    return referral
