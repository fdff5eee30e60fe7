"""The coordinators' survey results and course reports (registered in wagtail_hooks.py):
shown as tables and bars, downloaded as CSV or Excel (each download logged)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from samverka.core.audit import log_export
from samverka.people.municipalities import (
    MunicipalityFilter,
    programme_municipality_ids,
)

from .access import programmes_for
from .forms import SurveyFilterForm
from .municipality_report import answers_for
from .notifications import send_course_survey
from .reports import survey_results, survey_tables, to_csv, to_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(request, tables, *, model, listing: str, filename: str, count: int):
    """The tables as CSV or Excel when the query asks for it (?format=csv|xlsx), else None."""
    export_format = request.GET.get("format")
    if export_format not in ("csv", "xlsx"):
        return None
    params = request.GET.copy()
    params.pop("format", None)
    log_export(
        model,
        request.user,
        listing=listing,
        export_format=export_format,
        count=count,
        filters=params.urlencode(),
    )
    stamp = timezone.localdate().isoformat()
    if export_format == "csv":
        response = HttpResponse(to_csv(tables), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(tables), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{export_format}"'
    return response


def _municipality_labels(user) -> dict:
    """{id as text: name} of the municipalities `user` sees, ordered by name."""
    from samverka.people.municipalities import Municipality, scope

    municipalities = scope(Municipality.objects.order_by("name"), user, ("pk",))
    return {str(pk): name for pk, name in municipalities.values_list("pk", "name")}


def survey_report(request):
    """Survey results by kind of event, event or programme and group, filtered by period,
    programme and group; small groups show no figures."""
    from django.utils.translation import gettext as _

    from .models import FeedbackResponse

    if not request.user.has_perm("events.view_feedbackresponse"):
        raise PermissionDenied
    # The home-municipality filter offers the municipalities the user sees (one query, as
    # the form's list of every municipality cost before); another one is refused by the form
    # (its filters are then not applied, and scoping still holds).
    form = SurveyFilterForm(request.GET or None, municipalities=_municipality_labels(request.user))
    # and the programmes to choose from are those the user sees (no query of its own)
    form.fields["programme"].queryset = programmes_for(request.user).order_by("name")
    # Answers about public events belong to no municipality; a course's answers are seen
    # by its organiser's coordinators, and by a sending municipality's for its residents.
    answers = answers_for(request.user)
    results = survey_results(form.filters(), answers)
    tables = survey_tables(results)
    response = download(
        request,
        tables,
        model=FeedbackResponse,
        listing=_("Survey results"),
        filename="survey-results",
        count=sum(r.total["count"] for r in results),
    )
    if response is not None:
        return response
    query = request.GET.copy()
    query.pop("format", None)
    return TemplateResponse(
        request,
        "events/admin/feedback.html",
        {"form": form, "results": results, "query": query.urlencode()},
    )


def course_report_view(request, pk):
    """A course's report: hours towards 100 and the course's goal per participant, topics,
    employers met, by group, and the course's anonymous survey results."""
    from django.utils.translation import gettext as _

    from samverka.people.municipalities import organises

    from .access import enrolments_for, get_programme_for
    from .reports import course_report, course_tables

    if not request.user.has_perm("events.view_enrolment"):
        raise PermissionDenied
    # A programme the coordinator's municipalities organise or send participants to (404
    # otherwise); a sending municipality's coordinator sees only its own residents.
    programme = get_programme_for(request.user, pk)
    if request.method == "POST" and request.POST.get("action") == "send_survey":
        if not request.user.has_perm("events.change_enrolment"):
            raise PermissionDenied
        if not organises(request.user, programme):
            raise PermissionDenied  # a sending municipality does not survey the course
        sent, without = send_course_survey(programme)
        messages.success(
            request,
            _(
                "Survey sent to %(sent)s participants in their language; %(without)s have "
                "neither email nor a mobile number and need the link from their page or in class."
            )
            % {"sent": sent, "without": without},
        )
        return redirect("events_admin:course_report", pk=programme.pk)
    # the filter: the municipalities whose residents the user sees in the course (404 else)
    chosen = MunicipalityFilter(request, programme_municipality_ids(request.user, programme))
    enrolments = enrolments_for(request.user, programme)
    answers = answers_for(request.user)
    if chosen.selected is not None:
        enrolments = enrolments.filter(participant__person__home_municipality=chosen.selected)
        answers = answers.in_group("municipality", str(chosen.selected))
    report = course_report(programme, enrolments=enrolments, answers=answers)
    response = download(
        request,
        course_tables(report) if request.GET.get("format") else [],
        model=type(programme),
        listing=_("Course report: %(name)s") % {"name": programme.name},
        filename=f"course-{programme.pk}",
        count=len(report.rows),
    )
    if response is not None:
        return response
    return TemplateResponse(
        request,
        "events/admin/course_report.html",
        {
            "programme": programme,
            "report": report,
            "municipality_filter": chosen,
            "organises": organises(request.user, programme),
        },
    )
