"""Public application form and the volunteer's side of a match."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samverka.core.public_forms import PublicFormGuard
from samverka.core.steps import FormSteps

from .access import get_match_for
from .forms import AnswerForm, KompisApplicationForm, MeetingForm
from .models import Match, Newcomer

APPLY_GUARD = PublicFormGuard("kompis")
ANSWER_GUARD = PublicFormGuard("answer")


def apply(request):
    """The application in short steps (samverka.core.steps); the guard and the saving run
    once, on the last step."""
    steps = FormSteps(
        request, KompisApplicationForm, KompisApplicationForm.STEPS, salt="mentors.apply"
    )
    status = None
    if steps.submitted:
        status = APPLY_GUARD.refuse(request, steps.form)
        if steps.is_valid() and status is None:
            with transaction.atomic():
                steps.form.save()
            return redirect("mentors:apply_thanks")
    context = {"steps": steps, "form": steps.form}
    return render(request, "mentors/apply.html", context, status=status or 200)


@require_safe
def apply_thanks(request):
    return render(request, "mentors/apply_thanks.html")


def _side(user, match) -> str:
    """Which side of the match the user is: a newcomer with an account answers for themselves."""
    return "newcomer" if match.newcomer.user_id == user.pk else "volunteer"


def _awaits(match, side: str) -> bool:
    return (
        match.status == Match.Status.PROPOSED
        and getattr(match, f"{side}_answer") == Match.Answer.PENDING
    )


def _awaits_volunteer(match) -> bool:
    return _awaits(match, "volunteer")


def _languages(person) -> list[tuple[str, int]]:
    if isinstance(person, Newcomer):
        return person.language_names()
    return person.language_levels()


def _detail(request, match, form=None):
    side = _side(request.user, match)
    mine = side == "newcomer" or match.volunteer.user_id == request.user.pk
    if form is None and mine and _awaits(match, side):
        form = AnswerForm()
    partner = match.volunteer if side == "newcomer" else match.newcomer
    return render(
        request,
        "mentors/match_detail.html",
        {
            "match": match,
            "side": side,
            "partner": partner,
            "partner_languages": _languages(partner),
            "meetings": match.meetings.all(),
            "answer_form": form,
        },
    )


@login_required
def match_detail(request, pk):
    return _detail(request, get_match_for(request.user, pk))


def _answer(request, match, form, side="volunteer"):
    accept, reason = form.cleaned_data["accept"], form.cleaned_data["reason"]
    try:
        if side == "newcomer":
            match.answer_as_newcomer(accept, reason, recorded_by=request.user)
        else:
            match.answer_as_volunteer(accept, reason)
    except ValidationError:
        return False
    partner = match.volunteer if side == "newcomer" else match.newcomer
    if match.status == Match.Status.ACTIVE:
        messages.success(
            request,
            _("Thank you! You are now kompis with %(name)s.") % {"name": partner.first_name},
        )
    elif match.status == Match.Status.DECLINED:
        messages.success(request, _("Thank you for your answer. We will look for another pair."))
    else:
        messages.success(
            request,
            _("Thank you! We are waiting for %(name)s's answer.") % {"name": partner.first_name},
        )
    return True


@login_required
@require_POST
def answer(request, pk):
    match = get_match_for(request.user, pk, write=True)
    side = _side(request.user, match)
    if side == "volunteer" and match.volunteer.user_id != request.user.pk:
        raise PermissionDenied  # a coordinator records answers on the matching board
    form = AnswerForm(request.POST)
    if not _awaits(match, side):
        return render(request, "mentors/answer_stale.html", {"match": match, "reason": "answered"})
    if form.is_valid() and _answer(request, match, form, side):
        return redirect("mentors:match", pk=match.pk)
    return _detail(request, match, form)


def answer_link(request, token):
    """The link in the proposal email: the signed token is the authorisation, so a volunteer
    without an account can answer too. A stale link says what happened."""
    try:
        match = Match.from_token(token)
    except signing.SignatureExpired:
        return render(request, "mentors/answer_stale.html", {"reason": "expired"}, status=410)
    except (signing.BadSignature, Match.DoesNotExist, KeyError, TypeError):
        return render(request, "mentors/answer_stale.html", {"reason": "invalid"}, status=404)
    owner = match.volunteer.user_id
    if request.user.is_authenticated and owner and owner != request.user.pk:
        # The volunteer has an account and someone else is signed in: the link was
        # forwarded, and an answer here would speak for the volunteer.
        return render(request, "mentors/answer_stale.html", {"reason": "other"}, status=403)
    if not _awaits_volunteer(match):
        return render(request, "mentors/answer_stale.html", {"match": match, "reason": "answered"})
    form = AnswerForm(request.POST or None)
    status = None
    if request.method == "POST":
        status = ANSWER_GUARD.refuse(request, form)
        if status is None and form.is_valid() and _answer(request, match, form):
            return render(request, "mentors/answer_done.html", {"match": match})
    return render(
        request,
        "mentors/answer_link.html",
        {
            "match": match,
            "form": form,
            "partner": match.newcomer,
            "partner_languages": _languages(match.newcomer),
        },
        status=status or 200,
    )


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
