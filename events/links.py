"""Links in text messages for people without an account: short, signed, expiring,
single-purpose (`samverka.core.tokens`), bound to the registration or enrolment (and so
to the person) they were made for.

- /events/c/<token>/ cancels a registration: it checks the short token and hands over to
  the cancellation page of the email link (`events.codes.cancel_token`), which asks
  before it cancels.
- /events/n/<token>/ shows the participant's next sessions of one programme.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.core import tokens
from samverka.core.links import absolute

from . import codes, kiosk
from .models import Enrolment, EventOccurrence, ProgrammeSchedule, Registration

CANCEL = "events.cancel"
NEXT_SESSION = "events.next-session"
CANCEL_DAYS = 120
NEXT_SESSION_DAYS = 60


def _url(name: str, token: str, language: str, request=None) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute(reverse(name, kwargs={"token": token}), request)


def cancel_url(registration, language: str = "") -> str:
    return _url("events:sms_cancel", tokens.make(CANCEL, registration.pk), language)


def next_session_url(enrolment, language: str = "") -> str:
    return _url("events:next_session", tokens.make(NEXT_SESSION, enrolment.pk), language)


def _refuse(request, check):
    if check is tokens.Check.EXPIRED:
        title, message, status = (
            _("This link has expired"),
            _("Links in text messages work for a limited time. Ask your coordinator."),
            410,
        )
    else:
        title, message, status = (
            _("This link is not valid"),
            _("Check that you opened the whole link from the text message."),
            404,
        )
    return render(
        request, "events/message.html", {"title": title, "message": message}, status=status
    )


def sms_cancel(request, token):
    check, registration_id = tokens.read(CANCEL, token, CANCEL_DAYS)
    registration = (
        Registration.objects.filter(pk=registration_id).first()
        if check is tokens.Check.VALID
        else None
    )
    if registration is None:
        return _refuse(request, check if check is not tokens.Check.VALID else tokens.Check.INVALID)
    return redirect("events:cancel", token=codes.cancel_token(registration.pk))


def next_session(request, token):
    check, enrolment_id = tokens.read(NEXT_SESSION, token, NEXT_SESSION_DAYS)
    enrolment = (
        Enrolment.objects.select_related("programme__event", "participant__person")
        .filter(pk=enrolment_id, ended_on__isnull=True)
        .first()
        if check is tokens.Check.VALID
        else None
    )
    if enrolment is None:
        return _refuse(request, check if check is not tokens.Check.VALID else tokens.Check.INVALID)
    # The participant's own sessions: their slots, not paused days (Jobbhörnet's
    # Tuesday-morning participant is not shown Thursday's sessions).
    upcoming = (
        EventOccurrence.objects.filter(event_id=enrolment.programme.event_id)
        .scheduled()
        .upcoming(timezone.now())
        .order_by("start")[:40]
    )
    schedule = ProgrammeSchedule(enrolment.programme, enrolments=[enrolment])
    sessions = schedule.sessions_for(enrolment, upcoming)[:3]
    # The QR code to show at a check-in screen (events.kiosk), from the same text message.
    checkin_qr_url = (
        reverse("events:kiosk_qr", args=[kiosk.qr_token(enrolment)])
        if enrolment.checkin_code
        else ""
    )
    response = render(
        request,
        "notifications/pages/next_session.html",
        {
            "enrolment": enrolment,
            "programme": enrolment.programme,
            "first_name": enrolment.participant.person.first_name,
            "sessions": sessions,
            "checkin_qr_url": checkin_qr_url,
        },
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
