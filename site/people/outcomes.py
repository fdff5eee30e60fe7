"""The one outcome model: what became of a person after coaching or an internship.

An `Outcome` belongs to a Person and says what they went on to (a job, a subsidised job by
kind, studies, their own business, something else), as of which date, and where: an
organisation from the registry when there is one, otherwise free text. The programmes that
produce outcomes extend it (multi-table inheritance) with their own context, so every outcome
of a person is in one table whichever programme recorded it:

- `mentors.internships.Outcome`: the internship and the checkpoint (end, 90, 180 days);
- `coaching.CaseOutcome`: the coaching case.

The employer is a foreign key to ``settings.SAMVERKA_ORGANISATION_MODEL`` (the site sets it to
``associations.Organisation``) rather than to the app by name: `samverka.people` names no app,
and an installation with another registry points the setting at its own model.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Any host: the registry's organisations unless the host swaps in its own model.
ORGANISATION_MODEL = getattr(settings, "SAMVERKA_ORGANISATION_MODEL", "associations.Organisation")


class OutcomeQuerySet(models.QuerySet):
    def jobs(self):
        """Jobs with or without subsidy (the outcomes with a job start date)."""
        return self.filter(group__in=Outcome.JOB_GROUPS)

    def jobs_started_between(self, start, end):
        return self.jobs().filter(job_start_date__range=(start, end))


class Outcome(models.Model):
    class Kind(models.TextChoices):
        # "job" is a job whose form was not recorded (every internship outcome before the
        # forms were told apart); new outcomes say which form it is.
        JOB = "job", _("Job without subsidy")
        JOB_PERMANENT = "job_permanent", _("Job: permanent")
        JOB_TEMPORARY = "job_temporary", _("Job: temporary")
        JOB_HOURLY = "job_hourly", _("Job: hourly")
        EXTRATJANST = "extratjanst", _("Subsidised: extratjänst")
        NYSTARTSJOBB = "nystartsjobb", _("Subsidised: nystartsjobb")
        LONEBIDRAG = "lonebidrag", _("Subsidised: lönebidrag")
        INTRODUKTIONSJOBB = "introduktionsjobb", _("Subsidised: introduktionsjobb")
        ETABLERINGSJOBB = "etableringsjobb", _("Subsidised: etableringsjobb")
        SFI = "sfi", _("Studies: SFI")
        KOMVUX = "komvux", _("Studies: komvux")
        VOCATIONAL = "vocational", _("Studies: vocational education")
        UNIVERSITY = "university", _("Studies: university")
        BUSINESS = "business", _("Started a business")
        CONTINUED = "continued", _("Continued internship")
        LOOKING = "looking", _("Looking for work")
        OTHER = "other", _("Other")

    class Group(models.TextChoices):
        JOB = "job", _("Job")
        SUBSIDISED = "subsidised", _("Subsidised job")
        STUDIES = "studies", _("Studies")
        CONTINUED = "continued", _("Continued internship")
        LOOKING = "looking", _("Looking for work")
        OTHER = "other", _("Other")
        BUSINESS = "business", _("Own business")

    GROUP_OF = {
        Kind.JOB: Group.JOB,
        Kind.JOB_PERMANENT: Group.JOB,
        Kind.JOB_TEMPORARY: Group.JOB,
        Kind.JOB_HOURLY: Group.JOB,
        Kind.EXTRATJANST: Group.SUBSIDISED,
        Kind.NYSTARTSJOBB: Group.SUBSIDISED,
        Kind.LONEBIDRAG: Group.SUBSIDISED,
        Kind.INTRODUKTIONSJOBB: Group.SUBSIDISED,
        Kind.ETABLERINGSJOBB: Group.SUBSIDISED,
        Kind.SFI: Group.STUDIES,
        Kind.KOMVUX: Group.STUDIES,
        Kind.VOCATIONAL: Group.STUDIES,
        Kind.UNIVERSITY: Group.STUDIES,
        Kind.BUSINESS: Group.BUSINESS,
        Kind.CONTINUED: Group.CONTINUED,
        Kind.LOOKING: Group.LOOKING,
        Kind.OTHER: Group.OTHER,
    }
    JOB_GROUPS = (Group.JOB, Group.SUBSIDISED)

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    kind = models.CharField(_("outcome"), max_length=20, choices=Kind)
    group = models.CharField(_("group"), max_length=12, choices=Group, editable=False)
    recorded_on = models.DateField(_("as of"), default=timezone.localdate)
    job_start_date = models.DateField(_("job started on"), null=True, blank=True)
    employer = models.ForeignKey(
        ORGANISATION_MODEL,
        verbose_name=_("employer in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When the employer or school is in the registry; otherwise write its name."),
    )
    employer_name = models.CharField(_("employer or school"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["recorded_on", "pk"]
        indexes = [
            # reports: people into jobs in a period
            models.Index(fields=["group", "job_start_date"], name="people_outcome_job_idx"),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    def save(self, *args, **kwargs):
        if self.person_id is None:
            self.person_id = self.owner_person_id()
        self.group = self.GROUP_OF[self.kind]
        super().save(*args, **kwargs)

    def owner_person_id(self) -> int | None:
        """The person an outcome of a programme belongs to (the intern, the coached person):
        programmes say so, so that nobody types it twice."""
        return None

    def clean_fields(self, exclude=None):
        if self.person_id is None:
            self.person_id = self.owner_person_id()
        super().clean_fields(exclude=exclude)

    @property
    def is_job(self) -> bool:
        return self.GROUP_OF.get(self.kind) in self.JOB_GROUPS

    @property
    def employer_display(self) -> str:
        return str(self.employer) if self.employer_id else self.employer_name

    def outcome_errors(self) -> dict:
        """The rules every outcome keeps, whichever programme recorded it."""
        errors = {}
        if self.is_job and not self.job_start_date:
            errors["job_start_date"] = _("Give the date the job starts.")
        if not self.is_job and self.job_start_date:
            errors["job_start_date"] = _("A start date belongs only to a job outcome.")
        return errors

    def clean(self):
        super().clean()
        errors = self.outcome_errors()
        if errors:
            raise ValidationError(errors)
