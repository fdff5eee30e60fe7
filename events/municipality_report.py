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

from samverka.people.municipalities import (
    Breakdown,
    MunicipalityFilter,
    breakdown,
    municipality_ids_for,
    programme_municipality_ids,
    scope,
)

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
    survey = survey_by_municipality(
        programme, user, municipality=municipality, small_group=small_group
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


def survey_by_municipality(programme, user, *, municipality=None, small_group: int = 0):
    """The course's anonymous survey answers per home municipality. An answer carries its
    home municipality only as a coarse group (`events.surveys`: stored where at least five
    of the course's participants share it), never who gave it; a coordinator of a sending
    municipality sees only the answers of its residents, the organiser's all of them. Two
    queries."""
    from samverka.people.models import Municipality

    answers = FeedbackResponse.objects.filter(programme=programme)
    own = municipality_ids_for(user)
    if own is not None and programme.organising_municipality_id not in own:
        # Not the organiser's coordinator (who sees every answer, as every enrolment):
        # only the answers of the user's own residents.
        answers = answers.filter(groups__municipality__in=[str(pk) for pk in own])
    if municipality is not None:
        answers = answers.filter(
            groups__municipality=str(getattr(municipality, "pk", municipality))
        )
    aggregates = {
        "answers": Count("id"),
        "average": Avg("satisfaction"),
        "very_satisfied": Count("id", filter=Q(satisfaction=5)),
    }
    names = dict(Municipality.objects.values_list("pk", "name"))
    rows = Breakdown()
    for group in answers.order_by().values("groups__municipality").annotate(**aggregates):
        key = group.pop("groups__municipality")
        municipality_id = int(key) if key else None
        row = {"municipality_id": municipality_id, "name": names.get(municipality_id, "")}
        row.update(group)
        row["hidden"] = bool(small_group and 0 < row["answers"] < small_group)
        if row["hidden"]:
            rows.suppressed += 1
            for name in aggregates:
                row[name] = None
        rows.append(row)
    rows.sort(key=lambda r: r["name"])
    rows.total = answers.order_by().aggregate(**aggregates)
    return rows


def programme_municipalities(request, pk):
    if not request.user.has_perm("events.view_enrolment"):
        raise PermissionDenied
    programme = get_programme_for(request.user, pk)  # 404 for another municipality's course
    # the municipalities whose residents the user sees in the course: 404 for any other
    chosen = MunicipalityFilter(request, programme_municipality_ids(request.user, programme))
    figures = programme_by_municipality(programme, request.user, municipality=chosen.selected)
    return TemplateResponse(
        request,
        "events/admin/programme_municipalities.html",
        {"programme": programme, "municipality_filter": chosen, **figures},
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [path("<int:pk>/", programme_municipalities, name="programme")]
    return [path("events/municipalities/", include((urls, "events_municipalities")))]


def answers_for(user, answers=None):
    """The survey answers `user` may count: answers about public events (they belong to no
    municipality), every answer about a course their municipalities organise, and about a
    course their municipalities send participants to only their own residents' answers (an
    answer carries the home municipality only as a coarse group, see `events.surveys`).
    No query of its own: the user's municipalities are read inside the statement."""
    from django.db.models import CharField
    from django.db.models.fields.json import KT
    from django.db.models.functions import Cast

    from samverka.people.municipalities import Municipality, municipalities_for

    from .access import programmes_for
    from .models import Programme

    answers = FeedbackResponse.objects.all() if answers is None else answers
    visible = programmes_for(user).values("pk")
    own = municipalities_for(user)
    if own is None:
        return answers.filter(Q(programme__isnull=True) | Q(programme__in=visible))
    organised = scope(Programme.objects.all(), user, ("organising_municipality",))
    # the answer's home municipality is stored as text: compare it with the ids as text
    own_keys = (
        Municipality.objects.filter(pk__in=own).annotate(key=Cast("pk", CharField())).values("key")
    )
    return answers.alias(home_key=KT("groups__municipality")).filter(
        Q(programme__isnull=True)
        | Q(programme__in=organised.values("pk"))
        | Q(programme__in=visible, home_key__in=own_keys)
    )
