"""Public application form and the volunteer's side of a match."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import get_match_for
from .forms import AnswerForm, KompisApplicationForm, MeetingForm
from .models import Match


def apply(request):
    form = KompisApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        return redirect("mentors:apply_thanks")
    return render(request, "mentors/apply.html", {"form": form})


def apply_thanks(request):
    return render(request, "mentors/apply_thanks.html")


@login_required
def match_detail(request, pk):
    match = get_match_for(request.user, pk)
    return render(
        request,
        "mentors/match_detail.html",
        {
            "match": match,
            "meetings": match.meetings.all(),
            "answer_form": AnswerForm() if _awaits_volunteer(match) else None,
        },
    )


def _awaits_volunteer(match) -> bool:
    return match.status == Match.Status.PROPOSED and match.volunteer_answer == Match.Answer.PENDING


def _answer(request, match, form):
    try:
        match.answer_as_volunteer(form.cleaned_data["accept"], form.cleaned_data["reason"])
    except ValidationError:
        return False
    if match.status == Match.Status.ACTIVE:
        messages.success(
            request,
            _("Thank you! You are now kompis with %(name)s.") % {"name": match.newcomer.first_name},
        )
    elif match.status == Match.Status.DECLINED:
        messages.success(request, _("Thank you for your answer. We will look for another pair."))
    else:
        messages.success(
            request,
            _("Thank you! We are waiting for %(name)s's answer.")
            % {"name": match.newcomer.first_name},
        )
    return True


@login_required
@require_POST
def answer(request, pk):
    match = get_match_for(request.user, pk, write=True)
    form = AnswerForm(request.POST)
    if not _awaits_volunteer(match):
        return render(request, "mentors/answer_stale.html", {"match": match, "reason": "answered"})
    if form.is_valid() and _answer(request, match, form):
        return redirect("mentors:match", pk=match.pk)
    return render(
        request,
        "mentors/match_detail.html",
        {"match": match, "meetings": match.meetings.all(), "answer_form": form},
    )


def answer_link(request, token):
    """The link in the proposal email: the signed token is the authorisation, so a volunteer
    without an account can answer too. A stale link says what happened."""
    try:
        match = Match.from_token(token)
    except signing.SignatureExpired:
        return render(request, "mentors/answer_stale.html", {"reason": "expired"}, status=410)
    except (signing.BadSignature, Match.DoesNotExist, KeyError, TypeError):
        return render(request, "mentors/answer_stale.html", {"reason": "invalid"}, status=404)
    if not _awaits_volunteer(match):
        return render(request, "mentors/answer_stale.html", {"match": match, "reason": "answered"})
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _answer(request, match, form):
        return render(request, "mentors/answer_done.html", {"match": match})
    return render(request, "mentors/answer_link.html", {"match": match, "form": form})


@login_required
def log_meeting(request, pk):
    match = get_match_for(request.user, pk, write=True)
    if match.status != Match.Status.ACTIVE:
        messages.error(request, _("Meetings can be logged for active matches only."))
        return redirect("mentors:match", pk=match.pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        match.log_meeting(by=request.user, **form.cleaned_data)
        messages.success(request, _("The meeting is saved."))
        return redirect("mentors:match", pk=match.pk)
    return render(request, "mentors/log_meeting.html", {"match": match, "form": form})
