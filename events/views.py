from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from samverka.core.conf import settings as app_settings
from samverka.core.ids import parse_id
from samverka.core.public_forms import PublicFormGuard, may_mail

from . import codes, feeds
from .access import can_manage_event, get_enrolment_for, get_occurrence_for_staff
from .conf import settings as events_settings
from .course import progress_of
from .forms import (
    CancelForm,
    CheckInCodeForm,
    DelegateFormSet,
    DelegatesForm,
    FeedbackForm,
    RegistrationForm,
    WalkInForm,
)
from .listing import (
    LISTING_CACHE_SECONDS,
    attach_translations,
    cached_listing_key,
    listing_context,
)
from .models import (
    Absence,
    Attendance,
    CalendarToken,
    Enrolment,
    EventOccurrence,
    EventPage,
    FeedbackResponse,
    Participant,
    Registration,
    RegistrationError,
    SurveyReceipt,
)
from .notifications import occurrence_ics
from .surveys import AlreadyAnswered

CALENDAR_TYPE = "text/calendar; charset=utf-8"
NOT_YET_MESSAGE = gettext_lazy(
    "This date has not come yet: nobody can be checked in before an hour ahead of the start. "
    "You can record an absence reason ahead."
)


class CheckInNotOpen(Exception):
    pass


REGISTER_GUARD = PublicFormGuard("register")
CHECKIN_GUARD = PublicFormGuard("checkin")
FEEDBACK_GUARD = PublicFormGuard("feedback")
CANCEL_GUARD = PublicFormGuard("cancel")


def _public_occurrence(pk) -> EventOccurrence:
    occurrence = get_object_or_404(
        EventOccurrence.objects.public().select_related(
            "event__place", "event__organiser", "event__locale"
        ),
        pk=pk,
    )
    return occurrence


# --- Listing and calendars ---------------------------------------------------------


@require_safe
def event_list(request):
    key = cached_listing_key(request)
    if key is not None:
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
    response = render(request, "events/event_list.html", listing_context(request))
    if key is not None and not response.cookies and not request.META.get("CSRF_COOKIE_USED"):
        seconds = min(app_settings.PAGE_CACHE_SECONDS, LISTING_CACHE_SECONDS)
        cache.set(key, response.content, seconds)
    return response


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def feed_all(request):
    return _calendar_response(feeds.public_feed(_("Samverka events")), "samverka.ics")


@require_safe
def feed_category(request, category):
    if category not in EventPage.Category.values:
        raise Http404
    label = str(EventPage.Category(category).label)
    return _calendar_response(
        feeds.public_feed(label, event__category=category), f"samverka-{category}.ics"
    )


@require_safe
def feed_place(request, pk):
    from .models import public_places

    place = get_object_or_404(public_places(), pk=pk)
    return _calendar_response(
        feeds.public_feed(place.title, event__place=place), f"samverka-place-{pk}.ics"
    )


@require_safe
def feed_organiser(request, pk):
    from associations.models import Organisation

    organisation = get_object_or_404(Organisation.objects.approved(), pk=pk)
    return _calendar_response(
        feeds.public_feed(organisation.name, event__organiser=organisation),
        f"samverka-organiser-{pk}.ics",
    )


@require_safe
def feed_private(request, token):
    calendar_token = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    return _calendar_response(
        feeds.private_feed(calendar_token.user, _("My events")), "my-events.ics"
    )


@login_required
@require_POST
def renew_private_feed(request):
    CalendarToken.for_user(request.user).renew()
    messages.success(
        request, _("Your private calendar has a new address. The old one stops working.")
    )
    return redirect("core:my_pages")


