"""Internship places, internships with their three parties, follow-ups, a contact
log and outcomes.

The three parties of an internship: the newcomer (intern), the employer's
supervisor (handledare, a representative of the employer organisation) and a
volunteer internship mentor; the coordinator keeps it together.

Rules that must hold whatever the entry point (admin, public views, demo) live
here: `Internship.objects.place()` creates an internship with the place row
locked (capacity) and the newcomer's other internships checked (overlap);
`Outcome.clean()` refuses an outcome dated before the internship.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.districts import centroid
from associations.models import AVAILABILITY_SLOTS, Organisation, Volunteer
from samverka.people.municipalities import default_municipality_pk
from samverka.people.outcomes import Outcome as PersonOutcome
from samverka.people.outcomes import OutcomeQuerySet

from . import schedule

WORKING_HOURS = [
    f"{day}_{part}"
    for day in ("mon", "tue", "wed", "thu", "fri")
    for part in ("morning", "afternoon")
]
EMPLOYER_KINDS = [Organisation.Kind.COMPANY, Organisation.Kind.PUBLIC_ACTOR]


def _default_work_slots():
    return list(WORKING_HOURS)


# -- places ------------------------------------------------------------------------------


class InternshipPlaceQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(review=InternshipPlace.Review.APPROVED)

    def pending(self):
        return self.filter(review=InternshipPlace.Review.PENDING)

    def open(self):
        return self.approved().filter(status=InternshipPlace.Status.OPEN)

    def of_user(self, user):
        """Places of the organisations `user` represents."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(employer__representatives__user=user)

    def with_taken(self):
        return self.annotate(
            taken_count=Count("internships", filter=Q(internships__status__in=Internship.HOLDING))
        )


