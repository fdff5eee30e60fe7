"""A course's figures per home municipality: hours attended, people and survey answers,
for the organiser (every participant, with a row per home municipality, so Trelleborg can
report Svedala's participants back to Svedala) and for an accepted municipality's coordinator
(their own residents only). Built on `samverka.people.municipalities.breakdown`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.template.response import TemplateResponse
from django.urls import include, path
from wagtail import hooks

from samverka.people.municipalities import breakdown, scope

from .access import ENROLMENT_SCOPE, get_programme_for
from .models import Attendance, FeedbackResponse

HOME = "participant__person__home_municipality"


def _hours(duration) -> float:
    return round(duration.total_seconds() / 3600, 1) if duration else 0.0


def programme_by_municipality(programme, user, *, municipality=None, small_group: int = 0):
    """{"hours": rows, "survey": rows}: attendance hours and people, and survey answers,
    per home municipality, limited to the enrolments `user` may see."""
    visible = scope(programme.enrolments.all(), user, ENROLMENT_SCOPE)
    attendance = Attendance.objects.filter(
        occurrence__event_id=programme.event_id,
        participant_id__in=visible.values("participant_id"),
    )
    hours = breakdown(
        attendance,
        HOME,
        municipality=municipality,
        small_group=small_group,
        people=Count("participant", distinct=True),
        sessions=Count("id"),
        duration=Sum(
            ExpressionWrapper(F("occurrence__end") - F("occurrence__start"), DurationField())
        ),
    )
    for row in [*hours, hours.total]:
        row["hours"] = None if row.get("hidden") else _hours(row.get("duration"))
    survey = breakdown(
        FeedbackResponse.objects.filter(enrolment__in=visible),
        f"enrolment__{HOME}",
        municipality=municipality,
        small_group=small_group,
        answers=Count("id"),
        average=Avg("satisfaction"),
        very_satisfied=Count("id", filter=Q(satisfaction=5)),
    )
    for row in [*survey, survey.total]:
        answers = row.get("answers") or 0
        row["very_satisfied_percent"] = (
            round(100 * row["very_satisfied"] / answers)
            if answers and not row.get("hidden")
            else None
        )
        if row.get("average") is not None:
            row["average"] = round(row["average"], 1)
    return {"hours": hours, "survey": survey}


def programme_municipalities(request, pk):
    if not request.user.has_perm("events.view_enrolment"):
        raise PermissionDenied
    programme = get_programme_for(request.user, pk)  # 404 for another municipality's course
    figures = programme_by_municipality(programme, request.user)
    return TemplateResponse(
        request,
        "events/admin/programme_municipalities.html",
        {"programme": programme, **figures},
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [path("<int:pk>/", programme_municipalities, name="programme")]
    return [path("events/municipalities/", include((urls, "events_municipalities")))]
