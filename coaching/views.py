"""Referrals for the receiving actors who do not work in the Wagtail admin: an association's
representatives (language support by the Red Cross, say) see the referrals to their
organisation and answer them on the public site. They see the referral, never the case.
Every referral is loaded through `coaching.access.get_referral_for`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverka.core import audit

from .access import Side, get_referral_for
from .admin_decisions import accept_referral, decline_referral
from .forms import AnswerForm, apply_errors
from .models import Referral


@login_required
def received(request):
    referrals = (
        Referral.objects.received_by(request.user)
        .select_related("person", "from_actor", "to_actor")
        .order_by("-sent_at", "-pk")[:200]
    )
    return render(request, "coaching/referrals.html", {"referrals": referrals})


@login_required
def referral(request, pk):
    item = get_referral_for(request.user, pk)
    is_receiver = Side.RECEIVER in item.sides
    form = AnswerForm(initial={"receiver_notes": item.receiver_notes}) if is_receiver else None
    status = 200
    if request.method == "POST":
        item = get_referral_for(request.user, pk, answer=True)
        form = AnswerForm(request.POST)
        if form.is_valid():
            action, text = form.cleaned_data["action"], form.cleaned_data["answer"]
            try:
                with transaction.atomic():
                    if action == AnswerForm.Action.ACCEPT:
                        accept_referral(item, request.user, text)
                    elif action == AnswerForm.Action.DECLINE:
                        decline_referral(item, request.user, text)
                    else:
                        item.complete(request.user, text)
                        audit.log(item, "coaching.referral_complete", user=request.user)
                    item.receiver_notes = form.cleaned_data["receiver_notes"]
                    item.save(update_fields=["receiver_notes"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Your answer is saved; the sender can read it."))
                return redirect("coaching:referral", pk=item.pk)
        status = 400
    return render(
        request,
        "coaching/referral.html",
        {"referral": item, "form": form, "is_receiver": is_receiver},
        status=status,
    )