class InternshipPlace(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator's approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    employer = models.ForeignKey(
        Organisation,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="internship_places",
        limit_choices_to={"kind__in": EMPLOYER_KINDS},
    )
    title = models.CharField(_("title"), max_length=200)
    occupation = models.CharField(_("occupation"), max_length=200)
    sector = models.CharField(_("sector"), max_length=200, db_index=True)
    description = models.TextField(_("description"), blank=True)
    competences = models.JSONField(
        _("competences needed"),
        default=list,
        blank=True,
        help_text=_('A list, for example ["truck licence", "customer service"].'),
    )
    languages = models.JSONField(
        _("languages used at work"),
        default=list,
        blank=True,
        help_text=_('Language codes, for example ["sv", "en"].'),
    )
    district = models.CharField(_("district"), max_length=100, blank=True, db_index=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    municipality = models.ForeignKey(
        "people.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        default=default_municipality_pk,
        related_name="internship_places",
    )
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), default=20, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    work_slots = models.JSONField(
        _("working hours"),
        default=_default_work_slots,
        blank=True,
        help_text=_('Time slots such as "mon_morning"; weekdays by default.'),
    )
    number_of_places = models.PositiveSmallIntegerField(
        _("number of places"), default=1, validators=[MinValueValidator(1)]
    )
    supervisor_name = models.CharField(_("supervisor (handledare)"), max_length=200)
    supervisor_email = models.EmailField(_("supervisor's email"), blank=True)
    supervisor_phone = models.CharField(_("supervisor's phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN, db_index=True
    )
    review = models.CharField(
        _("approval"), max_length=10, choices=Review, default=Review.APPROVED, db_index=True
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = InternshipPlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship place")
        verbose_name_plural = _("internship places")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return f"{self.title} – {self.employer}"

    def save(self, *args, **kwargs):
        if self.latitude is None and self.district:
            self.latitude, self.longitude = centroid(self.district)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period cannot end before it starts.")
        if self.employer_id and self.employer.kind not in EMPLOYER_KINDS:
            errors["employer"] = _("Internship places are offered by companies and public actors.")
        unknown = set(self.work_slots or []) - set(AVAILABILITY_SLOTS)
        if unknown:
            errors["work_slots"] = _("Unknown time: %s") % ", ".join(sorted(unknown))
        if errors:
            raise ValidationError(errors)

    def taken(self) -> int:
        if hasattr(self, "taken_count"):
            return self.taken_count
        return self.internships.filter(status__in=Internship.HOLDING).count()

    @property
    def free(self) -> int:
        return max(0, self.number_of_places - self.taken())

    def refresh_fill_status(self):
        """Filled when every place is taken, open again when one frees up; closed stays.
        Written with an UPDATE from the current count, so a stale copy cannot undo it."""
        taken = self.internships.filter(status__in=Internship.HOLDING).count()
        status = self.Status.FILLED if taken >= self.number_of_places else self.Status.OPEN
        updated = (
            InternshipPlace.objects.filter(pk=self.pk)
            .exclude(status=self.Status.CLOSED)
            .update(status=status)
        )
        if updated:
            self.status = status

    def approve(self, by):
        self.review = self.Review.APPROVED
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.save(update_fields=["review", "reviewed_by", "reviewed_at"])

    def reject(self, by):
        self.review = self.Review.REJECTED
        self.status = self.Status.CLOSED
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.save(update_fields=["review", "status", "reviewed_by", "reviewed_at"])


# -- internships ---------------------------------------------------------------------------


class InternshipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see all; a supervisor (representative of the employer)
        those at their organisation; a mentor their own; a newcomer their own."""
        from samverka.core.permissions import is_coordinator

        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(
            Q(place__employer__representatives__user=user)
            | Q(mentor__user=user)
            | Q(newcomer__person__user=user)
        ).distinct()

    def holding(self):
        return self.filter(status__in=Internship.HOLDING)

    def overlapping(self, newcomer, start: date, end: date):
        return self.filter(newcomer=newcomer, start_date__lte=end, end_date__gte=start).exclude(
            status=Internship.Status.CANCELLED
        )

    def place(self, *, newcomer, place, start_date, end_date, coordinator=None, **fields):
        """Create an internship, or raise ValidationError and save nothing.

        The newcomer's and the place's rows are locked for the checks, so two
        coordinators placing the last seat, or the same person twice, at the
        same moment cannot both succeed.
        """
        with transaction.atomic():
            # The newcomer's row first, then the place's (always in this order,
            # so two placements cannot deadlock): overlap and capacity are then
            # each checked by one transaction at a time.
            type(newcomer).objects.select_for_update().filter(pk=newcomer.pk).first()
            place = InternshipPlace.objects.select_for_update().get(pk=place.pk)
            internship = Internship(
                newcomer=newcomer,
                place=place,
                start_date=start_date,
                end_date=end_date,
                coordinator=coordinator,
                supervisor_name=fields.pop("supervisor_name", "") or place.supervisor_name,
                supervisor_email=fields.pop("supervisor_email", "") or place.supervisor_email,
                supervisor_phone=fields.pop("supervisor_phone", "") or place.supervisor_phone,
                hours_per_week=fields.pop("hours_per_week", None) or place.hours_per_week,
                **fields,
            )
            internship.full_clean()
            if place.review != InternshipPlace.Review.APPROVED:
                raise ValidationError(
                    {"place": _("This place has not been approved by a coordinator yet.")}
                )
            if place.status == InternshipPlace.Status.CLOSED:
                raise ValidationError({"place": _("This place is closed.")})
            if place.taken() >= place.number_of_places:
                raise ValidationError(
                    {
                        "place": _(
                            "All %(count)d places at %(title)s are taken. Choose another place "
                            "or add a place first."
                        )
                        % {"count": place.number_of_places, "title": place.title}
                    }
                )
            internship.save()
            internship.schedule_follow_ups()
            place.refresh_fill_status()
        return internship


class Internship(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        INTERRUPTED = "interrupted", _("Ended early")
        CANCELLED = "cancelled", _("Cancelled")

    # States that take up a seat at the place.
    HOLDING = (Status.PLANNED, Status.ACTIVE)
    # States that have ended (outcomes are recorded for these).
    ENDED = (Status.COMPLETED, Status.INTERRUPTED)

    newcomer = models.ForeignKey(
        "mentors.Newcomer",
        verbose_name=_("newcomer"),
        on_delete=models.PROTECT,
        related_name="internships",
    )
    place = models.ForeignKey(
        InternshipPlace,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="internships",
    )
    mentor = models.ForeignKey(
        Volunteer,
        verbose_name=_("internship mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="internships_mentored",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="internships_coordinated",
    )
    supervisor_name = models.CharField(_("supervisor (handledare)"), max_length=200, blank=True)
    supervisor_email = models.EmailField(_("supervisor's email"), blank=True)
    supervisor_phone = models.CharField(_("supervisor's phone"), max_length=40, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), default=20, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    plan = models.TextField(_("plan"), blank=True)
    goals = models.TextField(_("goals"), blank=True, help_text=_("One goal per line."))
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.PLANNED, db_index=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("why it ended early"), blank=True)
    # The first job (with or without subsidy) among the outcomes, kept here so
    # that reports can take medians in the database.
    job_started_on = models.DateField(_("job started on"), null=True, blank=True, db_index=True)
    days_to_job = models.PositiveIntegerField(
        _("days from settlement to job"), null=True, blank=True
    )
    # {"end": "2026-05-01T08:00:00+00:00", ...}: when the coordinator was
    # reminded to record the outcome at each checkpoint.
    outcome_reminders = models.JSONField(_("outcome reminders sent"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = InternshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["newcomer", "start_date"], name="internship_newcomer_idx"),
            # the report: started per period, completed per period
            models.Index(fields=["start_date"], name="internship_start_idx"),
            models.Index(fields=["status", "ended_on"], name="internship_ended_idx"),
        ]

    def __str__(self):
        return f"{self.newcomer} – {self.place.title}"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError(
                    {"end_date": _("The last day cannot be before the first day.")}
                )
            if self.newcomer_id:
                clash = (
                    Internship.objects.overlapping(self.newcomer, self.start_date, self.end_date)
                    .exclude(pk=self.pk)
                    .select_related("place")
                    .first()
                )
                if clash is not None:
                    raise ValidationError(
                        _(
                            "%(name)s already has an internship at %(place)s from %(start)s to "
                            "%(end)s. Internships for one person cannot overlap."
                        )
                        % {
                            "name": self.newcomer,
                            "place": clash.place.title,
                            "start": clash.start_date,
                            "end": clash.end_date,
                        }
                    )
        if self.mentor_id and Volunteer.Role.INTERNSHIP_MENTOR not in (self.mentor.roles or []):
            raise ValidationError({"mentor": _("This volunteer is not an internship mentor.")})

    def change_details(self, **fields):
        """Change dates, hours, supervisor, plan or goals; check the rules again
        (end before start, overlap) and move the follow-ups not yet held.
        Raises ValidationError and saves nothing when a rule is broken."""
        with transaction.atomic():
            type(self.newcomer).objects.select_for_update().filter(pk=self.newcomer_id).first()
            for name, value in fields.items():
                setattr(self, name, value)
            self.full_clean()
            self.save()
            if self.status != self.Status.CANCELLED:
                self.schedule_follow_ups()

    def goal_list(self) -> list[str]:
        return [line.strip() for line in self.goals.splitlines() if line.strip()]

    @property
    def is_ended(self) -> bool:
        return self.status in self.ENDED

    # -- schedule -------------------------------------------------------------------------

    def schedule_follow_ups(self):
        """Create the three follow-ups, or move the ones not yet done to new dates."""
        due = schedule.follow_up_schedule(self.start_date, self.end_date)
        existing = {f.kind: f for f in self.follow_ups.all()}
        for kind, due_on in due.items():
            follow_up = existing.get(kind)
            if follow_up is None:
                FollowUp.objects.create(internship=self, kind=kind, due_on=due_on)
            elif follow_up.completed_on is None and follow_up.due_on != due_on:
                follow_up.due_on = due_on
                follow_up.reminded_at = None
                follow_up.save(update_fields=["due_on", "reminded_at"])

    def outcome_due_dates(self) -> dict[str, date]:
        return schedule.outcome_schedule(self.ended_on or self.end_date)

    # -- life cycle -----------------------------------------------------------------------

    def assign_mentor(self, volunteer):
        self.mentor = volunteer
        self.full_clean()
        self.save(update_fields=["mentor"])

    def start(self):
        if self.status != self.Status.PLANNED:
            raise ValidationError(_("Only a planned internship can start."))
        self.status = self.Status.ACTIVE
        self.save(update_fields=["status"])

    def finish(self, on: date | None = None, *, early: bool = False, reason: str = ""):
        if self.status not in self.HOLDING:
            raise ValidationError(_("This internship has already ended."))
        on = on or timezone.localdate()
        if on < self.start_date:
            raise ValidationError(_("An internship cannot end before its first day."))
        if early and not reason.strip():
            raise ValidationError({"end_reason": _("Say briefly why it ended early.")})
        with transaction.atomic():
            self.status = self.Status.INTERRUPTED if early else self.Status.COMPLETED
            self.ended_on = on
            self.end_reason = reason
            self.save(update_fields=["status", "ended_on", "end_reason"])
            self.place.refresh_fill_status()

    def cancel(self):
        if self.status != self.Status.PLANNED:
            raise ValidationError(_("Only a planned internship can be cancelled."))
        with transaction.atomic():
            self.status = self.Status.CANCELLED
            self.save(update_fields=["status"])
            self.follow_ups.filter(completed_on__isnull=True).delete()
            self.place.refresh_fill_status()

    def refresh_job(self):
        """Keep `job_started_on` and `days_to_job` equal to the first job among the outcomes."""
        first = (
            self.outcomes.filter(group__in=Outcome.JOB_GROUPS, job_start_date__isnull=False)
            .order_by("job_start_date")
            .values_list("job_start_date", flat=True)
            .first()
        )
        settled = getattr(self.newcomer, "date_of_settlement", None)
        self.job_started_on = first
        self.days_to_job = (
            max(0, (first - settled).days) if first is not None and settled is not None else None
        )
        self.save(update_fields=["job_started_on", "days_to_job"])


class FollowUp(models.Model):
    class Kind(models.TextChoices):
        START = "start", _("Start")
        MIDPOINT = "midpoint", _("Mid-point evaluation")
        FINAL = "final", _("Final evaluation")

    class Rating(models.IntegerChoices):
        POOR = 1, _("Not well")
        FAIR = 2, _("Partly")
        GOOD = 3, _("Well")
        VERY_GOOD = 4, _("Very well")

    class Attendance(models.TextChoices):
        FULL = "full", _("Present as agreed")
        SOME = "some", _("Some absence")
        MUCH = "much", _("Much absence")

    internship = models.ForeignKey(
        Internship,
        verbose_name=_("internship"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    kind = models.CharField(_("follow-up"), max_length=10, choices=Kind)
    due_on = models.DateField(_("due on"), db_index=True)
    completed_on = models.DateField(_("held on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rating = models.PositiveSmallIntegerField(
        _("how is the internship going?"), choices=Rating, null=True, blank=True
    )
    attendance = models.CharField(_("attendance"), max_length=5, choices=Attendance, blank=True)
    goals_progress = models.TextField(_("progress towards the goals"), blank=True)
    newcomer_view = models.TextField(_("the intern says"), blank=True)
    supervisor_view = models.TextField(_("the supervisor says"), blank=True)
    mentor_view = models.TextField(_("the mentor says"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(_("overdue notice sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["internship", "kind"], name="internship_one_follow_up_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.internship}"

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None

    def clean(self):
        super().clean()
        if (
            self.completed_on
            and self.internship_id
            and self.completed_on < self.internship.start_date
        ):
            raise ValidationError(
                {"completed_on": _("A follow-up cannot be held before the internship starts.")}
            )


class ContactLogEntry(models.Model):
    class Party(models.TextChoices):
        NEWCOMER = "newcomer", _("Intern")
        SUPERVISOR = "supervisor", _("Supervisor")
        MENTOR = "mentor", _("Mentor")
        COORDINATOR = "coordinator", _("Coordinator")

    class Channel(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        VISIT = "visit", _("Workplace visit")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        MESSAGE = "message", _("Text message")

    internship = models.ForeignKey(
        Internship,
        verbose_name=_("internship"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    party = models.CharField(_("who"), max_length=12, choices=Party)
    channel = models.CharField(_("how"), max_length=10, choices=Channel)
    note = models.TextField(_("what"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact log entry")
        verbose_name_plural = _("contact log")
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.date} {self.get_party_display()} ({self.get_channel_display()})"


class Outcome(PersonOutcome):
    """An internship's outcome at a checkpoint: one of the person's outcomes
    (`samverka.people.outcomes.Outcome`, which holds kind, dates and employer) with the
    internship and the checkpoint it was recorded at."""

    class Checkpoint(models.TextChoices):
        END = "end", _("At the end")
        DAY_90 = "day_90", _("After 90 days")
        DAY_180 = "day_180", _("After 180 days")

    outcome_ptr = models.OneToOneField(
        PersonOutcome,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        serialize=False,
        related_name="internship_outcome",
    )
    internship = models.ForeignKey(
        Internship,
        verbose_name=_("internship"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    checkpoint = models.CharField(_("when"), max_length=10, choices=Checkpoint)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["internship", "recorded_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["internship", "checkpoint"], name="internship_one_outcome_per_checkpoint"
            )
        ]
        indexes = [
            # the report: outcomes at a checkpoint
            models.Index(fields=["checkpoint"], name="outcome_checkpoint_idx"),
        ]

    def __str__(self):
        return f"{self.get_checkpoint_display()}: {self.get_kind_display()}"

    def owner_person_id(self):
        return self.internship.newcomer.person_id if self.internship_id else None

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.internship.refresh_job()

    def clean(self):
        errors = {}
        if self.internship_id:
            start = self.internship.start_date
            if self.recorded_on and self.recorded_on < start:
                errors["recorded_on"] = _(
                    "An outcome cannot be dated before the internship started (%(date)s)."
                ) % {"date": start}
            if self.job_start_date and self.job_start_date < start:
                errors["job_start_date"] = _(
                    "The job cannot start before the internship started (%(date)s)."
                ) % {"date": start}
        for name, message in self.outcome_errors().items():
            errors.setdefault(name, message)
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        internship = self.internship
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            internship.refresh_job()
        return result
