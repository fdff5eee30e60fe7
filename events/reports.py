"""Reports on surveys and civic-orientation courses, as tables that can be shown, drawn as
bars (inline SVG, no scripts) and downloaded as CSV or Excel.

Survey results never show a group of fewer than `MIN_GROUP` answers, and never in a way
that lets one be worked out from the others (`protect`). Different kinds of event are
never added together: a job fair and a course are reported apart.

Every report runs a fixed number of queries whatever the number of answers or participants
(pinned in tests/events/test_feedback_report.py and test_course_report.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from django.db.models import F
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _

from .surveys import DIMENSIONS, MIN_GROUP, SUMMARY_AGGREGATES, Dimension, summarise

# --- Tables -------------------------------------------------------------------------------


@dataclass
class Table:
    """A titled table of already formatted cells (numbers stay numbers for Excel)."""

    slug: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)


def _safe_cell(value):
    # A text cell starting with =, +, - or @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def to_csv(tables: Sequence[Table]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for n, table in enumerate(tables):
        if n:
            writer.writerow([])
        writer.writerow([_safe_cell(table.title)])
        writer.writerow([_safe_cell(v) for v in table.header])
        for row in table.rows:
            writer.writerow([_safe_cell(v) for v in row])
    # BOM: Excel in a Swedish locale opens UTF-8 CSV correctly only with it.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(tables: Sequence[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in tables:
        name = table.slug[:31]
        while name in used:
            name = name[:28] + f"-{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append([_safe_cell(table.title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([_safe_cell(v) for v in table.header])
        for row in table.rows:
            sheet.append([_safe_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Colour-blind-safe (Okabe–Ito), dark enough for contrast on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#7A5C00"]


def bars_svg(
    slug: str, title: str, bars: Sequence[tuple[str, float | None]], *, peak=100.0, unit="%"
):
    """Horizontal bars as an accessible SVG (role="img" with a title; the table beside it
    carries the figures). A bar with no value (a suppressed group) is drawn as a dash."""
    row, label_width, bar_width = 26, 190, 300
    height = row * len(bars) + 10
    width = label_width + bar_width + 70
    peak = peak or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="chart-{escape(slug)}">',
        f'<title id="chart-{escape(slug)}">{escape(title)}</title>',
    ]
    for n, (label, value) in enumerate(bars):
        y = 5 + n * row
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" font-size="12">'
            f"{escape(_short(label))}</text>"
        )
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 16}" font-size="12">–</text>')
            continue
        w = round(bar_width * min(value, peak) / peak)
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{w}" height="{row - 8}" '
            f'fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(label)}: {value:g} {unit}'
            f"</title></rect>"
            f'<text x="{label_width + w + 6}" y="{y + 16}" font-size="12">{value:g} {unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# --- Small groups -------------------------------------------------------------------------


def protect(cells: list[dict]) -> list[dict]:
    """Suppress the figures of every cell (a `summarise` dict) with fewer than MIN_GROUP
    answers, and then of the next smallest cells until the suppressed ones together hold
    MIN_GROUP answers or more: otherwise the total minus the cells shown gives a small
    group's figures. `cells` are the parts of one whole (the groups of one split)."""
    hidden = [c for c in cells if c["count"] and c["count"] < MIN_GROUP]
    shown = sorted((c for c in cells if c["count"] >= MIN_GROUP), key=lambda c: c["count"])
    while hidden and sum(c["count"] for c in hidden) < MIN_GROUP and shown:
        hidden.append(shown.pop(0))
    for cell in hidden:
        cell.update(summarise(0, None, 0, 0, 0, 0), count=cell["count"], suppressed=True)
    return cells


# --- Survey results -----------------------------------------------------------------------


@dataclass
class SurveyFilters:
    start: date | None = None
    end: date | None = None
    kind: str = ""
    programme: object = None
    groups: dict[str, str] = field(default_factory=dict)

    def apply(self, queryset):
        queryset = queryset.in_period(self.start, self.end)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.programme is not None:
            queryset = queryset.filter(programme=self.programme)
        for key, value in self.groups.items():
            if value:
                queryset = queryset.in_group(key, value)
        return queryset


def _kind_label(kind: str) -> str:
    from .models import EventPage

    return str(dict(EventPage.Category.choices).get(kind, kind))


def _group_label(labels: dict, value) -> str:
    """`labels` is the dimension's `labels()`, read once per report (the municipalities'
    names cost a query)."""
    if not value:
        return _("Not recorded")
    return str(labels.get(value, value))


@dataclass
class KindResults:
    kind: str
    label: str
    total: dict
    rows: list[tuple[str, dict]]  # (event or programme, summary)
    splits: list[tuple[Dimension, list[tuple[str, dict]]]]  # per dimension: (group, summary)

    def chart(self, d: Dimension, groups) -> str:
        return bars_svg(
            f"{self.kind}-{d.key}",
            _("%(kind)s: very satisfied, by %(dimension)s")
            % {"kind": self.label, "dimension": str(d.label).lower()},
            [(label, s["very_satisfied_percent"]) for label, s in groups],
        )

    @property
    def charts(self) -> list[str]:
        return [self.chart(d, groups) for d, groups in self.splits]


