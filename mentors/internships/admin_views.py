"""The coordinators' internship views in the Wagtail admin: place a newcomer
(with the engine's suggestions), one page per internship (mentor suggestions,
status, follow-ups, contact log, outcomes), approval of posted places, the
optimal proposal for everyone waiting, and the report with its exports."""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.models import Volunteer
from samverka.core import audit
from samverka.core.ids import parse_id

from . import matching
from .access import get_internship_for
from .forms import (
    ContactForm,
    DetailsForm,
    FollowUpForm,
    InternshipForm,
    OutcomeForm,
    ReportForm,
    StatusForm,
    apply_errors,
)
from .models import FollowUp, Internship, InternshipPlace, Outcome
from .reports import Report
from .tables import bar_chart_svg, to_csv, to_xlsx


def _require(request, codename):
    if not request.user.has_perm(f"internships.{codename}"):
        raise PermissionDenied


def _newcomer_model():
    return apps.get_model("mentors", "Newcomer")


def new_internship(request):
    """Place a newcomer: the engine's five best places for the chosen newcomer, then the form."""
    _require(request, "add_internship")
    newcomer = None
    newcomer_id = parse_id(request.GET.get("newcomer") or request.POST.get("newcomer"))
    if newcomer_id:
        newcomer = _newcomer_model().objects.filter(pk=newcomer_id).first()
    initial = {"newcomer": newcomer}
    place_id = parse_id(request.GET.get("place"))
    place = None
    if place_id:
        place = InternshipPlace.objects.filter(pk=place_id).first()
        if place is not None:
            initial.update(
                place=place,
                start_date=max(place.starts_on, timezone.localdate()),
                end_date=place.ends_on,
                hours_per_week=place.hours_per_week,
            )
    form = InternshipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        internship = form.save(coordinator=request.user)
        if internship is not None:
            messages.success(
                request,
                _("%(name)s is placed at %(place)s. Now choose an internship mentor.")
                % {"name": internship.newcomer, "place": internship.place.title},
            )
            return redirect("internships_admin:manage", pk=internship.pk)
    suggestions = matching.places_for(newcomer) if newcomer is not None else None
    return TemplateResponse(
        request,
        "internships/admin/new.html",
        {
            "form": form,
            "newcomer": newcomer,
            "suggestions": suggestions,
            "newcomers": _newcomer_model().objects.order_by("pk")[:500],
        },
        status=400 if form.errors else 200,
    )


def _manage_context(request, internship, **forms):
    follow_ups = list(internship.follow_ups.all())
    outcomes = {o.checkpoint: o for o in internship.outcomes.all()}
    due = internship.outcome_due_dates()
    return {
        "internship": internship,
        "follow_ups": follow_ups,
        "contacts": internship.contacts.select_related("author"),
        "outcome_rows": [
            (checkpoint, label, due[checkpoint], outcomes.get(checkpoint))
            for checkpoint, label in Outcome.Checkpoint.choices
        ],
        "suggestions": matching.mentors_for(internship)
        if internship.status in Internship.HOLDING
        else None,
        "contact_form": forms.get("contact_form") or ContactForm(initial={"party": "coordinator"}),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(
            internship=internship,
            initial={
                "checkpoint": next(
                    (c for c, _l in Outcome.Checkpoint.choices if c not in outcomes), "end"
                )
            },
        ),
        "status_form": forms.get("status_form") or StatusForm(),
        "details_form": forms.get("details_form") or DetailsForm(instance=internship),
    }


def manage(request, pk):
    _require(request, "view_internship")
    internship, _access = get_internship_for(request.user, pk)
    return TemplateResponse(
        request, "internships/admin/manage.html", _manage_context(request, internship)
    )


def _write(request, pk):
    _require(request, "change_internship")
    internship, _access = get_internship_for(request.user, pk, write=True)
    return internship


@require_POST
def assign_mentor(request, pk):
    internship = _write(request, pk)
    volunteer = get_object_or_404(Volunteer, pk=parse_id(request.POST.get("volunteer")))
    try:
        internship.assign_mentor(volunteer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(mentor)s is the internship mentor.") % {"mentor": volunteer.full_name},
        )
    return redirect("internships_admin:manage", pk=internship.pk)


@require_POST
def change_status(request, pk):
    internship = _write(request, pk)
    old = internship.status
    form = StatusForm(request.POST)
    if form.is_valid() and form.apply(internship):
        audit.log(
            internship,
            audit.INTERNSHIP_STATUS,
            user=request.user,
            old=old,
            new=internship.status,
        )
        messages.success(request, _("The status is now: %s") % internship.get_status_display())
        return redirect("internships_admin:manage", pk=internship.pk)
    internship.refresh_from_db()
    return TemplateResponse(
        request,
        "internships/admin/manage.html",
        _manage_context(request, internship, status_form=form),
        status=400,
    )


@require_POST
def change_details(request, pk):
    internship = _write(request, pk)
    form = DetailsForm(request.POST, instance=internship)
    if form.is_valid() and form.save() is not None:
        messages.success(request, _("The internship is saved; follow-ups not yet held are moved."))
        return redirect("internships_admin:manage", pk=internship.pk)
    return TemplateResponse(
        request,
        "internships/admin/manage.html",
        _manage_context(request, internship, details_form=form),
        status=400,
    )


