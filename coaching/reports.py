"""The coaching report: "X into real jobs and Y into subsidised jobs" for any period, broken
down by each of `DIMENSIONS`, with the median time from case start to first job.

Every figure is a GROUP BY query; the number of queries is fixed (`Report.QUERIES`) whatever
the number of cases.

Definitions (shown on the report page too):

- *into a real job / a subsidised job in the period*: people with a job outcome on a coaching
  case whose job started in the period, each person counted once per kind of job (a person
  with a permanent job and later an hourly one is one person into a real job).
- *breakdowns*: the same count per meeting place, district, counsellor, gender, age band at
  the job's start, time from settlement to the job's start, and how the person came to the
  case; a person appears in every row that applies, so rows can add up to more than the
  headline.
- *time to job*: days from the start of the case to the first job (with or without subsidy)
  recorded on it; the median is over the cases whose first job started in the period.

A breakdown is one entry of `DIMENSIONS`: adding one (the person's home municipality, say) is
adding one entry, and costs one query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case as CaseWhen
from django.db.models import CharField, Count, F, Q, Value, When
from django.db.models.functions import Concat, ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentors.internships.tables import Table, median, pivot
from samverka.people.models import Person
from samverka.people.outcomes import Outcome

from .models import Case, CaseOutcome

UNKNOWN = "~"  # sorts last among the row labels


def _label_or_unknown(value) -> str:
    return str(value).strip() if value and str(value).strip() and value != UNKNOWN else ""


def _choices(choices) -> Callable[[object], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value)) if value else ""


def _age_band():
    age = ExtractYear("job_start_date") - F("person__birth_year")
    bands = [(25, "16–24"), (35, "25–34"), (45, "35–44"), (55, "45–54")]
    return CaseWhen(
        When(person__birth_year__isnull=True, then=Value(UNKNOWN)),
        *[When(Q(age__lt=limit), then=Value(label)) for limit, label in bands],
        default=Value("55–"),
        output_field=CharField(),
    ), {"age": age}


def _since_settlement():
    def years_before_job(years):
        return F("job_start_date") - timedelta(days=round(365.25 * years))

    bands = [
        (1, gettext_lazy("Under 1 year")),
        (2, gettext_lazy("1–2 years")),
        (4, gettext_lazy("2–4 years")),
    ]
    return CaseWhen(
        When(person__date_of_settlement__isnull=True, then=Value(UNKNOWN)),
        *[
            When(person__date_of_settlement__gt=years_before_job(years), then=Value(str(years)))
            for years, _label in bands
        ],
        default=Value("4+"),
        output_field=CharField(),
    ), {}


SETTLEMENT_LABELS = {
    "1": gettext_lazy("Under 1 year"),
    "2": gettext_lazy("1–2 years"),
    "4": gettext_lazy("2–4 years"),
    "4+": gettext_lazy("4 years or more"),
}


@dataclass(frozen=True)
class Dimension:
    """One breakdown of the report: a path (or an expression) giving each outcome's row."""

    slug: str
    title: str
    label: str
    path: str | None = None
    expression: Callable[[], tuple[object, dict]] | None = None
    to_label: Callable[[object], str] = _label_or_unknown

    def rows(self, outcomes):
        if self.expression is not None:
            expression, helpers = self.expression()
            keyed = outcomes.annotate(**helpers).annotate(row=expression)
        else:
            keyed = outcomes.annotate(row=F(self.path))
        return keyed.values_list("row", "group").annotate(n=Count("person", distinct=True))


DIMENSIONS: list[Dimension] = [
    Dimension(
        "by_meeting_place",
        gettext_lazy("By meeting place"),
        gettext_lazy("Meeting place"),
        path="case__meeting_place__title",
    ),
    Dimension(
        "by_district", gettext_lazy("By district"), gettext_lazy("District"), "person__district"
    ),
    Dimension(
        "by_counsellor",
        gettext_lazy("By counsellor"),
        gettext_lazy("Counsellor"),
        expression=lambda: (
            Concat(
                "case__counsellor__first_name",
                Value(" "),
                "case__counsellor__last_name",
                output_field=CharField(),
            ),
            {},
        ),
    ),
    Dimension(
        "by_gender",
        gettext_lazy("By gender"),
        gettext_lazy("Gender"),
        "person__gender",
        to_label=_choices(Person.Gender.choices),
    ),
    Dimension(
        "by_age",
        gettext_lazy("By age when the job started"),
        gettext_lazy("Age"),
        expression=_age_band,
    ),
    Dimension(
        "by_settlement",
        gettext_lazy("By time from settlement to job"),
        gettext_lazy("Time since settlement"),
        expression=_since_settlement,
        to_label=lambda value: str(SETTLEMENT_LABELS.get(value, "")),
    ),
    Dimension(
        "by_municipality",
        gettext_lazy("By home municipality"),
        gettext_lazy("Home municipality"),
        "person__home_municipality__name",
    ),
    Dimension(
        "by_source",
        gettext_lazy("By how the person came"),
        gettext_lazy("Came through"),
        "case__source",
        to_label=_choices(Case.Source.choices),
    ),
]