def survey_results(filters: SurveyFilters, answers=None) -> list[KindResults]:
    """Results per kind of event: the kind's total, a row per event (or programme) and a
    split per dimension. 2 + len(DIMENSIONS) queries, and one for the municipalities' names
    when there are answers. `answers` narrows what is counted
    (a coordinator's programmes, see `events.report_views.survey_report`)."""
    from .models import FeedbackResponse

    answers = filters.apply(FeedbackResponse.objects.all() if answers is None else answers)
    totals = {
        row.pop("kind"): summarise(**row)
        for row in answers.order_by().values("kind").annotate(**SUMMARY_AGGREGATES)
    }
    rows: dict[str, list] = {kind: [] for kind in totals}
    for row in (
        answers.order_by()
        .values("kind", title=F("event__title"), programme_name=F("programme__name"))
        .annotate(**SUMMARY_AGGREGATES)
        .order_by("kind", "title", "programme_name")
    ):
        kind, title, programme = row.pop("kind"), row.pop("title"), row.pop("programme_name")
        label = programme or title or _("(event removed)")
        rows[kind].append((label, summarise(**row)))
    splits: dict[str, list] = {kind: [] for kind in totals}
    for d in DIMENSIONS:
        by_kind: dict[str, list] = {kind: [] for kind in totals}
        for row in (
            answers.order_by()
            .values("kind", value=KT(f"groups__{d.key}"))
            .annotate(**SUMMARY_AGGREGATES)
            .order_by("kind", "value")
        ):
            kind, value = row.pop("kind"), row.pop("value")
            by_kind[kind].append((value or "", summarise(**row)))
        labels = d.labels() if by_kind else {}
        order = list(labels)
        for kind, groups in by_kind.items():
            groups.sort(key=lambda g: order.index(g[0]) if g[0] in order else len(order))
            protect([s for _value, s in groups])
            splits[kind].append((d, [(_group_label(labels, v), s) for v, s in groups]))
    results = []
    for kind in sorted(totals, key=_kind_label):
        protect([s for _label, s in rows[kind]])
        results.append(KindResults(kind, _kind_label(kind), totals[kind], rows[kind], splits[kind]))
    return results


SURVEY_HEADER = [
    "answers",
    "average",
    "very_satisfied_percent",
    "satisfied_percent",
    "job_agree_percent",
]


def _survey_cells(summary: dict) -> list:
    if summary["suppressed"]:
        return [_("fewer than %(n)s") % {"n": MIN_GROUP}, None, None, None, None]
    return [summary["count"], *(summary[key] for key in SURVEY_HEADER[1:])]


def survey_tables(results: list[KindResults]) -> list[Table]:
    header_tail = [
        _("Answers"),
        _("Average (1–5)"),
        _("Very satisfied (%)"),
        _("Satisfied or very (%)"),
        _("Know better what a job in Sweden requires (%)"),
    ]
    tables = []
    for result in results:
        table = Table(result.kind, result.label, [_("Event or programme"), *header_tail])
        for label, summary in result.rows:
            table.rows.append([label, *_survey_cells(summary)])
        table.rows.append([_("Total"), *_survey_cells(result.total)])
        tables.append(table)
        for d, groups in result.splits:
            split = Table(
                f"{result.kind}-{d.key}",
                f"{result.label}: {d.label}",
                [str(d.label), *header_tail],
            )
            for label, summary in groups:
                split.rows.append([label, *_survey_cells(summary)])
            tables.append(split)
    return tables


# --- Civic-orientation course ----------------------------------------------------------------


@dataclass
class GroupStats:
    participants: int = 0
    hours: float = 0
    reached_legal: int = 0
    reached_goal: int = 0
    employers: int = 0
    employer_contacts: int = 0

    def add(self, progress) -> None:
        self.participants += 1
        self.hours += progress.hours
        self.reached_legal += progress.reached_legal_minimum
        self.reached_goal += progress.reached_goal
        self.employers += len(progress.employers)
        self.employer_contacts += progress.employer_contacts

    def average(self, total) -> float | None:
        return round(total / self.participants, 1) if self.participants else None

    @property
    def average_hours(self):
        return self.average(self.hours)

    @property
    def average_employers(self):
        return self.average(self.employers)

    def share(self, part) -> int | None:
        return round(100 * part / self.participants) if self.participants else None

    @property
    def reached_legal_percent(self):
        return self.share(self.reached_legal)

    @property
    def reached_goal_percent(self):
        return self.share(self.reached_goal)


