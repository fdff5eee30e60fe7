"""Satisfaction surveys that keep their promise: "your answers are anonymous".

An answer (`FeedbackResponse`) is stored apart from who gave it. The registration or
enrolment that answered gets a `SurveyReceipt`, which records only *that* it answered (so
nobody is asked twice) and holds no link to the answer, no time and nothing about it. The
answer carries only what the statistics need:

- the event and, for a course survey, the programme (shared rows, not people);
- the kind of event, so that a job fair is never mixed with a course;
- the week (its Monday) of the date answered about, never a time of day;
- coarse groups (`DIMENSIONS`: gender; the home municipality joins at merge), each stored
  only when at least `MIN_GROUP` people of the group take part, so a rare value cannot
  point at one person;
- a random primary key (UUID), so the order of answers cannot be lined up with the order
  of receipts.

Reports never show a group of fewer than `MIN_GROUP` answers (`summary`, `reports.py`).
Rows sit in a table in the order they were written (SQLite's rowid, PostgreSQL's physical
order and transaction ids), and receipts are written in the same order: `shuffle_answers`
(from `manage.py tick`, when answers came in since) rewrites the answers in random order,
so that only the answers of the last few minutes could be lined up with receipts that way.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Fewer answers than this in a group: no figures are shown for it.
MIN_GROUP = 5


def week_of(day: date) -> date:
    """The Monday of the week `day` is in: the finest time an answer carries."""
    return day - timedelta(days=day.weekday())


class AlreadyAnswered(Exception):
    """This registration or enrolment has answered its survey before."""


# --- Groups an answer may carry ---------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """A coarse group for splitting results: `value_of(person)` gives the person's value,
    "" when unknown or too fine to store; `labels()` names the values for reports;
    `related` are the Person relations `value_of` reads (select_related)."""

    key: str
    label: object
    value_of: Callable
    labels: Callable[[], dict]
    related: tuple[str, ...] = field(default=())


def _gender(person) -> str:
    # "Other" and "prefer not to say" are folded together: a handful of people at most.
    return person.gender if person.gender in ("female", "male") else ""


def _gender_labels() -> dict:
    return {"female": _("Women"), "male": _("Men")}


GENDER = Dimension("gender", _("Gender"), _gender, _gender_labels)


def _home_municipality(person) -> str:
    # Stored as text (the municipality's id): JSON lookups compare it the same way on SQLite
    # and PostgreSQL.
    return str(person.home_municipality_id or "")


def _municipality_labels() -> dict:
    from samverka.people.models import Municipality

    return {str(pk): name for pk, name in Municipality.objects.values_list("pk", "name")}


HOME_MUNICIPALITY = Dimension(
    "municipality", _("Home municipality"), _home_municipality, _municipality_labels
)

# The groups answers can be split by: gender and the home municipality, each stored only
# where at least MIN_GROUP of the people asked share it.
DIMENSIONS: list[Dimension] = [GENDER, HOME_MUNICIPALITY]


def dimension(key: str) -> Dimension | None:
    return next((d for d in DIMENSIONS if d.key == key), None)


def groups_for(person, population) -> dict[str, str]:
    """The coarse groups to store with `person`'s answer: a value only when at least
    `MIN_GROUP` people of `population` (the people the survey went to, `person` among
    them) share it."""
    if person is None:
        return {}
    population = list(population)
    groups = {}
    for d in DIMENSIONS:
        value = d.value_of(person)
        if value and Counter(d.value_of(p) for p in population)[value] >= MIN_GROUP:
            groups[d.key] = value
    return groups


# --- Answers ------------------------------------------------------------------------------


def _share(part, whole):
    return round(100 * part / whole) if whole else None


def summarise(count, average, very_satisfied, satisfied, job_answers, job_agree) -> dict:
    """Counts and shares as the seed articles quote them ("97 % very satisfied"); a group
    of fewer than MIN_GROUP answers gets its count and no figures."""
    count = count or 0
    if count < MIN_GROUP:
        return {
            "count": count,
            "suppressed": count > 0,
            "average": None,
            "very_satisfied_percent": None,
            "satisfied_percent": None,
            "job_answers": None,
            "job_agree_percent": None,
        }
    return {
        "count": count,
        "suppressed": False,
        "average": round(average, 1) if average is not None else None,
        "very_satisfied_percent": _share(very_satisfied, count),
        "satisfied_percent": _share(satisfied, count),
        "job_answers": job_answers,
        "job_agree_percent": _share(job_agree, job_answers) if job_answers >= MIN_GROUP else None,
    }


SUMMARY_AGGREGATES = {
    "count": Count("id"),
    "average": Avg("satisfaction"),
    "very_satisfied": Count("id", filter=Q(satisfaction=5)),
    "satisfied": Count("id", filter=Q(satisfaction__gte=4)),
    "job_answers": Count("id", filter=Q(job_knowledge__isnull=False)),
    "job_agree": Count("id", filter=Q(job_knowledge__gte=4)),
}


class FeedbackQuerySet(models.QuerySet):
    def summary(self) -> dict:
        """One query: see `summarise`."""
        return summarise(**self.aggregate(**SUMMARY_AGGREGATES))

    def in_period(self, start: date | None = None, end: date | None = None):
        """Answers about weeks that overlap start–end (answers carry weeks, not days)."""
        queryset = self
        if start:
            queryset = queryset.filter(week__gte=week_of(start))
        if end:
            queryset = queryset.filter(week__lte=end)
        return queryset

    def in_group(self, key: str, value: str):
        return self.filter(**{f"groups__{key}": value})

    def answer(
        self,
        *,
        satisfaction: int,
        job_knowledge: int | None = None,
        comment: str = "",
        registration=None,
        enrolment=None,
        occurrence=None,
        today: date | None = None,
    ) -> FeedbackResponse:
        """Store one answer, and a receipt for the registration or enrolment that gave it,
        in one transaction. Raises AlreadyAnswered (and stores nothing) for a second answer.

        `registration`: a visitor's answer about their date. `enrolment`: a participant's
        answer about their course. `occurrence` alone: the open link shown at a date."""
        from samverka.people.models import Person

        from .models import EventOccurrence

        today = today or timezone.localdate()
        programme = None
        groups: dict = {}
        if registration is not None:
            occurrence = registration.occurrence
        if enrolment is not None:
            programme = enrolment.programme
            event = programme.event
            week = week_of(today)
            population = Person.objects.filter(
                participant__enrolments__programme_id=programme.pk
            ).select_related(*{r for d in DIMENSIONS for r in d.related})
            groups = groups_for(enrolment.participant.person, population)
        elif isinstance(occurrence, EventOccurrence):
            event = occurrence.event
            week = week_of(timezone.localdate(occurrence.start))
        else:
            raise ValueError("An answer is about a registration, an enrolment or a date.")
        try:
            with transaction.atomic():
                if registration is not None or enrolment is not None:
                    SurveyReceipt.objects.create(registration=registration, enrolment=enrolment)
                return self.create(
                    event=event,
                    programme=programme,
                    kind=event.category,
                    week=week,
                    groups=groups,
                    satisfaction=satisfaction,
                    job_knowledge=job_knowledge,
                    comment=comment,
                )
        except IntegrityError as exc:
            raise AlreadyAnswered from exc


class SurveyReceipt(models.Model):
    """That a registration or an enrolment has answered its survey: nothing about the
    answer, no time, no link to it."""

    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_receipt",
    )
    enrolment = models.OneToOneField(
        "events.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_receipt",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("survey answered")
        verbose_name_plural = _("surveys answered")
        constraints = [
            models.CheckConstraint(
                condition=Q(registration__isnull=False, enrolment__isnull=True)
                | Q(registration__isnull=True, enrolment__isnull=False),
                name="events_receipt_for_one_thing",
            )
        ]

    def __str__(self):
        return str(self.registration or self.enrolment)


def _kinds():
    from .models import EventPage

    return EventPage.Category.choices


class FeedbackResponse(models.Model):
    """One anonymous survey answer (see the module's docstring for what it may carry)."""

    class Satisfaction(models.IntegerChoices):
        VERY_DISSATISFIED = 1, _("Very dissatisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        NEUTRAL = 3, _("Neither")
        SATISFIED = 4, _("Satisfied")
        VERY_SATISFIED = 5, _("Very satisfied")

    class Agreement(models.IntegerChoices):
        STRONGLY_DISAGREE = 1, _("Strongly disagree")
        DISAGREE = 2, _("Disagree")
        NEUTRAL = 3, _("Neither agree nor disagree")
        AGREE = 4, _("Agree")
        STRONGLY_AGREE = 5, _("Strongly agree")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    programme = models.ForeignKey(
        "events.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    kind = models.CharField(_("kind of event"), max_length=30, choices=_kinds, db_index=True)
    week = models.DateField(_("week"), help_text=_("The Monday of the week answered about."))
    groups = models.JSONField(_("groups"), default=dict, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("How satisfied are you?"),
        choices=Satisfaction,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    job_knowledge = models.PositiveSmallIntegerField(
        _("I know better what a job in Sweden requires"),
        choices=Agreement,
        null=True,
        blank=True,
    )
    comment = models.TextField(_("Anything else you want to tell us?"), blank=True)

    objects = FeedbackQuerySet.as_manager()
    # Wagtail's reference index would add a row per answer with a sequential key, in the
    # order answers were given, which the receipts' keys follow too.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-week", "kind", "satisfaction"]

    def __str__(self):
        return f"{self.event} {self.satisfaction}/5"

    def save(self, *args, **kwargs):
        if not self.kind and self.event_id:
            self.kind = self.event.category
        if self.week is None:
            self.week = week_of(timezone.localdate())
        super().save(*args, **kwargs)

    @property
    def week_label(self) -> str:
        year, number, _weekday = self.week.isocalendar()
        return _("week %(number)s, %(year)s") % {"number": number, "year": year}


def shuffle_answers(force: bool = False) -> int:
    """Write every answer again in random order (same values, same keys), so that where a
    row sits in the table says nothing about when it was given. Skipped when no answer came
    in since the last time. Returns how many were rewritten."""
    import secrets

    from django.core.cache import cache

    count = FeedbackResponse.objects.count()
    if not force and cache.get(SHUFFLED_KEY) == count:
        return 0
    with transaction.atomic():
        answers = list(FeedbackResponse.objects.select_for_update().order_by())
        secrets.SystemRandom().shuffle(answers)
        FeedbackResponse.objects.all().delete()
        FeedbackResponse.objects.bulk_create(answers, batch_size=500)
    cache.set(SHUFFLED_KEY, len(answers), None)
    return len(answers)


SHUFFLED_KEY = "events.answers.shuffled"