@require_POST
def add_contact(request, pk):
    internship = _write(request, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        entry = form.save(commit=False)
        entry.internship = internship
        entry.author = request.user
        entry.save()
        messages.success(request, _("The contact is added to the log."))
        return redirect("internships_admin:manage", pk=internship.pk)
    return TemplateResponse(
        request,
        "internships/admin/manage.html",
        _manage_context(request, internship, contact_form=form),
        status=400,
    )


@require_POST
def record_outcome(request, pk):
    internship = _write(request, pk)
    existing = internship.outcomes.filter(checkpoint=request.POST.get("checkpoint")).first()
    form = OutcomeForm(request.POST, instance=existing, internship=internship)
    if form.is_valid():
        try:
            with transaction.atomic():
                outcome = form.save(commit=False)
                outcome.internship = internship
                outcome.recorded_by = request.user
                outcome.save()
                audit.log(
                    internship,
                    audit.INTERNSHIP_OUTCOME,
                    user=request.user,
                    checkpoint=outcome.checkpoint,
                    kind=outcome.kind,
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("internships_admin:manage", pk=internship.pk)
    return TemplateResponse(
        request,
        "internships/admin/manage.html",
        _manage_context(request, internship, outcome_form=form),
        status=400,
    )


def follow_up(request, pk, kind):
    internship = _write(request, pk)
    record = get_object_or_404(FollowUp, internship=internship, kind=kind)
    form = FollowUpForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        form.save_as(request.user)
        messages.success(request, _("The follow-up is recorded."))
        return redirect("internships_admin:manage", pk=internship.pk)
    return TemplateResponse(
        request,
        "internships/admin/follow_up.html",
        {"internship": internship, "follow_up": record, "form": form},
        status=400 if form.errors else 200,
    )


def pending_places(request):
    _require(request, "change_internshipplace")
    if request.method == "POST":
        place = get_object_or_404(
            InternshipPlace.objects.pending(), pk=parse_id(request.POST.get("place"))
        )
        if request.POST.get("decision") == "approve":
            place.approve(request.user)
            messages.success(request, _("%(title)s is approved.") % {"title": place.title})
        else:
            place.reject(request.user)
            messages.success(request, _("%(title)s is rejected.") % {"title": place.title})
        return redirect("internships_admin:pending_places")
    places = InternshipPlace.objects.pending().select_related("employer", "posted_by")
    return TemplateResponse(request, "internships/admin/pending_places.html", {"places": places})


def proposals(request):
    """One optimal assignment of everyone waiting (no internship running) to open places."""
    _require(request, "add_internship")
    waiting = list(matching.waiting_for_places())
    result = matching.propose_places(waiting)
    newcomers = {n.pk: n for n in waiting}
    places = InternshipPlace.objects.in_bulk([p.mentor_id for p in result.proposals])
    rows = [
        (newcomers[p.newcomer_id], places[p.mentor_id], p)
        for p in result.proposals
        if p.newcomer_id in newcomers and p.mentor_id in places
    ]
    return TemplateResponse(
        request,
        "internships/admin/proposals.html",
        {"rows": rows, "result": result, "waiting": len(waiting)},
    )


def _default_period():
    today = timezone.localdate()
    # Seventeen months back to the end of this month: Eskilstuna's reporting span.
    month = today.month - 16
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1), today


def report(request):
    _require(request, "view_internship")
    start, end = _default_period()
    data = request.GET if "start" in request.GET else None
    form = ReportForm(
        data, initial={"start": start, "end": end, "granularity": "month", "checkpoint": "end"}
    )
    if data is not None and form.is_valid():
        params = form.cleaned_data
    else:
        params = {"start": start, "end": end, "granularity": "month", "checkpoint": "end"}
    from samverka.people.municipalities import MunicipalityFilter

    # the residents the user coordinates; the filter: one of their municipalities (404 else)
    chosen = MunicipalityFilter(request)
    result = Report(
        params["start"],
        params["end"],
        params["granularity"],
        params["checkpoint"],
        user=request.user,
        municipality=chosen.selected,
    ).run()
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        query = request.GET.copy()
        query.pop("export", None)
        audit.log_export(
            Internship,
            request.user,
            listing=_("Internship report"),
            export_format=export,
            count=sum(len(table.rows) for table in result.tables),
            filters=query.urlencode(),
        )
    if export == "xlsx":
        response = HttpResponse(
            to_xlsx(result.tables, result.headline()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="internship-report.xlsx"'
        return response
    if export == "csv":
        slug = request.GET.get("table", "")
        table = next((t for t in result.tables if t.slug == slug), None)
        if table is not None:
            response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{table.slug}.csv"'
            return response
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("table", None)
    return TemplateResponse(
        request,
        "internships/admin/report.html",
        {
            "form": form,
            "report": result,
            "municipality_filter": chosen,
            "charts": [(t, bar_chart_svg(t)) for t in result.tables],
            "query": query.urlencode(),
        },
    )