@dataclass
class CourseReport:
    programme: object
    legal_minimum: int | None
    goal: int | None
    rows: list  # (enrolment, Progress)
    topic_hours: list[tuple[str, float]]  # hours held per topic
    total: GroupStats
    splits: list  # (Dimension, [(label, GroupStats)])
    survey: list  # KindResults for the programme's anonymous answers

    @property
    def charts(self) -> list[str]:
        charts = [
            bars_svg(
                "topics",
                _("Hours held per topic"),
                self.topic_hours,
                peak=max([h for _label, h in self.topic_hours] + [1]),
                unit=_("h"),
            )
        ]
        target = self.legal_minimum or self.goal
        for d, groups in self.splits:
            if target:
                charts.append(
                    bars_svg(
                        f"reached-{d.key}",
                        _("Share who reached %(hours)s hours, by %(dimension)s")
                        % {"hours": target, "dimension": str(d.label).lower()},
                        [
                            (
                                label,
                                s.reached_legal_percent
                                if self.legal_minimum
                                else s.reached_goal_percent,
                            )
                            for label, s in groups
                        ],
                    )
                )
        for result in self.survey:
            charts += result.charts
        return charts


def course_report(programme, now=None, enrolments=None, answers=None) -> CourseReport:
    """Per participant: hours towards the law's minimum and the course's goal, hours per
    topic, employers met; the same by group; the course's anonymous survey results.
    `enrolments` narrows the participants (a coordinator's municipalities, see
    `events.access.enrolments_for`); by default every enrolment of the programme; `answers`
    likewise narrows the survey answers counted (`events.municipality_report.answers_for`).
    Nine queries whatever the number of participants (enrolments, attendance, session
    organisations, sessions held, the municipalities' names, and the survey's four; one more
    for the survey's municipality names when there are answers)."""
    from django.utils import timezone

    from .course import Topic, course_progress, goals

    now = now or timezone.now()
    legal, goal = goals(programme)
    if enrolments is None:
        enrolments = programme.enrolments.all()
    enrolments = list(
        enrolments.select_related("participant__person").order_by(
            "participant__person__first_name", "participant__person__last_name", "pk"
        )
    )
    progress = course_progress(programme, enrolments)
    held: dict[str, float] = {}
    for start, end, topics in (
        programme.event.occurrences.scheduled()
        .filter(end__lte=now)
        .values_list("start", "end", "topics")
    ):
        topics = [t for t in (topics or []) if t in Topic.values]
        for topic in topics:
            held[topic] = held.get(topic, 0) + (end - start).total_seconds() / 3600 / len(topics)
    total = GroupStats()
    by_dimension = {d.key: {} for d in DIMENSIONS}
    rows = []
    for enrolment in enrolments:
        p = progress[enrolment.pk]
        rows.append((enrolment, p))
        total.add(p)
        for d in DIMENSIONS:
            value = d.value_of(enrolment.participant.person)
            by_dimension[d.key].setdefault(value, GroupStats()).add(p)
    splits = []
    for d in DIMENSIONS:
        labels = d.labels()
        order = list(labels)
        groups = sorted(
            by_dimension[d.key].items(),
            key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order),
        )
        splits.append((d, [(_group_label(labels, value), stats) for value, stats in groups]))
    return CourseReport(
        programme=programme,
        legal_minimum=legal,
        goal=goal,
        rows=rows,
        topic_hours=[(str(label), round(held.get(code, 0), 1)) for code, label in Topic.choices],
        total=total,
        splits=splits,
        survey=survey_results(SurveyFilters(programme=programme), answers),
    )


def course_tables(report: CourseReport) -> list[Table]:
    from .course import Topic

    participants = Table(
        "participants",
        report.programme.name,
        [
            _("Participant"),
            _("Hours attended"),
            _("Of the law's minimum (%)"),
            _("Of the course's goal (%)"),
            _("Employers met"),
            _("Employer contacts"),
            _("Organisations met"),
            *[str(label) for _code, label in Topic.choices],
        ],
    )
    for enrolment, p in report.rows:
        participants.rows.append(
            [
                enrolment.participant.name,
                p.hours,
                p.legal_percent,
                p.goal_percent,
                len(p.employers),
                p.employer_contacts,
                ", ".join(sorted(p.organisations)),
                *[hours for _code, _label, hours in p.topics],
            ]
        )
    topics = Table("topics", _("Hours held per topic"), [_("Topic"), _("Hours")])
    topics.rows = [[label, hours] for label, hours in report.topic_hours]
    tables = [participants, topics]
    header = [
        _("Participants"),
        _("Average hours"),
        _("Reached the law's minimum (%)"),
        _("Reached the course's goal (%)"),
        _("Average employers met"),
        _("Employer contacts"),
    ]
    for d, groups in report.splits:
        split = Table(f"by-{d.key}", f"{report.programme.name}: {d.label}", [str(d.label), *header])
        for label, s in [*groups, (_("Total"), report.total)]:
            split.rows.append(
                [
                    label,
                    s.participants,
                    s.average_hours,
                    s.reached_legal_percent if report.legal_minimum else None,
                    s.reached_goal_percent if report.goal else None,
                    s.average_employers,
                    s.employer_contacts,
                ]
            )
        tables.append(split)
    return tables + survey_tables(report.survey)
