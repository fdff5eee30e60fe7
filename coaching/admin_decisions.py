"""The receiving actor's common decision on a referral in one click: accept or decline it.

- On the referral's own page (coaching/admin/referral.html): "Accept" is one POST; "Decline"
  sits beside it with the reason the sender is told (one click after typing it).
- On the referrals listing: Wagtail bulk actions (samverka.core.bulk) accept several referrals,
  or decline several with one reason.

Every decision goes through the model (`Referral.accept`/`decline`, which tell the sending
counsellor through `samverka.core.notify`) and is logged with Wagtail's log actions
("coaching.referral_accept" / "coaching.referral_decline", registered in wagtail_hooks).
Referrals are loaded through `coaching.access`: a referral of other actors is a 404; only the
receiving side decides.

Clicks, counted on the demo (the closing note of issue #19): accepting a referral took two on
its page (the "Accept" radio button, "Save the answer") and declining three (the "Decline"
radio button, the answer field, "Save the answer"), one referral at a time; now accepting is
one click on the page ("Accept") and declining two (the reason field, "Decline"); on the
listing, any number are accepted with two clicks plus one per row (tick the rows, "Accept",
confirm) and declined with three plus one per row (tick, "Decline", the reason, confirm).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks

from associations.models import Organisation
from samverka.core import audit
from samverka.core.bulk import ModelBulkAction

from .access import Side, get_referral_for
from .forms import AnswerForm, DeclineForm
from .models import Referral, actors_of

ACCEPTED = "coaching.referral_accept"
DECLINED = "coaching.referral_decline"


# --- The decision itself, one place for the page, the answer form and the listing ----------


def accept_referral(referral: Referral, user, text: str = "") -> None:
    """Accept (or raise ValidationError, changing nothing), tell the sender, log it."""
    referral.accept(user, text)
    audit.log(referral, ACCEPTED, user=user)


def decline_referral(referral: Referral, user, text: str) -> None:
    referral.decline(user, text)
    audit.log(referral, DECLINED, user=user)


# --- On the referral's own page ---------------------------------------------------------------


def referral_page(request, referral, *, form=None, decline_form=None, status=200):
    is_receiver = Side.RECEIVER in referral.sides
    if is_receiver and form is None:
        form = AnswerForm(initial={"receiver_notes": referral.receiver_notes})
    may_decide = is_receiver and referral.status == Referral.Status.SENT
    return TemplateResponse(
        request,
        "coaching/admin/referral.html",
        {
            "referral": referral,
            "form": form if is_receiver else None,
            "is_receiver": is_receiver,
            "may_decide": may_decide,
            "decline_form": (decline_form or DeclineForm()) if may_decide else None,
        },
        status=status,
    )


@require_POST
def accept(request, pk):
    referral = get_referral_for(request.user, pk, answer=True)
    try:
        with transaction.atomic():
            accept_referral(referral, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The referral is accepted; %(name)s is told.")
            % {"name": referral.sent_by or referral.from_actor},
        )
    return redirect("coaching_admin:referral", pk=referral.pk)


@require_POST
def decline(request, pk):
    referral = get_referral_for(request.user, pk, answer=True)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                decline_referral(referral, request.user, form.cleaned_data["answer"].strip())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error("answer", error.message_dict.get("answer", error.messages))
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("coaching_admin:referral", pk=referral.pk)
        else:
            messages.success(
                request,
                _("The referral is declined; %(name)s is told why.")
                % {"name": referral.sent_by or referral.from_actor},
            )
            return redirect("coaching_admin:referral", pk=referral.pk)
    return referral_page(request, referral, decline_form=form, status=400)


# --- On the listing: bulk actions -------------------------------------------------------------


class ReferralBulkAction(ModelBulkAction):
    """Acts on referrals the listing shows the user (others: 404) that wait for an answer
    from an actor the user works for or represents."""

    model_class = Referral
    permission = ""

    def visible_queryset(self):
        return Referral.objects.visible_to(self.request.user).select_related(
            "person", "to_actor", "from_actor", "sent_by", "case"
        )

    def get_queryset(self, model, object_ids):
        wanted = {str(pk) for pk in object_ids}
        found = super().get_queryset(model, object_ids)
        if not wanted or len(found) != len(wanted):
            # a referral of other actors, or one that does not exist: as on its own page
            raise Http404
        return found

    @cached_property
    def my_actor_ids(self) -> set[int]:
        return set(
            Organisation.objects.filter(actors_of(self.request.user)).values_list("pk", flat=True)
        )

    def check_perm(self, obj):
        if obj.status != Referral.Status.SENT:
            return False
        return self.request.user.is_superuser or obj.to_actor_id in self.my_actor_ids

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # answered by someone else meanwhile: the transaction is rolled back, nothing saved
            form.add_error(None, error.messages)
            return self.form_invalid(form)


class AcceptReferrals(ReferralBulkAction):
    display_name = gettext_lazy("Accept")
    aria_label = gettext_lazy("Accept the selected referrals")
    action_type = "accept"
    action_priority = 10
    confirmation_text = gettext_lazy(
        "These referrals are accepted; the counsellors who sent them are told."
    )

    @classmethod
    def act(cls, objects, *, user, form):
        for referral in objects:
            accept_referral(referral, user)
        return len(objects)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d referral accepted.", "%(count)d referrals accepted.", num_parent_objects
        ) % {"count": num_parent_objects}


class DeclineReferrals(ReferralBulkAction):
    display_name = gettext_lazy("Decline")
    aria_label = gettext_lazy("Decline the selected referrals")
    action_type = "decline"
    action_priority = 20
    form_class = DeclineForm
    confirmation_text = gettext_lazy(
        "These referrals are declined; the counsellors who sent them are told, with your reason."
    )

    @classmethod
    def act(cls, objects, *, user, form):
        text = form.cleaned_data["answer"].strip()
        for referral in objects:
            decline_referral(referral, user, text)
        return len(objects)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d referral declined.", "%(count)d referrals declined.", num_parent_objects
        ) % {"count": num_parent_objects}


for action in (AcceptReferrals, DeclineReferrals):
    hooks.register("register_bulk_action", action)