@dataclass
class Report:
    start: date
    end: date
    dimensions: list[Dimension] = field(default_factory=lambda: list(DIMENSIONS))
    # whose figures: the people of the municipalities `user` coordinates (None: everyone's),
    # of `municipality` (an id) only when given (the report's filter)
    user: object = None
    municipality: int | None = None
    tables: list[Table] = field(default_factory=list)
    into_job: int = 0
    into_subsidised: int = 0
    cases_with_job: int = 0
    median_days_to_job: float | None = None

    COLUMNS = [
        (Outcome.Group.JOB, gettext_lazy("Real job")),
        (Outcome.Group.SUBSIDISED, gettext_lazy("Subsidised job")),
    ]

    @property
    def QUERIES(self) -> int:  # noqa: N802 - a constant per report, like the internship report's
        # the headline, one per dimension, the count for the median, the median's middle rows
        return 1 + len(self.dimensions) + 2

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def _narrow(self, queryset, path: str):
        """Scoped to the user's municipalities and the filter, in the same statement."""
        from samverka.people.municipalities import scope

        if self.user is not None:
            queryset = scope(queryset, self.user, (path,))
        if self.municipality is not None:
            queryset = queryset.filter(**{path: self.municipality})
        return queryset

    def outcomes(self):
        return self._narrow(
            CaseOutcome.objects.order_by().filter(
                group__in=Outcome.JOB_GROUPS, job_start_date__range=(self.start, self.end)
            ),
            "person__home_municipality",
        )

    def run(self) -> Report:
        outcomes = self.outcomes()
        # query 1: the headline
        headline = dict(outcomes.values_list("group").annotate(n=Count("person", distinct=True)))
        self.into_job = headline.get(Outcome.Group.JOB, 0)
        self.into_subsidised = headline.get(Outcome.Group.SUBSIDISED, 0)
        not_stated = _("Not stated")
        # one query per dimension
        for dimension in self.dimensions:
            counts = [
                (dimension.to_label(key) or not_stated, group, n)
                for key, group, n in dimension.rows(outcomes)
            ]
            self.tables.append(
                pivot(
                    dimension.slug,
                    str(dimension.title),
                    str(dimension.label),
                    counts,
                    self.COLUMNS,
                )
            )
            self.tables[-1].rows.sort(key=lambda row, ns=not_stated: (row[0] == ns, row[0]))
        # the median time from case start to first job: a count, then the middle rows
        with_job = self._narrow(
            Case.objects.order_by().filter(
                first_job_on__range=(self.start, self.end), days_to_job__isnull=False
            ),
            "person__home_municipality",
        )
        n = with_job.count()
        self.cases_with_job = n
        if n:
            lo = (n - 1) // 2
            middle = list(
                with_job.order_by("days_to_job").values_list("days_to_job", flat=True)[
                    lo : n // 2 + 1
                ]
            )
            self.median_days_to_job = median(middle)
        return self

    def table(self, slug: str) -> Table:
        return next(t for t in self.tables if t.slug == slug)

    def headline(self) -> list[tuple[str, object]]:
        return [
            (_("Period"), f"{self.start} – {self.end}"),
            (_("Into a real job"), self.into_job),
            (_("Into a subsidised job"), self.into_subsidised),
            (_("Cases with a first job in the period"), self.cases_with_job),
            (_("Median days from case start to first job"), self.median_days_to_job),
        ]


def python_report(rows, start: date, end: date) -> tuple[int, int]:
    """The headline computed by a plain Python loop over (person id, group, job start) rows:
    the benchmark's baseline (benchmarks/coaching_report.py)."""
    seen: dict[str, set] = {Outcome.Group.JOB: set(), Outcome.Group.SUBSIDISED: set()}
    for person_id, group, job_start in rows:
        if group in seen and job_start is not None and start <= job_start <= end:
            seen[group].add(person_id)
    return len(seen[Outcome.Group.JOB]), len(seen[Outcome.Group.SUBSIDISED])


__all__ = ["DIMENSIONS", "Dimension", "Report", "python_report"]
