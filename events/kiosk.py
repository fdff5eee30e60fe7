"""Kiosk check-in: a screen at the entrance checks participants in without
anyone's account and without a staff session.

Pairing. A coordinator (or the organiser's representative) opens the pairing
page on the screen itself, chooses the programme or the event date and a name
for the screen. The staff session on that screen is then ended and a random
device token goes into an HttpOnly, SameSite=Strict cookie; only its SHA-256
is stored (`KioskPairing`). The token is bound to the device by the hash of
its user agent: the cookie replayed from another browser is refused, and
pairing a screen again revokes its earlier token, so a copy taken before no
longer works. A user agent can be imitated, so the binding is a second lock,
not the only one: the cookie never leaves the screen (HttpOnly, Secure in
production), and a lost or stolen screen is revoked in the admin (logged).

The personal code. Each enrolment gets four random digits at enrolment
(`Enrolment.checkin_code`, unique in the programme), printed or told by the
coordinator. We chose this over "last phone digits + birth year": those are
known to anyone who knows the person, many participants share a birth year,
and not every participant has a phone or a recorded birth year; a random code
says nothing about the person, can be changed when it leaks, and works for
everyone. Four digits are easy to type and remember; guessing is held back by
a rate limit per kiosk (wrong codes lock the screen for a few minutes) and the
screen stands where staff work.

The QR code. A link (in an SMS or printed) opens a page with a QR code holding
a signed, single-purpose token of the enrolment and its current code; the
kiosk accepts it typed by a hand scanner (scanners type like a keyboard) or
pasted. A new code makes old QR codes invalid.

Nothing personal stays on screen: the confirmation shows the first name only
and returns to the empty form after a few seconds.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.core import signing
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from samverka.core import audit
from samverka.core.permissions import is_coordinator
from samverka.core.ratelimit import rate_limited

from .access import can_manage_event
from .models import (
    Attendance,
    Enrolment,
    EventOccurrence,
    KioskPairing,
    KioskRefused,
    Programme,
    slot_key,
)

COOKIE = "samverka_kiosk"
QR_SALT = "events.kiosk.checkin"
QR_MAX_AGE = 60 * 60 * 24 * 365
# Wrong codes allowed per screen before it pauses for LOCK_SECONDS.
WRONG_CODES_LIMIT = 10
LOCK_SECONDS = 300
CONFIRMATION_SECONDS = 5


# --- QR tokens ---------------------------------------------------------------------------


def qr_token(enrolment) -> str:
    return signing.dumps([enrolment.pk, enrolment.checkin_code], salt=QR_SALT, compress=True)


def read_qr_token(token: str) -> tuple[int, str] | None:
    try:
        enrolment_id, code = signing.loads(token, salt=QR_SALT, max_age=QR_MAX_AGE)
        return int(enrolment_id), str(code)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def find_enrolment(pairing, entered: str) -> Enrolment | None:
    """The enrolment of a typed four-digit code or a scanned QR token."""
    entered = (entered or "").strip()
    digits = "".join(ch for ch in entered if ch.isdigit())
    enrolments = pairing.enrolments()
    if len(entered) <= 9 and len(digits) == 4:
        return enrolments.filter(checkin_code=digits).first()
    read = read_qr_token(entered)
    if read is None:
        return None
    enrolment_id, code = read
    return enrolments.filter(pk=enrolment_id, checkin_code=code).first()


def session_for(pairing, enrolment, now=None) -> EventOccurrence | None:
    """The open session to check in to: one of the participant's own slots if
    one is open, else any open session (coming on another day still counts as
    attendance)."""
    sessions = list(pairing.open_sessions(now).order_by("start"))
    if pairing.occurrence_id is None:
        sessions = [s for s in sessions if s.event_id == enrolment.programme.event_id]
    if not sessions:
        return None
    own = {slot.key for slot in enrolment.slots.all()}
    return next((s for s in sessions if slot_key(s) in own), sessions[0])


# --- Device ------------------------------------------------------------------------------


def _user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")


def device_pairing(request) -> KioskPairing:
    return KioskPairing.for_device(request.COOKIES.get(COOKIE, ""), _user_agent(request))


REFUSALS = {
    "unpaired": gettext_lazy("This screen is not paired for check-in. Ask the staff."),
    "revoked": gettext_lazy(
        "This screen's pairing has been revoked. Ask the staff to pair it again."
    ),
    "other_device": gettext_lazy(
        "This check-in key belongs to another screen. Ask the staff to pair this one."
    ),
}


def _refused(request, reason):
    return render(
        request,
        "events/kiosk/refused.html",
        {"message": REFUSALS[reason]},
        status=403,
    )


def _kiosk_languages():
    return [
        {"code": code, "name": name, "url": _language_url(code)}
        for code, name in settings.LANGUAGES
    ]


def _language_url(code):
    with translation.override(code):
        return reverse("events:kiosk")


# --- Views -------------------------------------------------------------------------------


class KioskCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Your check-in code"),
        max_length=400,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "autofocus": True}
        ),
    )


def kiosk(request):
    """The screen: a code field and language buttons, nothing else."""
    try:
        pairing = device_pairing(request)
    except KioskRefused as refusal:
        return _refused(request, refusal.reason)
    form = KioskCodeForm(request.POST or None)
    error, status = None, 200
    if request.method == "POST":
        lock_key = f"samverka:kiosk-locked:{pairing.pk}"
        if cache.get(lock_key):
            error, status = _("Too many wrong codes. Wait a few minutes and try again."), 429
        elif form.is_valid():
            now = timezone.now()
            enrolment = find_enrolment(pairing, form.cleaned_data["code"])
            if enrolment is None:
                if rate_limited("kiosk-wrong", str(pairing.pk), WRONG_CODES_LIMIT, LOCK_SECONDS):
                    cache.set(lock_key, 1, LOCK_SECONDS)
                error, status = _("That code is not right. Check the digits and try again."), 400
            else:
                session = session_for(pairing, enrolment, now)
                if session is None:
                    error, status = _("There is no session to check in to right now."), 400
                else:
                    from .views import occurrence_check_in

                    participant = enrolment.participant
                    occurrence_check_in(
                        session,
                        participant=participant,
                        user=participant.person.user,
                        name=participant.name,
                        method=Attendance.Method.KIOSK,
                        now=now,
                    )
                    KioskPairing.objects.filter(pk=pairing.pk).update(last_used_at=now)
                    return render(
                        request,
                        "events/kiosk/done.html",
                        {
                            "first_name": participant.person.first_name,
                            "seconds": CONFIRMATION_SECONDS,
                            # The next person starts in the default language.
                            "next_url": _language_url(settings.LANGUAGE_CODE),
                        },
                    )
        else:
            error, status = _("Type your four-digit code."), 400
        form = KioskCodeForm()  # the code never stays in the field
    return render(
        request,
        "events/kiosk/screen.html",
        {
            "form": form,
            "error": error,
            "pairing": pairing,
            "title": str(pairing.programme or pairing.occurrence.event.title),
            "languages": _kiosk_languages(),
        },
        status=status,
    )


class PairForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of this screen"),
        max_length=100,
        help_text=gettext_lazy("For example “Entrance tablet” or “Workstation 3”."),
    )
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.none(), required=False
    )
    occurrence = forms.ModelChoiceField(
        label=gettext_lazy("Or one event date"),
        queryset=EventOccurrence.objects.none(),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        today = timezone.localdate()
        self.fields["occurrence"].queryset = EventOccurrence.objects.scheduled().filter(
            start__date__gte=today - timedelta(days=1),
            start__date__lte=today + timedelta(days=14),
        )
        self.user = user

    def clean(self):
        cleaned = super().clean()
        programme, occurrence = cleaned.get("programme"), cleaned.get("occurrence")
        if bool(programme) == bool(occurrence):
            raise forms.ValidationError(_("Choose a programme or one event date."))
        event = programme.event if programme else occurrence.event
        if not can_manage_event(self.user, event):
            raise forms.ValidationError(_("You do not run this event."))
        return cleaned


def pair(request):
    """Pair this screen (opened on the screen itself by staff)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
    if not is_coordinator(request.user) and not request.user.has_perm("events.add_kioskpairing"):
        from associations.models import Representative

        if not Representative.objects.filter(user=request.user).exists():
            raise Http404
    initial = {
        "programme": request.GET.get("programme"),
        "occurrence": request.GET.get("date"),
    }
    form = PairForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            previous = device_pairing(request)
        except KioskRefused:
            previous = None
        user = request.user
        pairing, token = KioskPairing.pair(
            name=form.cleaned_data["name"],
            programme=form.cleaned_data["programme"],
            occurrence=form.cleaned_data["occurrence"],
            user=user,
            user_agent=_user_agent(request),
            replaces=previous,
        )
        audit.log(pairing, audit.KIOSK_PAIR, user=user, name=pairing.name)
        # The screen must not stay signed in as staff.
        logout(request)
        response = redirect("events:kiosk")
        response.set_cookie(
            COOKIE,
            token,
            max_age=60 * 60 * 24 * 400,
            httponly=True,
            samesite="Strict",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response
    return render(request, "events/kiosk/pair.html", {"form": form})


@require_safe
def qr(request, token):
    """The QR code a participant shows at the kiosk (the link comes by SMS)."""
    from .views import qr_svg

    read = read_qr_token(token)
    if read is None:
        raise Http404
    enrolment = get_object_or_404(
        Enrolment.objects.active().select_related("programme"),
        Q(pk=read[0]) & Q(checkin_code=read[1]),
    )
    return render(
        request,
        "events/kiosk/qr.html",
        {"programme": enrolment.programme, "qr_svg": qr_svg(token)},
    )
