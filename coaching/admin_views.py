"""The counsellors' pages in the Wagtail admin: open a case, one page per case (contacts,
referrals, outcomes, close), one page per referral (answer it or read the answer), and the
report with its exports. Every object is loaded through `coaching.access`."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentors.internships.tables import bar_chart_svg, to_csv, to_xlsx
from samverka.core import audit

from .access import get_case_for, get_referral_for, may_see_report
from .admin_decisions import accept_referral, decline_referral, referral_page
from .forms import (
    AnswerForm,
    CaseForm,
    CaseOutcomeForm,
    CloseForm,
    ContactForm,
    ReferralForm,
    ReportForm,
    apply_errors,
)
from .models import Case, Referral
from .reports import Report


def _require_add(request):
    if not request.user.has_perm("coaching.add_case"):
        raise PermissionDenied


def new_case(request):
    _require_add(request)
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = form.open_case()
        except ValidationError as error:
            apply_errors(form, error)
        else:
            audit.log(case, "coaching.case_opened", user=request.user)
            messages.success(request, _("The case for %(name)s is open.") % {"name": case.person})
            return redirect("coaching_admin:case", pk=case.pk)
    return TemplateResponse(
        request,
        "coaching/admin/new_case.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _case_context(request, case, **forms):
    may_write = request.user.pk in case.counsellor_ids()
    contacts = list(case.contacts.select_related("author"))
    return {
        "case": case,
        "may_write": may_write,
        "may_read_notes": case.may_read_notes(request.user),
        "contacts": contacts,
        "minutes": sum(c.minutes for c in contacts),
        "referrals": list(case.referrals.select_related("from_actor", "to_actor")),
        "outcomes": list(case.outcomes.select_related("employer")),
        "contact_form": forms.get("contact_form") or ContactForm(),
        "referral_form": forms.get("referral_form") or ReferralForm(case=case),
        "outcome_form": forms.get("outcome_form") or CaseOutcomeForm(case=case),
        "close_form": forms.get("close_form") or CloseForm(),
    }


def _render_case(request, case, status=200, **forms):
    return TemplateResponse(
        request, "coaching/admin/case.html", _case_context(request, case, **forms), status=status
    )


def case_view(request, pk):
    case = get_case_for(request.user, pk)
    return _render_case(request, case)


@require_POST
def add_contact(request, pk):
    case = get_case_for(request.user, pk, write=True)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        next_contact_on = data.pop("next_contact_on")
        try:
            case.add_contact(author=request.user, next_contact_on=next_contact_on, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The contact is recorded."))
            return redirect("coaching_admin:case", pk=case.pk)
    return _render_case(request, case, status=400, contact_form=form)


@require_POST
def refer(request, pk):
    case = get_case_for(request.user, pk, write=True)
    form = ReferralForm(request.POST, case=case)
    if form.is_valid():
        try:
            referral = Referral.send(
                person=case.person,
                case=case,
                from_actor=case.actor,
                to_actor=form.cleaned_data["to_actor"],
                meeting_place=form.cleaned_data.get("meeting_place"),
                reason=form.cleaned_data["reason"],
                sent_by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            audit.log(referral, "coaching.referral_sent", user=request.user)
            messages.success(
                request,
                _("The referral to %(actor)s is sent.") % {"actor": referral.to_actor},
            )
            return redirect("coaching_admin:case", pk=case.pk)
    return _render_case(request, case, status=400, referral_form=form)


@require_POST
def record_outcome(request, pk):
    case = get_case_for(request.user, pk, write=True)
    form = CaseOutcomeForm(request.POST, case=case)
    if form.is_valid():
        outcome = form.save(commit=False)
        outcome.recorded_by = request.user
        outcome.save()
        messages.success(request, _("The outcome is recorded."))
        return redirect("coaching_admin:case", pk=case.pk)
    return _render_case(request, case, status=400, outcome_form=form)


@require_POST
def close_case(request, pk):
    case = get_case_for(request.user, pk, write=True)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            case.close(form.cleaned_data["reason"], form.cleaned_data.get("on"), by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            audit.log(case, "coaching.case_closed", user=request.user)
            messages.success(request, _("The case is closed."))
            return redirect("coaching_admin:case", pk=case.pk)
    return _render_case(request, case, status=400, close_form=form)


@require_POST
def pause_case(request, pk):
    case = get_case_for(request.user, pk, write=True)
    try:
        case.resume() if case.status == Case.Status.PAUSED else case.pause()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("coaching_admin:case", pk=case.pk)


def referral_view(request, pk):
    return referral_page(request, get_referral_for(request.user, pk))


@require_POST
def answer_referral(request, pk):
    referral = get_referral_for(request.user, pk, answer=True)
    form = AnswerForm(request.POST)
    if form.is_valid():
        action, text = form.cleaned_data["action"], form.cleaned_data["answer"]
        try:
            with transaction.atomic():
                if action == AnswerForm.Action.ACCEPT:
                    accept_referral(referral, request.user, text)
                elif action == AnswerForm.Action.DECLINE:
                    decline_referral(referral, request.user, text)
                else:
                    referral.complete(request.user, text)
                    audit.log(referral, "coaching.referral_complete", user=request.user)
                referral.receiver_notes = form.cleaned_data["receiver_notes"]
                referral.save(update_fields=["receiver_notes"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your answer is saved; the sender can read it."))
            return redirect("coaching_admin:referral", pk=referral.pk)
    return referral_page(request, referral, form=form, status=400)


def _default_period():
    today = timezone.localdate()
    # Seventeen months back to the end of this month: Eskilstuna's reporting span.
    month = today.month - 16
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1), today


def report(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    start, end = _default_period()
    data = request.GET if "start" in request.GET else None
    form = ReportForm(data, initial={"start": start, "end": end})
    if data is not None and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    from samverka.people.municipalities import MunicipalityFilter

    # the people the user coordinates; the filter: one of their municipalities (404 else)
    chosen = MunicipalityFilter(request)
    result = Report(start, end, user=request.user, municipality=chosen.selected).run()
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        query = request.GET.copy()
        query.pop("export", None)
        audit.log_export(
            Case,
            request.user,
            listing=_("Coaching report"),
            export_format=export,
            count=sum(len(table.rows) for table in result.tables),
            filters=query.urlencode(),
        )
    if export == "xlsx":
        response = HttpResponse(
            to_xlsx(result.tables, result.headline()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="coaching-report.xlsx"'
        return response
    if export == "csv":
        table = next((t for t in result.tables if t.slug == request.GET.get("table")), None)
        if table is not None:
            response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{table.slug}.csv"'
            return response
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("table", None)
    return TemplateResponse(
        request,
        "coaching/admin/report.html",
        {
            "form": form,
            "report": result,
            "municipality_filter": chosen,
            "charts": [(t, bar_chart_svg(t)) for t in result.tables],
            "query": query.urlencode(),
        },
    )
