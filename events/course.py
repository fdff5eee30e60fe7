"""The civic-orientation course (samhällsorientering): topics, hours and employers met.

Each session (an `EventOccurrence` of the programme's event) covers one or more of the
eight topics the regulation lists; its hours are shared equally between them. A
participant's hours are those of the sessions they attended; they count towards the legal
minimum (`LEGAL_MINIMUM_HOURS`, for civic-orientation courses) and towards the course's own
goal (`Programme.hours_goal`, Trelleborg gives 200). Organisations taking part in a
session (`EventOccurrence.organisations`) are met by everyone who attended it; companies
count as employer contacts.

`course_progress` computes all of this for any number of enrolments in two queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

LEGAL_MINIMUM_HOURS = 100


class Topic(models.TextChoices):
    """The eight topics of civic orientation (förordning 2010:1138, 7 §)."""

    COMING_TO_SWEDEN = "coming", _("Coming to Sweden")
    LIVING_IN_SWEDEN = "living", _("Living in Sweden")
    SUPPORTING_YOURSELF = "supporting", _("Supporting yourself and developing in Sweden")
    RIGHTS_AND_OBLIGATIONS = "rights", _("The individual's rights and obligations")
    FAMILY_AND_CHILDREN = "family", _("Forming a family and living with children in Sweden")
    INFLUENCING = "influencing", _("Influencing in Sweden")
    HEALTH = "health", _("Looking after your health in Sweden")
    AGEING = "ageing", _("Ageing in Sweden")


EMPLOYER_KINDS = ("company",)


def _percent(hours: float, goal: int | None) -> int | None:
    if not goal:
        return None
    return min(100, int(hours * 100 / goal))


@dataclass
class Progress:
    """One participant's course: hours, hours per topic, organisations met."""

    legal_minimum: int | None
    goal: int | None
    minutes: float = 0
    topic_minutes: dict[str, float] = field(default_factory=dict)
    sessions: list = field(default_factory=list)  # (occurrence id, start, end)
    employers: set[str] = field(default_factory=set)
    employer_contacts: int = 0
    organisations: set[str] = field(default_factory=set)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def legal_percent(self) -> int | None:
        return _percent(self.hours, self.legal_minimum)

    @property
    def goal_percent(self) -> int | None:
        return _percent(self.hours, self.goal)

    @property
    def reached_legal_minimum(self) -> bool:
        return bool(self.legal_minimum) and self.hours >= self.legal_minimum

    @property
    def reached_goal(self) -> bool:
        return bool(self.goal) and self.hours >= self.goal

    @property
    def topics(self) -> list[tuple[str, str, float]]:
        """(code, label, hours) for every topic, in the regulation's order."""
        return [
            (code, str(label), round(self.topic_minutes.get(code, 0) / 60, 1))
            for code, label in Topic.choices
        ]

    @property
    def employer_names(self) -> list[str]:
        return sorted(self.employers)


def goals(programme) -> tuple[int | None, int | None]:
    """(legal minimum, course goal) for a programme: the minimum only for civic orientation."""
    legal = LEGAL_MINIMUM_HOURS if programme.kind == programme.Kind.CIVIC_ORIENTATION else None
    return legal, programme.hours_goal or None


def session_organisations(event_id) -> dict[int, list[tuple[str, str]]]:
    """Per session of the event: (name, kind) of the organisations taking part. One query."""
    from .models import EventOccurrence

    through = EventOccurrence.organisations.through
    found: dict[int, list] = {}
    for occurrence_id, name, kind in through.objects.filter(
        eventoccurrence__event_id=event_id
    ).values_list("eventoccurrence_id", "organisation__name", "organisation__kind"):
        found.setdefault(occurrence_id, []).append((name, kind))
    return found


def course_progress(programme, enrolments) -> dict[int, Progress]:
    """Progress per enrolment id, for any number of enrolments: two queries."""
    from .models import Attendance

    legal, goal = goals(programme)
    by_participant = {e.participant_id: e.pk for e in enrolments}
    progress = {e.pk: Progress(legal, goal) for e in enrolments}
    if not by_participant:
        return progress
    organisations = session_organisations(programme.event_id)
    rows = (
        Attendance.objects.filter(
            occurrence__event_id=programme.event_id, participant_id__in=list(by_participant)
        )
        .order_by("occurrence__start")
        .values_list(
            "participant_id",
            "occurrence_id",
            "occurrence__start",
            "occurrence__end",
            "occurrence__topics",
        )
    )
    for participant_id, occurrence_id, start, end, topics in rows:
        p = progress[by_participant[participant_id]]
        minutes = (end - start).total_seconds() / 60
        p.minutes += minutes
        p.sessions.append((occurrence_id, start, end))
        topics = [t for t in (topics or []) if t in Topic.values]
        for topic in topics:
            p.topic_minutes[topic] = p.topic_minutes.get(topic, 0) + minutes / len(topics)
        for name, kind in organisations.get(occurrence_id, ()):
            p.organisations.add(name)
            if kind in EMPLOYER_KINDS:
                p.employers.add(name)
                p.employer_contacts += 1
    return progress


def progress_of(enrolment) -> Progress:
    return course_progress(enrolment.programme, [enrolment])[enrolment.pk]
