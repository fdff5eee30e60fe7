"""Attendance per slot and week, and absence flags with their decisions: the
figures a Jobbhörnet coordinator reports.

Breakdowns are a list of dimensions (`DIMENSIONS`): each names a path from the
enrolment to a value and how to label it. A new dimension (home municipality)
is one more entry; the report, its CSV/Excel and its chart follow.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Absence, AbsenceFlag, Attendance, ProgrammeSchedule


@dataclass(frozen=True)
class Dimension:
    name: str
    label: str
    path: str  # from Enrolment
    choices: dict = field(default_factory=dict)

    def display(self, value) -> str:
        if value in (None, ""):
            return str(_("Not recorded"))
        return str(self.choices.get(value, value))


def _dimensions() -> dict[str, Dimension]:
    from samverka.people.models import Gender

    return {
        "gender": Dimension(
            "gender", _("Gender"), "participant__person__gender", dict(Gender.choices)
        ),
        "municipality": Dimension(
            "municipality",
            _("Home municipality"),
            "participant__person__home_municipality__name",
            {},
        ),
    }


DIMENSION_NAMES = ["gender", "municipality"]


def dimension(name) -> Dimension:
    return _dimensions()[name]


@dataclass
class Row:
    slot: str
    week: str
    groups: tuple = ()
    sessions: int = 0
    expected: int = 0
    attended: int = 0
    excused: int = 0
    absent: int = 0
    paused: int = 0

    @property
    def rate(self) -> int | None:
        return round(100 * self.attended / self.expected) if self.expected else None


def visible_enrolments(user, programme, municipality=None):
    """The programme's enrolments `user` sees (the organiser's coordinators all of them, a
    sending municipality's its own residents, see `events.access.enrolments_for`), of the
    residents of `municipality` (an id) when given: the municipality filter."""
    from .access import enrolments_for

    enrolments = enrolments_for(user, programme)
    if municipality is not None:
        enrolments = enrolments.filter(participant__person__home_municipality=municipality)
    return enrolments


def attendance_by_slot_and_week(programme, dimensions=(), now=None, enrolments=None) -> list[Row]:
    """One row per slot, ISO week (and breakdown group) of ended sessions: who
    was expected (booked, enrolled, not paused), came, was excused or absent.
    `enrolments` narrows who is counted (`visible_enrolments`); by default everyone.
    A fixed number of queries whatever the size."""
    now = now or timezone.now()
    dims = [dimension(name) for name in dimensions]
    sessions = list(
        programme.sessions(now).only("id", "event_id", "start", "end", "original_start")
    )
    active = programme.enrolments.active()
    if enrolments is not None:
        active = active.filter(pk__in=enrolments.values("pk"))
    schedule = ProgrammeSchedule(programme, active if enrolments is not None else None)
    slots = {slot.key: slot for slot in schedule.slots}
    groups = {}
    if dims:
        for values in active.values_list("pk", *[d.path for d in dims]):
            groups[values[0]] = tuple(d.display(v) for d, v in zip(dims, values[1:], strict=True))
    present = set(
        Attendance.objects.filter(
            occurrence__event_id=programme.event_id,
            occurrence__end__lte=now,
            participant__isnull=False,
        ).values_list("participant_id", "occurrence_id")
    )
    reasons = {
        (enrolment_id, occurrence_id): reason
        for enrolment_id, occurrence_id, reason in Absence.objects.filter(
            enrolment__programme=programme
        ).values_list("enrolment_id", "occurrence_id", "reason")
    }
    valid = programme.valid_reasons()
    by_slot = defaultdict(list)
    for enrolment in schedule.enrolments:
        for key in schedule.booked.get(enrolment.pk, ()) if slots else [None]:
            by_slot[key].append(enrolment)
    rows: dict[tuple, Row] = {}
    session_count: dict[tuple, set] = defaultdict(set)
    for session in sessions:
        day, key = ProgrammeSchedule.facts(session)
        key = key if slots else None
        label = str(slots[key]) if key in slots else str(_("All sessions"))
        if slots and key not in slots:
            continue
        year, week, _day = timezone.localtime(session.start).isocalendar()
        week_label = f"{year}-W{week:02d}"
        for enrolment in by_slot.get(key, ()):
            if day < enrolment.enrolled_on:
                continue
            group = groups.get(enrolment.pk, ())
            row_key = (label, week_label, group)
            row = rows.get(row_key)
            if row is None:
                row = rows[row_key] = Row(label, week_label, group)
            session_count[row_key].add(session.pk)
            if schedule.is_paused(enrolment, day):
                row.paused += 1
                continue
            row.expected += 1
            if (enrolment.participant_id, session.pk) in present:
                row.attended += 1
            elif reasons.get((enrolment.pk, session.pk)) in valid:
                row.excused += 1
            else:
                row.absent += 1
    for row_key, row in rows.items():
        row.sessions = len(session_count[row_key])
    order = {str(slot): n for n, slot in enumerate(schedule.slots)}
    return sorted(rows.values(), key=lambda r: (order.get(r.slot, -1), r.week, r.groups))


def header(dimensions=()) -> list[str]:
    return [
        str(_("Slot")),
        str(_("Week")),
        *[str(dimension(name).label) for name in dimensions],
        str(_("Sessions")),
        str(_("Expected")),
        str(_("Attended")),
        str(_("Excused")),
        str(_("Absent")),
        str(_("Paused")),
        str(_("Attendance %")),
    ]


def as_table(rows: list[Row]) -> list[list]:
    return [
        [
            row.slot,
            row.week,
            *row.groups,
            row.sessions,
            row.expected,
            row.attended,
            row.excused,
            row.absent,
            row.paused,
            row.rate if row.rate is not None else "",
        ]
        for row in rows
    ]


def weekly_rates(rows: list[Row]) -> list[dict]:
    """Attendance share per week (all slots together), for the chart."""
    weeks: dict[str, list[int]] = {}
    for row in rows:
        totals = weeks.setdefault(row.week, [0, 0])
        totals[0] += row.attended
        totals[1] += row.expected
    result = []
    for n, (week, (attended, expected)) in enumerate(sorted(weeks.items())):
        rate = round(100 * attended / expected) if expected else 0
        result.append(
            {
                "week": week,
                "rate": rate,
                "attended": attended,
                "expected": expected,
                "x": n * 40 + 5,  # bar positions for the admin's SVG chart
                "y": 100 - rate,
            }
        )
    return result


def flags(programme, enrolments=None):
    """The programme's absence flags; of `enrolments` only when given (who the user sees)."""
    queryset = AbsenceFlag.objects.filter(enrolment__programme=programme)
    if enrolments is not None:
        queryset = queryset.filter(enrolment__in=enrolments.values("pk"))
    return queryset.select_related(
        "enrolment__participant__person", "run_start", "decided_by"
    ).order_by("-flagged_at")


def flag_header() -> list[str]:
    return [
        str(_("Participant")),
        str(_("Flagged")),
        str(_("Absences in a row")),
        str(_("First absence")),
        str(_("Decision")),
        str(_("Note")),
        str(_("Decided by")),
        str(_("Decided")),
    ]


def flag_table(flag_rows) -> list[list]:
    def when(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    return [
        [
            flag.enrolment.participant.name,
            when(flag.flagged_at),
            flag.streak,
            when(flag.run_start.start) if flag.run_start else "",
            flag.get_decision_display(),
            flag.note,
            flag.decided_by.get_full_name() if flag.decided_by else "",
            when(flag.decided_at),
        ]
        for flag in flag_rows
    ]
