"""Coordinators' report on internships and outcomes, aggregated in the database.

Every figure is a GROUP BY query; the number of queries is fixed (see
`Report.QUERIES`) and does not grow with the number of internships.

Definitions (shown on the report page too):

- *started* in a period: the internship's first day is in the period (cancelled
  ones left out);
  *completed*: it ended as planned (not early) on a day in the period.
- *outcomes at a checkpoint* (at the end, after 90 or after 180 days) are
  counted for internships that ended (completed or early) in the period.
- *into a job in the period* (the headline, like Eskilstuna's "53 into real jobs
  and 70 into subsidised jobs"): people with a recorded job outcome whose job
  started in the period, each person counted once per kind of job.
- *time to job*: days from the newcomer's date of settlement to the first job
  (with or without subsidy) after the internship; the median is over the people
  whose first job started in the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Internship, Outcome
from .tables import Table, median, pivot

GRANULARITIES = {
    "month": (TruncMonth, gettext_lazy("Month")),
    "quarter": (TruncQuarter, gettext_lazy("Quarter")),
    "year": (TruncYear, gettext_lazy("Year")),
}


def period_label(day: date, granularity: str) -> str:
    if granularity == "year":
        return f"{day.year}"
    if granularity == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def period_starts(start: date, end: date, granularity: str) -> list[date]:
    """The first day of every period that overlaps [start, end]."""
    step = {"month": 1, "quarter": 3, "year": 12}[granularity]
    month = (
        start.month
        if granularity == "month"
        else ((start.month - 1) // 3 * 3 + 1 if granularity == "quarter" else 1)
    )
    current = date(start.year, month, 1)
    out = []
    while current <= end:
        out.append(current)
        total = current.month - 1 + step
        current = date(current.year + total // 12, total % 12 + 1, 1)
    return out


def _as_date(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _choices_label(model_field, value):
    return str(dict(model_field.flatchoices).get(value, value)) if value else _("Not stated")


def _column(group: str) -> str:
    return Outcome.Group.OTHER if group == Outcome.Group.BUSINESS else group


@dataclass
class Report:
    start: date
    end: date
    granularity: str = "month"
    checkpoint: str = Outcome.Checkpoint.END
    # whose figures: the internships of the residents `user` coordinates (None: everyone's),
    # of `municipality` (an id) only when given (the report's filter)
    user: object = None
    municipality: int | None = None
    tables: list[Table] = field(default_factory=list)
    into_job: int = 0
    into_subsidised: int = 0
    median_days_to_job: float | None = None
    people_with_job: int = 0

    # started, completed, outcomes per period, per gender, district, home municipality,
    # sector, employer, headline, count for the median, the median's middle rows
    QUERIES = 11

    def __post_init__(self):
        if self.granularity not in GRANULARITIES:
            self.granularity = "month"
        # The internship report's columns as before the one outcome model
        # (samverka.people.outcomes): an own business is counted under "Other" here.
        self.groups = [
            (key, label) for key, label in Outcome.Group.choices if key != Outcome.Group.BUSINESS
        ]

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def run(self) -> Report:
        trunc, period_heading = GRANULARITIES[self.granularity]
        periods = period_starts(self.start, self.end, self.granularity)
        row_order = [period_label(p, self.granularity) for p in periods]

        internships = self.internships()
        # query 1: started per period
        started = (
            internships.exclude(status=Internship.Status.CANCELLED)
            .filter(start_date__range=(self.start, self.end))
            .annotate(period=trunc("start_date"))
            .values_list("period")
            .annotate(n=Count("id"))
        )
        # query 2: completed per period
        completed = (
            internships.filter(
                status=Internship.Status.COMPLETED, ended_on__range=(self.start, self.end)
            )
            .annotate(period=trunc("ended_on"))
            .values_list("period")
            .annotate(n=Count("id"))
        )
        counts = [
            (period_label(_as_date(p), self.granularity), "started", n) for p, n in started
        ] + [(period_label(_as_date(p), self.granularity), "completed", n) for p, n in completed]
        self.tables.append(
            pivot(
                "started_completed",
                _("Internships started and completed"),
                str(period_heading),
                counts,
                [("started", _("Started")), ("completed", _("Completed"))],
                row_order=row_order,
            )
        )

        all_outcomes = self.outcomes()
        outcomes = all_outcomes.filter(
            checkpoint=self.checkpoint,
            internship__ended_on__range=(self.start, self.end),
        )
        # query 3: outcomes per period (of the internship's end)
        per_period = (
            outcomes.annotate(period=trunc("internship__ended_on"))
            .values_list("period", "group")
            .annotate(n=Count("id"))
        )
        self.tables.append(
            pivot(
                "outcomes_by_period",
                _("Outcomes by period"),
                str(period_heading),
                [
                    (period_label(_as_date(p), self.granularity), _column(g), n)
                    for p, g, n in per_period
                ],
                self.groups,
                row_order=row_order,
            )
        )
        from django.apps import apps

        newcomer_model = apps.get_model("people", "Person")
        gender_field = newcomer_model._meta.get_field("gender")

        # queries 4-8: outcomes per gender, district, home municipality, sector and employer
        for slug, title, label, path, to_label in (
            (
                "outcomes_by_gender",
                _("Outcomes by gender"),
                _("Gender"),
                "internship__newcomer__person__gender",
                lambda v: _choices_label(gender_field, v),
            ),
            (
                "outcomes_by_district",
                _("Outcomes by district"),
                _("District"),
                "internship__newcomer__person__district",
                lambda v: v or _("Not stated"),
            ),
            (
                "outcomes_by_municipality",
                _("Outcomes by home municipality"),
                _("Home municipality"),
                "internship__newcomer__person__home_municipality__name",
                lambda v: v or _("Not stated"),
            ),
            (
                "outcomes_by_sector",
                _("Outcomes by sector"),
                _("Sector"),
                "internship__place__sector",
                lambda v: v or _("Not stated"),
            ),
            (
                "outcomes_by_employer",
                _("Outcomes by employer"),
                _("Employer"),
                "internship__place__employer__name",
                str,
            ),
        ):
            rows = outcomes.values_list(path, "group").annotate(n=Count("id"))
            self.tables.append(
                pivot(
                    slug,
                    title,
                    str(label),
                    [(to_label(k), _column(g), n) for k, g, n in rows],
                    self.groups,
                )
            )

        # query 8: the headline, people into jobs and subsidised jobs in the period
        headline = dict(
            all_outcomes.filter(
                group__in=Outcome.JOB_GROUPS, job_start_date__range=(self.start, self.end)
            )
            .values_list("group")
            .annotate(n=Count("internship", distinct=True))
        )
        self.into_job = headline.get(Outcome.Group.JOB, 0)
        self.into_subsidised = headline.get(Outcome.Group.SUBSIDISED, 0)

        # queries 9-10: the median time to job, taken from the middle rows only
        with_job = internships.filter(
            job_started_on__range=(self.start, self.end), days_to_job__isnull=False
        )
        n = with_job.count()
        self.people_with_job = n
        if n:
            lo = (n - 1) // 2
            middle = list(
                with_job.order_by("days_to_job").values_list("days_to_job", flat=True)[
                    lo : n // 2 + 1
                ]
            )
            self.median_days_to_job = median(middle)
        return self

    def internships(self):
        """The internships counted: scoped to the user's municipalities and the filter, in
        the same statement as each figure (no query of its own)."""
        from samverka.people.municipalities import scope

        from .access import INTERNSHIP_SCOPE

        internships = Internship.objects.order_by()
        if self.user is not None:
            internships = scope(internships, self.user, INTERNSHIP_SCOPE)
        if self.municipality is not None:
            internships = internships.filter(newcomer__person__home_municipality=self.municipality)
        return internships

    def outcomes(self):
        outcomes = Outcome.objects.order_by()
        if self.user is not None or self.municipality is not None:
            outcomes = outcomes.filter(internship__in=self.internships().values("pk"))
        return outcomes

    @property
    def median_years_to_job(self) -> float | None:
        if self.median_days_to_job is None:
            return None
        return round(self.median_days_to_job / 365.25, 1)

    def table(self, slug: str) -> Table:
        return next(t for t in self.tables if t.slug == slug)

    def headline(self) -> list[tuple[str, object]]:
        return [
            (_("Period"), f"{self.start} – {self.end}"),
            (_("Into a job without subsidy"), self.into_job),
            (_("Into a subsidised job"), self.into_subsidised),
            (_("People with a first job in the period"), self.people_with_job),
            (_("Median days from settlement to job"), self.median_days_to_job),
            (_("Outcomes counted at"), str(Outcome.Checkpoint(self.checkpoint).label)),
        ]


__all__ = ["GRANULARITIES", "Report", "period_label", "period_starts"]