@require_safe
def date_ics(request, pk):
    occurrence = _public_occurrence(pk)
    response = HttpResponse(occurrence_ics(occurrence), content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'attachment; filename="event-{pk}.ics"'
    return response


# --- Registration ------------------------------------------------------------------


def occurrence_detail(request, pk):
    """One date of an event, with its registration form (one step, no JavaScript)."""
    occurrence = _public_occurrence(pk)
    attach_translations([occurrence], translation.get_language())
    user = request.user
    form = RegistrationForm(request.POST or None, user=user, language=translation.get_language())
    error = None
    status = 200
    if request.method == "POST":
        refusal = REGISTER_GUARD.check(request)
        if refusal is not None:
            error, status = refusal.message, refusal.status
        elif form.is_valid():
            data = form.cleaned_data
            email = user.email if user.is_authenticated else data["email"]
            try:
                registration, created = occurrence.register(
                    name=data["name"],
                    email=email,
                    phone=data["phone"],
                    people=data["people"],
                    language=data["language"],
                    access_needs=data["access_needs"],
                    user=user if user.is_authenticated else None,
                    idempotency_key=data["idempotency_key"],
                    # The registration stands either way; only the mail is capped.
                    notify=not email or may_mail(email),
                )
            except RegistrationError as exc:
                error = exc.message
                status = 409
            except IntegrityError:
                # A concurrent double submit lost the race to the unique constraint.
                registration = occurrence.registrations.filter(
                    idempotency_key=data["idempotency_key"]
                ).first()
                if registration is None:
                    raise
                created = False
            if error is None:
                if not created:
                    messages.info(request, _("You were already registered for this date."))
                return redirect("events:registered", token=registration.token)
        else:
            status = 400
    return render(
        request,
        "events/occurrence_detail.html",
        {
            "occurrence": occurrence,
            "event": occurrence.display_event,
            "form": form,
            "error": error,
            "state": occurrence.registration_state(),
            "can_manage": can_manage_event(user, occurrence.event),
            "represents": _organisations_of(user).exists() if user.is_authenticated else False,
        },
        status=status,
    )


@require_safe
def registered(request, token):
    registration = get_object_or_404(
        Registration.objects.select_related("occurrence__event"), token=token
    )
    attach_translations([registration.occurrence], translation.get_language())
    return render(
        request,
        "events/registered.html",
        {
            "registration": registration,
            "occurrence": registration.occurrence,
            "event": registration.occurrence.display_event,
            "position": registration.waitlist_position(),
        },
    )


def cancel(request, token):
    """Cancel by the signed link from the confirmation email (GET asks, POST cancels,
    so that a mail program opening the link cancels nothing)."""
    check, registration_id = codes.check_cancel_token(token)
    registration = (
        Registration.objects.select_related("occurrence__event").filter(pk=registration_id).first()
        if registration_id
        else None
    )
    if registration is None:
        return render(
            request,
            "events/message.html",
            {
                "title": _("This link is not valid"),
                "message": _("Check that you copied the whole link from the email."),
            },
            status=400,
        )
    if check is codes.CodeCheck.EXPIRED or registration.occurrence.end < timezone.now():
        # too old, or the date is over: nothing to cancel by this link any more
        return render(
            request,
            "events/message.html",
            {
                "title": _("This link has expired"),
                "message": _(
                    "A cancellation link works until the date has taken place, and for at "
                    "most %(days)s days. If you still need to change your registration for "
                    "%(event)s, contact the organiser."
                )
                % {
                    "days": events_settings.CANCEL_LINK_MAX_AGE_DAYS,
                    "event": registration.occurrence.event.title,
                },
            },
            status=410,
        )
    if registration.status == Registration.Status.CANCELLED:
        return render(
            request,
            "events/message.html",
            {
                "title": _("Already cancelled"),
                "message": _("This registration was already cancelled. You need do nothing more."),
            },
            status=410,
        )
    form = CancelForm(request.POST or None)
    refusal = CANCEL_GUARD.check(request)
    if refusal is not None:
        return render(
            request,
            "events/cancel.html",
            {"registration": registration, "form": form, "error": refusal.message},
            status=refusal.status,
        )
    if request.method == "POST":
        try:
            registration.cancel()
        except RegistrationError as exc:
            return render(
                request,
                "events/message.html",
                {"title": _("Could not cancel"), "message": exc.message},
                status=409,
            )
        return render(
            request,
            "events/message.html",
            {
                "title": _("Your registration is cancelled"),
                "message": _(
                    "Thank you for telling us. Your place goes to the next person on the waitlist."
                ),
                "event": registration.occurrence.event,
            },
        )
    return render(request, "events/cancel.html", {"registration": registration, "form": form})


def _organisations_of(user):
    from associations.models import Organisation

    return Organisation.objects.approved().represented_by(user).distinct()


@login_required
def delegates(request, pk):
    """A representative registers several delegates of their organisation at once."""
    occurrence = _public_occurrence(pk)
    organisations = _organisations_of(request.user)
    if not organisations.exists():
        raise Http404
    form = DelegatesForm(request.POST or None, organisations=organisations)
    formset = DelegateFormSet(request.POST or None, prefix="delegates")
    error = None
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        people = [f.cleaned_data for f in formset if f.cleaned_data.get("name")]
        organisation = form.cleaned_data["organisation"]
        key = form.cleaned_data["idempotency_key"]
        if not people:
            error = _("Give at least one delegate.")
        else:
            try:
                with transaction.atomic():  # all delegates or none
                    results = [
                        occurrence.register(
                            name=person["name"],
                            email=person["email"],
                            phone=person["phone"],
                            organisation=organisation,
                            registered_by=request.user,
                            language=translation.get_language(),
                            idempotency_key=f"{key}-{index}" if key else "",
                        )
                        for index, person in enumerate(people)
                    ]
            except RegistrationError as exc:
                error = exc.message
            else:
                confirmed = sum(r.status == Registration.Status.CONFIRMED for r, _c in results)
                messages.success(
                    request,
                    _("%(n)s delegates registered, %(c)s with a confirmed seat.")
                    % {"n": len(results), "c": confirmed},
                )
                return redirect("events:date", pk=occurrence.pk)
    return render(
        request,
        "events/delegates.html",
        {
            "occurrence": occurrence,
            "event": occurrence.event,
            "form": form,
            "formset": formset,
            "error": error,
            "registered": occurrence.registrations.active()
            .filter(organisation__in=organisations)
            .select_related("organisation"),
        },
        status=400 if error else 200,
    )


# --- Check-in ----------------------------------------------------------------------


def _checkin_rows(occurrence, query: str):
    """Registrations and enrolled programme participants, with who is present."""
    registrations = occurrence.registrations.active().order_by("name")
    participants = Participant.objects.filter(
        enrolments__programme__event_id=occurrence.event_id, enrolments__ended_on__isnull=True
    ).distinct()
    if query:
        registrations = registrations.filter(name__icontains=query)
        participants = participants.filter(
            Q(person__first_name__icontains=query) | Q(person__last_name__icontains=query)
        )
    attendance = list(occurrence.attendance.all())
    reasons = dict(
        Absence.objects.filter(occurrence=occurrence).values_list(
            "enrolment__participant_id", "reason"
        )
    )
    by_registration = {a.registration_id: a for a in attendance if a.registration_id}
    by_participant = {a.participant_id: a for a in attendance if a.participant_id}
    rows = [
        {
            "kind": "registration",
            "id": r.pk,
            "name": r.name or _("(anonymised)"),
            "people": r.people,
            "phone": r.phone,
            "detail": r.get_status_display(),
            "present": by_registration.get(r.pk),
        }
        for r in registrations
    ]
    rows += [
        {
            "kind": "participant",
            "id": p.pk,
            "name": p.name,
            "people": 1,
            "phone": p.phone,
            "detail": _("Enrolled"),
            "present": by_participant.get(p.pk),
            "absence_reason": reasons.get(p.pk),
        }
        for p in participants
    ]
    walk_ins = [a for a in attendance if a.method == Attendance.Method.WALK_IN]
    return sorted(rows, key=lambda row: row["name"].lower()), walk_ins, attendance


def checkin_staff(request, pk):
    """The staff list on a phone: search by name, tick, add walk-ins."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    occurrence = get_occurrence_for_staff(request.user, pk)
    walk_in_form = WalkInForm(request.POST if request.POST.get("action") == "walk_in" else None)
    not_yet = not occurrence.checkin_has_opened()
    if request.method == "POST":
        action = request.POST.get("action")
        if not_yet and action in ("walk_in", "tick"):
            # A date that has not come yet cannot be checked in (an absence reason can).
            messages.error(request, str(NOT_YET_MESSAGE))
            return redirect(request.get_full_path())
        if action == "absence_ahead":
            _record_absence_ahead(request, occurrence)
            return redirect(request.get_full_path())
        if action == "walk_in" and walk_in_form.is_valid():
            Attendance.objects.create(
                occurrence=occurrence,
                name=walk_in_form.cleaned_data["name"],
                people=walk_in_form.cleaned_data["people"],
                method=Attendance.Method.WALK_IN,
                checked_in_by=request.user,
            )
            messages.success(request, _("Walk-in added."))
            return redirect(request.get_full_path())
        if action in ("tick", "untick"):
            kind, object_id = request.POST.get("kind"), parse_id(request.POST.get("id"))
            if kind not in ("registration", "participant") or object_id is None:
                raise Http404
            if action == "tick":
                if kind == "registration":
                    registration = get_object_or_404(
                        occurrence.registrations.active(), pk=object_id
                    )
                    occurrence_check_in(
                        occurrence,
                        registration=registration,
                        user=registration.user,
                        name=registration.name,
                        people=registration.people,
                        method=Attendance.Method.STAFF,
                        by=request.user,
                    )
                else:
                    participant = get_object_or_404(Participant, pk=object_id)
                    occurrence_check_in(
                        occurrence,
                        participant=participant,
                        user=participant.user,
                        name=participant.name,
                        method=Attendance.Method.STAFF,
                        by=request.user,
                    )
            else:
                occurrence.attendance.filter(**{f"{kind}_id": object_id}).delete()
            return redirect(request.get_full_path())
    query = request.GET.get("q", "").strip()
    rows, walk_ins, attendance = _checkin_rows(occurrence, query)
    return render(
        request,
        "events/checkin_staff.html",
        {
            "occurrence": occurrence,
            "event": occurrence.event,
            "rows": rows,
            "walk_ins": walk_ins,
            "present_count": sum(a.people for a in attendance),
            "query": query,
            "walk_in_form": walk_in_form,
            "not_yet": not_yet,
            "not_yet_message": NOT_YET_MESSAGE,
            "reason_choices": _reason_choices(occurrence) if not_yet else [],
        },
    )


def _reason_choices(occurrence):
    programme = occurrence.event.programmes.order_by("pk").first()
    if programme is None:
        return []
    return programme.reason_choices()


def _record_absence_ahead(request, occurrence):
    """Staff record why an enrolled participant will be away from a coming date;
    the absence rule then finds the reason already there."""
    participant_id = parse_id(request.POST.get("id"))
    enrolment = (
        Enrolment.objects.active()
        .select_related("programme")
        .filter(programme__event_id=occurrence.event_id, participant_id=participant_id)
        .first()
    )
    if enrolment is None:
        raise Http404
    reason = request.POST.get("reason", "")
    if reason not in dict(enrolment.programme.reason_choices()) or reason == "none":
        messages.error(request, _("Choose a reason."))
        return
    Absence.objects.update_or_create(
        enrolment=enrolment,
        occurrence=occurrence,
        defaults={"reason": reason, "note": request.POST.get("note", "")[:200]},
    )
    messages.success(
        request,
        _("Absence recorded for %(name)s.") % {"name": enrolment.participant.name},
    )


def occurrence_check_in(
    occurrence,
    *,
    method,
    registration=None,
    participant=None,
    user=None,
    name="",
    people=1,
    by=None,
    now=None,
):
    """Record one person present; returns (attendance, created). A second
    check-in of the same person returns the first record. A date that has not
    come yet raises CheckInNotOpen."""
    now = now or timezone.now()
    if not occurrence.checkin_has_opened(now):
        raise CheckInNotOpen(NOT_YET_MESSAGE)
    if user is not None and participant is None:
        participant = Participant.objects.filter(
            person__user=user, enrolments__programme__event_id=occurrence.event_id
        ).first()
    if user is not None and registration is None:
        registration = occurrence.registrations.active().filter(user=user).first()
    match = Q(pk__in=[])
    for field, value in (
        ("registration", registration),
        ("participant", participant),
        ("user", user),
    ):
        if value is not None:
            match |= Q(**{field: value})
    existing = occurrence.attendance.filter(match).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return (
                Attendance.objects.create(
                    occurrence=occurrence,
                    registration=registration,
                    participant=participant,
                    user=user,
                    name=name or (participant.name if participant else ""),
                    people=people,
                    method=method,
                    checked_in_at=now,
                    checked_in_by=by,
                ),
                True,
            )
    except IntegrityError:
        return occurrence.attendance.filter(match).first(), False


def checkin_code(request, pk):
    """The screen shown at the meeting place: a code and a QR code that change
    every few minutes (the page reloads itself without JavaScript)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    occurrence = get_occurrence_for_staff(request.user, pk)
    code = codes.checkin_code(occurrence.pk)
    url = request.build_absolute_uri(
        reverse("events:self_checkin") + f"?date={occurrence.pk}&code={code}"
    )
    return render(
        request,
        "events/checkin_code.html",
        {
            "occurrence": occurrence,
            "event": occurrence.event,
            "code": code,
            "qr_svg": qr_svg(url),
            "checkin_url": url,
            "refresh": codes.seconds_left() + 1,
            # A screen at the meeting place reloads itself (script); a person's
            # page never does (WCAG 2.2.1), it offers a button.
            "kiosk": request.GET.get("kiosk") == "1",
        },
    )


def qr_svg(data: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def _open_for_checkin(now):
    return EventOccurrence.objects.open_for_checkin(now)


@login_required
def self_checkin(request):
    """A participant enters (or scans) the code shown at the meeting place."""
    now = timezone.now()
    initial = {"code": request.GET.get("code", ""), "date": request.GET.get("date")}
    form = CheckInCodeForm(request.POST or None, initial=initial)
    error = None
    status = 200
    if request.method == "POST":
        refusal = CHECKIN_GUARD.check(request)
        if refusal is not None:
            error, status = refusal.message, refusal.status
        elif form.is_valid():
            candidates = _open_for_checkin(now).select_related("event")
            if form.cleaned_data.get("date"):
                candidates = candidates.filter(pk=form.cleaned_data["date"])
            results = [
                (
                    occurrence,
                    codes.check_checkin_code(occurrence.pk, form.cleaned_data["code"], now),
                )
                for occurrence in candidates
            ]
            valid = [occ for occ, result in results if result is codes.CodeCheck.VALID]
            if valid:
                occurrence = valid[0]
                _attendance, created = occurrence_check_in(
                    occurrence,
                    user=request.user,
                    name=request.user.get_full_name() or request.user.email,
                    method=Attendance.Method.SELF,
                    now=now,
                )
                if created:
                    messages.success(
                        request,
                        _("Welcome! You are checked in to %(event)s.")
                        % {"event": occurrence.event.title},
                    )
                else:
                    messages.info(request, _("You were already checked in. Welcome!"))
                return redirect("events:checked_in", pk=occurrence.pk)
            if any(result is codes.CodeCheck.EXPIRED for _occ, result in results):
                error = _("This code has expired. Enter the code shown on the screen now.")
            else:
                error = _("This code is not valid. Check the numbers on the screen and try again.")
            status = 400
        else:
            status = 400
    return render(
        request, "events/self_checkin.html", {"form": form, "error": error}, status=status
    )


@login_required
def checked_in(request, pk):
    attendance = get_object_or_404(
        Attendance.objects.select_related("occurrence__event"), occurrence_id=pk, user=request.user
    )
    return render(request, "events/checked_in.html", {"attendance": attendance})


# --- Programmes and feedback ----------------------------------------------------------


def certificate(request, pk):
    """The participant's certificate: hours towards the legal minimum and the course's goal,
    hours per civic-orientation topic, the sessions; printable or saved as PDF."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    enrolment = get_enrolment_for(request.user, pk)
    progress = progress_of(enrolment)
    return render(
        request,
        "events/certificate.html",
        {
            "enrolment": enrolment,
            "programme": enrolment.programme,
            "participant": enrolment.participant,
            "progress": progress,
            "sessions": progress.sessions,
            "hours": progress.hours,
            "topics": [t for t in progress.topics if t[2]],
            "issued_on": timezone.localdate(),
        },
    )


def _feedback_target(token):
    """(event, occurrence, programme, registration, enrolment) for a survey link."""
    read = codes.read_feedback_token(token)
    if read is None:
        return None
    kind, object_id = read
    if kind == "r":
        registration = (
            Registration.objects.select_related("occurrence__event").filter(pk=object_id).first()
        )
        if registration is None:
            return None
        occurrence = registration.occurrence
        return occurrence.event, occurrence, None, registration, None
    if kind == "o":
        occurrence = EventOccurrence.objects.select_related("event").filter(pk=object_id).first()
        return (occurrence.event, occurrence, None, None, None) if occurrence else None
    enrolment = Enrolment.objects.select_related("programme__event").filter(pk=object_id).first()
    if enrolment is None:
        return None
    return enrolment.programme.event, None, enrolment.programme, None, enrolment


def _feedback_limit(occurrence, registration, enrolment) -> dict:
    """How the survey's posts are counted: per link, so the participants of a course
    answering their own links from one school connection are not stopped by each other; a
    date's open link (shown in the room) may be answered from one connection by as many as
    the date has places or people present."""
    if registration is not None:
        return {"per": f"r{registration.pk}"}
    if enrolment is not None:
        return {"per": f"e{enrolment.pk}"}
    present = occurrence.attendance.aggregate(n=Coalesce(Sum("people"), 0))["n"]
    places = occurrence.effective_capacity or 0
    return {
        "per": f"o{occurrence.pk}",
        "at_least": max(present, places, occurrence.confirmed_seats()),
    }


def feedback(request, token):
    """The survey. The answer is stored apart from who gave it; the registration or
    enrolment gets only a receipt, so that nobody is asked twice (events/surveys.py)."""
    target = _feedback_target(token)
    if target is None:
        return render(
            request,
            "events/message.html",
            {
                "title": _("This link is not valid"),
                "message": _("Check that you copied the whole link."),
            },
            status=400,
        )
    event, occurrence, programme, registration, enrolment = target
    already = {
        "title": _("Thank you"),
        "message": _("We already have your answers. Thank you!"),
    }
    answerer = Q(registration=registration) if registration else Q(enrolment=enrolment)
    if (registration or enrolment) and SurveyReceipt.objects.filter(answerer).exists():
        return render(request, "events/message.html", already)
    form = FeedbackForm(request.POST or None)
    error = None
    status = 200
    if request.method == "POST":
        refusal = FEEDBACK_GUARD.check(
            request, **_feedback_limit(occurrence, registration, enrolment)
        )
        if refusal is not None:
            error, status = refusal.message, refusal.status
        elif form.is_valid():
            data = form.cleaned_data
            try:
                FeedbackResponse.objects.answer(
                    satisfaction=data["satisfaction"],
                    job_knowledge=data["job_knowledge"],
                    comment=data["comment"],
                    registration=registration,
                    enrolment=enrolment,
                    occurrence=occurrence,
                )
            except AlreadyAnswered:
                # A double submit, or a second tab: the first answer stands.
                return render(request, "events/message.html", already)
            return render(
                request,
                "events/message.html",
                {
                    "title": _("Thank you"),
                    "message": _("Your answers help us make the next one better."),
                },
            )
        else:
            status = 400
    return render(
        request,
        "events/feedback.html",
        {
            "form": form,
            "event": event,
            "occurrence": occurrence,
            "programme": programme,
            "error": error,
        },
        status=status,
    )
