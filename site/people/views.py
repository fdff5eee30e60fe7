"""Asking again for consent when a new version of a text is published."""

from __future__ import annotations

import functools

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .consent import ConsentRecord, ConsentVersion

Purpose = ConsentVersion.Purpose


def consent_subject(user, purpose: str):
    """Who consents for this purpose: the user's volunteer record for volunteering (reached
    through its reverse accessor, since people imports no app), their Person otherwise."""
    if not user.is_authenticated:
        return None
    name = "volunteer" if purpose == Purpose.VOLUNTEERING else "person"
    return getattr(user, name, None)


def needs_new_consent(user, purpose: str) -> bool:
    """True for someone who agreed to an earlier text of this purpose, not the current one."""
    subject = consent_subject(user, purpose)
    if subject is None or ConsentVersion.objects.current(purpose) is None:
        return False
    return subject.latest_consent(purpose) is not None and not subject.has_current_consent(purpose)


def current_consent_required(purpose: str):
    """Before a person's own pages: if a new text was published since they consented, they
    read it and agree first (then come back to where they were going)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if needs_new_consent(request.user, purpose):
                url = reverse("people:renew_consent", kwargs={"purpose": purpose})
                return redirect(f"{url}?next={request.get_full_path()}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RenewConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I have read the text above and agree that my information is stored for this."),
    )


@login_required
def renew_consent(request, purpose):
    if purpose not in Purpose.values:
        raise Http404
    subject = consent_subject(request.user, purpose)
    current = ConsentVersion.objects.current(purpose)
    if subject is None or current is None:
        raise Http404
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "/"
    if subject.has_current_consent(purpose):
        return redirect(next_url)
    form = RenewConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject.record_consent(current, ConsentRecord.Method.ONLINE, language=get_language() or "")
        return redirect(next_url)
    return render(
        request,
        "people/renew_consent.html",
        {
            "form": form,
            "consent": current,
            "previous": subject.latest_consent(purpose),
            "next": next_url,
        },
    )
