"""One guard for every form a visitor can post without being vetted first.

Each public form (volunteer sign-up, "I want a kompis", organisation registration, event
registration, self check-in, feedback) lets an outsider store rows and make the site send
email. Without a guard, fifteen anonymous posts queued thirty emails, fifteen of them to
addresses the sender chose. The guard has three parts:

- a honeypot: a field people never see (visually hidden, hidden from screen readers, out of
  the tab order, labelled "leave this field empty" for anyone who does reach it); bots that
  fill in every input fill it in;
- a rate limit per real client address (``samverka.core.ratelimit``: behind the trusted
  proxies, never the proxy's own address);
- a cap on email to an address nobody has confirmed: the form is still accepted, but after
  ``MAIL_CAP`` messages in a day that address gets no more, so the site cannot be used to
  flood someone's inbox.

A tripped honeypot or limit answers with a translated message (400 for the honeypot, 429 for
the limit) and nothing is saved or sent.

Use::

    GUARD = PublicFormGuard("volunteer")

    class MyForm(PublicFormMixin, forms.Form): ...

    if request.method == "POST":
        refusal = GUARD.check(request)
        if refusal is None and form.is_valid():
            ...
            if may_mail(address):
                queue_email(address, ...)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.conf import settings as app_settings

from .ratelimit import rate_limited, request_rate_limited

# Not "website": organisations have a real website field.
HONEYPOT_NAME = "homepage"

# (submissions, seconds) per client address and form. Generous enough for a class of
# newcomers behind one school connection, far below what a script sends.
# SAMVERKA_PUBLIC_FORM_LIMITS in the settings overrides any of them.
DEFAULT_LIMITS = {
    "volunteer": (5, 3600),
    "kompis": (10, 3600),
    "organisation": (5, 3600),
    "register": (10, 600),
    "checkin": (20, 600),
    "feedback": (10, 600),
    "invitation": (10, 600),
    "cancel": (10, 600),
    "answer": (10, 600),
}

# Messages a day to one address that has not been confirmed (SAMVERKA_PUBLIC_FORM_MAIL_CAP).
MAIL_CAP = 3
MAIL_CAP_SECONDS = 24 * 3600


class HoneypotField(forms.CharField):
    """Renders itself through ``forms/honeypot.html``: hidden from people and assistive
    technology, so only a program that fills in every input puts anything in it."""

    is_honeypot = True

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("template_name", "forms/honeypot.html")
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        # The guard refuses a filled-in honeypot before the form is validated; this keeps
        # a form used without the guard from saving one.
        if value:
            raise forms.ValidationError(_("Please leave this field empty."), code="honeypot")
        return ""


class PublicFormMixin(forms.Form):
    """Adds the honeypot to a form (a ModelForm too: list it first in the bases)."""

    homepage = HoneypotField()


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


@dataclass(frozen=True)
class PublicFormGuard:
    """The guard of one public form; ``scope`` names its limit in ``DEFAULT_LIMITS``."""

    scope: str

    @property
    def limit(self) -> tuple[int, int]:
        overrides = app_settings.PUBLIC_FORM_LIMITS or {}
        return overrides.get(self.scope, DEFAULT_LIMITS[self.scope])

    def check(self, request, *, per: str = "", at_least: int = 0) -> Refusal | None:
        """Count this post; a Refusal when it must not be processed, else None.

        `per` counts the posts per client address and one thing the form is about (a survey
        link), so a class answering from one school connection is not stopped by the posts
        made for other things; `at_least` raises the limit to how many people may rightly
        post it from one connection (those present at a date)."""
        if request.method != "POST":
            return None
        if any(
            value
            for key, value in request.POST.items()
            if key == HONEYPOT_NAME or key.endswith(f"-{HONEYPOT_NAME}")  # prefixed forms
        ):
            return Refusal(400, _("Your form could not be sent. Please try again."))
        limit, seconds = self.limit
        scope = f"form:{self.scope}:{per}" if per else f"form:{self.scope}"
        if request_rate_limited(request, scope, max(limit, at_least), seconds):
            return Refusal(
                429,
                _(
                    "Too many forms have been sent from your connection. "
                    "Please wait a while and try again."
                ),
            )
        return None

    def refuse(self, request, form) -> int | None:
        """``check`` for views that show the refusal on the form itself: adds the message
        to the form's errors (what was typed stays) and returns the status, or None."""
        refusal = self.check(request)
        if refusal is None:
            return None
        form.add_error(None, refusal.message)
        return refusal.status


def is_confirmed(address: str) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(email__iexact=address, verified=True).exists()


def may_mail(address: str) -> bool:
    """Whether the site may send one more message to ``address`` now (and count it).

    An address confirmed on an account is never capped; any other gets ``MAIL_CAP``
    messages a day, whichever form and whichever client asked for them."""
    address = (address or "").strip().lower()
    if not address:
        return False
    if is_confirmed(address):
        return True
    cap = app_settings.PUBLIC_FORM_MAIL_CAP or MAIL_CAP
    # The address itself is not kept in the cache key.
    key = hashlib.sha256(address.encode()).hexdigest()
    return not rate_limited("form-mail", key, cap, MAIL_CAP_SECONDS)
