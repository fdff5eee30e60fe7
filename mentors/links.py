"""The newcomer's answer to a kompis proposal, from a short link in a text message:
no account, the signed token is the authorisation (`samverka.core.tokens`, purpose
"mentors.newcomer-answer", bound to the match and through it to the newcomer, 30 days).
The volunteer's side keeps its email link (`Match.answer_token`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from samverka.core import tokens
from samverka.core.links import absolute

from .forms import AnswerForm
from .models import Match

PURPOSE = "mentors.newcomer-answer"
MAX_AGE_DAYS = 30


def answer_url(match, language: str = "") -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("mentors:newcomer_answer", kwargs={"token": tokens.make(PURPOSE, match.pk)})
    return absolute(path)


def newcomer_answer(request, token):
    from .views import ANSWER_GUARD

    check, match_id = tokens.read(PURPOSE, token, MAX_AGE_DAYS)
    match = (
        Match.objects.select_related("newcomer__person", "volunteer").filter(pk=match_id).first()
        if check is tokens.Check.VALID
        else None
    )
    if match is None:
        reason = "expired" if check is tokens.Check.EXPIRED else "invalid"
        status = 410 if reason == "expired" else 404
        return render(
            request, "notifications/pages/kompis_stale.html", {"reason": reason}, status=status
        )
    if match.status != Match.Status.PROPOSED or match.newcomer_answer != Match.Answer.PENDING:
        return render(request, "notifications/pages/kompis_stale.html", {"match": match})
    form = AnswerForm(request.POST or None)
    status = None
    if request.method == "POST":
        status = ANSWER_GUARD.refuse(request, form)
        if status is None and form.is_valid():
            try:
                match.answer_as_newcomer(form.cleaned_data["accept"], form.cleaned_data["reason"])
            except ValidationError:
                return render(request, "notifications/pages/kompis_stale.html", {"match": match})
            match.refresh_from_db()
            return render(request, "notifications/pages/kompis_done.html", {"match": match})
    response = render(
        request,
        "notifications/pages/kompis_answer.html",
        {"match": match, "form": form, "volunteer": match.volunteer},
        status=status or 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response
