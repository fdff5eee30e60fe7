"""A one-time code by SMS that proves a person holds a phone number.

Six digits, stored only as an HMAC (keyed with SECRET_KEY), valid for ten minutes, five
tries; at most three codes per person an hour and ten per number a day
(`samverka.core.ratelimit`). Confirming records the number and `phone_verified_at` on the
Person.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

VALID_MINUTES = 10
MAX_TRIES = 5
PER_PERSON_PER_HOUR = 3
PER_NUMBER_PER_DAY = 10


class VerificationError(ValueError):
    pass


def _hash(verification_id: int, code: str) -> str:
    return salted_hmac("people.phone-code", f"{verification_id}:{code}").hexdigest()


class PhoneVerificationQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(verified_at__isnull=True, expires_at__gt=now)


class PhoneVerification(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="phone_verifications"
    )
    phone = models.CharField(_("phone"), max_length=20)
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    objects = PhoneVerificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("phone number check")
        verbose_name_plural = _("phone number checks")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.phone} ({self.created_at:%Y-%m-%d %H:%M})"


def send_code(person, phone=None) -> PhoneVerification:
    """Text a new code to `phone` (default: the person's number). Raises
    VerificationError with a message for the person."""
    from samverka.core.notify import Contact, notify
    from samverka.core.ratelimit import rate_limited
    from samverka.core.sms import numbers

    e164, reason = numbers.check(phone if phone is not None else person.phone)
    if e164 is None:
        raise VerificationError(reason)
    if person.sms_opt_out_at is not None:
        raise VerificationError(
            _("You have asked not to get text messages. Send START to us first.")
        )
    if rate_limited("phone-code-person", str(person.pk), PER_PERSON_PER_HOUR, 3600) or (
        rate_limited("phone-code-number", e164, PER_NUMBER_PER_DAY, 86400)
    ):
        raise VerificationError(_("Too many codes have been sent. Try again in an hour."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    now = timezone.now()
    with transaction.atomic():
        PhoneVerification.objects.filter(person=person).open(now).update(expires_at=now)
        verification = PhoneVerification.objects.create(
            person=person, phone=e164, expires_at=now + timedelta(minutes=VALID_MINUTES)
        )
        verification.code_hash = _hash(verification.pk, code)
        verification.save(update_fields=["code_hash"])
        notify(
            Contact(phone=e164, language=person.preferred_language),
            "people.phone_code",
            {"code": code, "minutes": VALID_MINUTES},
        )
    return verification


def confirm(person, code: str, now=None) -> str:
    """Check `code` against the person's open code; on success record the number
    as theirs and confirmed. Returns the number; raises VerificationError."""
    now = now or timezone.now()
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    # The outcome is decided inside the transaction and raised after it, so that a wrong
    # try is counted (an exception inside would roll the count back).
    error = None
    with transaction.atomic():
        verification = (
            PhoneVerification.objects.select_for_update()
            .filter(person=person)
            .open(now)
            .order_by("-created_at")
            .first()
        )
        if verification is None:
            error = _("The code has expired. Ask for a new one.")
        elif verification.tries >= MAX_TRIES:
            error = _("Too many wrong tries. Ask for a new code.")
        else:
            verification.tries += 1
            if not constant_time_compare(verification.code_hash, _hash(verification.pk, code)):
                verification.save(update_fields=["tries"])
                error = _("That is not the code we sent. Check it and try again.")
            else:
                verification.verified_at = now
                verification.save(update_fields=["tries", "verified_at"])
                type(person).objects.filter(pk=person.pk).update(
                    phone=verification.phone, phone_verified_at=now
                )
                person.phone, person.phone_verified_at = verification.phone, now
    if error is not None:
        raise VerificationError(error)
    return verification.phone


# --- The page: /my/phone/ -------------------------------------------------------------


def _forms():
    from django import forms
    from phonenumber_field.formfields import PhoneNumberField

    class PhoneForm(forms.Form):
        phone = PhoneNumberField(
            label=_("Your mobile number"),
            region="SE",
            help_text=_("We text you a code to check that the number is yours."),
        )

    class CodeForm(forms.Form):
        code = forms.CharField(
            label=_("The code in the text message"),
            max_length=12,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        )

    return PhoneForm, CodeForm


def my_phone(request):
    """Confirm one's mobile number with a code by SMS (signed-in people with a Person)."""
    from django.contrib import messages
    from django.contrib.auth.views import redirect_to_login
    from django.http import Http404
    from django.shortcuts import redirect, render

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    PhoneForm, CodeForm = _forms()
    action = request.POST.get("action") if request.method == "POST" else None
    phone_form = PhoneForm(
        request.POST if action == "send" else None, initial={"phone": person.phone or None}
    )
    code_form = CodeForm(request.POST if action == "confirm" else None)
    if action == "send" and phone_form.is_valid():
        try:
            send_code(person, phone_form.cleaned_data["phone"])
        except VerificationError as error:
            phone_form.add_error("phone", str(error))
        else:
            messages.success(request, _("We have sent a code. It is valid for 10 minutes."))
            return redirect("people:my_phone")
    elif action == "confirm" and code_form.is_valid():
        try:
            confirm(person, code_form.cleaned_data["code"])
        except VerificationError as error:
            code_form.add_error("code", str(error))
        else:
            messages.success(request, _("Thank you. Your mobile number is confirmed."))
            return redirect("people:my_phone")
    waiting = PhoneVerification.objects.filter(person=person).open().exists()
    return render(
        request,
        "notifications/pages/my_phone.html",
        {
            "person": person,
            "phone_form": phone_form,
            "code_form": code_form,
            "waiting": waiting,
        },
        status=200 if not (phone_form.errors or code_form.errors) else 400,
    )


def purge_old_checks(now=None) -> int:
    """Codes are kept a day after they were made (enough to answer "did a code go out?"),
    then deleted by `tick`: they hold a phone number."""
    now = now or timezone.now()
    deleted, _by_model = PhoneVerification.objects.filter(
        created_at__lt=now - timedelta(days=1)
    ).delete()
    return deleted
