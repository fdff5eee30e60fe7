"""Coaching at Jobbcentrum and the meeting places: cases, contacts, referrals, outcomes.

- A `Case` is a counsellor (vägledare) coaching one Person towards a job or studies: who
  referred them, at which meeting place, with which goals, and when the next contact is due.
- A `Contact` is one meeting, call or session with the person; its note is read only by the
  case's counsellors (`Case.may_read_notes`).
- A `Referral` sends a person from one actor to another (job counsellor → family counsellor,
  open preschool → language support, income support → Jobbcentrum). The receiving actor
  accepts or declines it and reports a result the sender sees; the receiving side's own notes
  stay on the receiving side.
- A `CaseOutcome` is one of the person's outcomes (`samverka.people.outcomes.Outcome`) with
  the case it came from.
- `ActorMembership` says whom a staff user works for (an actor: an organisation of the
  registry or one of the municipality's own units) and at which meeting place: it decides
  which meeting places' cases a counsellor sees and which referrals they answer.

Rules that must hold whatever the entry point live on the models: `Case.close()` refuses a
second close, `Referral.clean()` a referral to oneself or to an actor not at the meeting
place, `CaseOutcome.clean()` an outcome dated before the case started.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Organisation
from samverka.people.models import Person
from samverka.people.outcomes import Outcome as PersonOutcome

MEETING_PLACE_MODEL = getattr(
    settings, "SAMVERKA_MEETING_PLACE_MODEL", "orientation.MeetingPlacePage"
)


def actor_ids_at(meeting_place) -> set[int]:
    """The organisations present at a meeting place (the page's actors)."""
    if meeting_place is None:
        return set()
    return set(meeting_place.actor_organisations().values_list("pk", flat=True))


# -- who works where ------------------------------------------------------------------------


class ActorMembershipQuerySet(models.QuerySet):
    def of_user(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class ActorMembership(models.Model):
    """A staff user works for an actor (Jobbcentrum, the family counsellors, the library…),
    at a meeting place or, with none, from the actor's own office."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="actor_memberships",
    )
    actor = models.ForeignKey(
        Organisation,
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="staff_memberships",
    )
    meeting_place = models.ForeignKey(
        MEETING_PLACE_MODEL,
        verbose_name=_("meeting place"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff_memberships",
    )

    objects = ActorMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "actor", "meeting_place"], name="coaching_one_membership"
            )
        ]

    def __str__(self):
        where = f" – {self.meeting_place}" if self.meeting_place_id else ""
        return f"{self.user} ({self.actor}{where})"


def actors_of(user) -> Q:
    """A condition on organisations: those the user works for or represents."""
    return Q(staff_memberships__user=user) | Q(representatives__user=user)


# -- cases ------------------------------------------------------------------------------------


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A counsellor's own cases and their actor's cases at the meeting places they work at.
        Nobody else sees cases: not coordinators as such, not association representatives,
        not the actor a person was referred to (they see the referral)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        # colleagues: the same actor at the same meeting place (Jobbcentrum at Årby sees
        # Jobbcentrum's cases at Årby; the family counsellors there do not)
        colleague = ActorMembership.objects.filter(
            user=user, actor=OuterRef("actor"), meeting_place=OuterRef("meeting_place")
        )
        return self.filter(
            Q(counsellor=user)
            | Q(pk__in=Case.other_counsellors.through.objects.filter(user=user).values("case"))
            | Exists(colleague)
        )

    def of_counsellor(self, user):
        return self.filter(Q(counsellor=user) | Q(other_counsellors=user)).distinct()

    def open(self):
        return self.exclude(status=Case.Status.CLOSED)

    def contact_due(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.open().filter(next_contact_on__lte=on)


class Case(models.Model):
    class Source(models.TextChoices):
        WALK_IN = "walk_in", _("Walk-in (medborgarservice)")
        INCOME_SUPPORT = "income_support", _("Referred from income support")
        ACTOR = "actor", _("Referred from another actor")
        SFI = "sfi", _("Referred from SFI")
        EMPLOYMENT_SERVICE = "employment_service", _("Referred from Arbetsförmedlingen")
        OTHER = "other", _("Other")

    class Goal(models.TextChoices):
        JOB = "job", _("Job")
        STUDIES = "studies", _("Studies")
        SWEDISH = "swedish", _("Swedish")
        HOUSING = "housing", _("Housing")
        HEALTH = "health", _("Health")
        FAMILY = "family", _("Family and children")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    class CloseReason(models.TextChoices):
        JOB = "job", _("Got a job")
        STUDIES = "studies", _("Started studies")
        MOVED = "moved", _("Moved away")
        OWN_WISH = "own_wish", _("At their own wish")
        NO_CONTACT = "no_contact", _("No longer in contact")
        REFERRED = "referred", _("Handed over to another actor")
        OTHER = "other", _("Other")

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="coaching_cases",
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counsellor"),
        on_delete=models.PROTECT,
        related_name="coaching_cases",
    )
    other_counsellors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("other counsellors"),
        blank=True,
        related_name="coaching_cases_shared",
        help_text=_("Counsellors who work on the case together with the counsellor."),
    )
    actor = models.ForeignKey(
        Organisation,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="coaching_cases",
        help_text=_("Who runs the case, for example Jobbcentrum."),
    )
    meeting_place = models.ForeignKey(
        MEETING_PLACE_MODEL,
        verbose_name=_("meeting place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coaching_cases",
    )
    source = models.CharField(
        _("came through"), max_length=20, choices=Source, default=Source.WALK_IN, db_index=True
    )
    referred_by = models.ForeignKey(
        Organisation,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goals = models.JSONField(_("goals"), default=list, blank=True)
    started_on = models.DateField(_("started on"), default=timezone.localdate, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.ACTIVE, db_index=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(
        _("why it was closed"), max_length=12, choices=CloseReason, blank=True
    )
    next_contact_on = models.DateField(_("next contact"), null=True, blank=True, db_index=True)
    # The first job (with or without subsidy) among the case's outcomes, kept here so that
    # the report takes its median in the database.
    first_job_on = models.DateField(_("first job started on"), null=True, blank=True)
    days_to_job = models.PositiveIntegerField(
        _("days from case start to job"), null=True, blank=True, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("coaching case")
        verbose_name_plural = _("coaching cases")
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["first_job_on", "days_to_job"], name="case_job_idx")]
        permissions = [("view_coaching_report", _("Can see the coaching report"))]

    def __str__(self):
        return f"{self.person} ({self.started_on})"

    def clean(self):
        super().clean()
        unknown = set(self.goals or []) - set(self.Goal.values)
        if unknown:
            raise ValidationError({"goals": _("Unknown goal: %s") % ", ".join(sorted(unknown))})
        if self.source == self.Source.ACTOR and not self.referred_by_id:
            raise ValidationError({"referred_by": _("Say which actor referred the person.")})

    def goal_labels(self) -> list[str]:
        labels = dict(self.Goal.choices)
        return [str(labels.get(goal, goal)) for goal in self.goals or []]

    # -- who ------------------------------------------------------------------------------

    def counsellor_ids(self) -> set[int]:
        """The case's counsellors: the counsellor and the others sharing the case (uses a
        prefetch of ``other_counsellors`` when there is one)."""
        return {self.counsellor_id, *(u.pk for u in self.other_counsellors.all())}

    def may_read_notes(self, user) -> bool:
        """Contact notes are for the case's counsellors only, not their colleagues at the
        meeting place, not the superuser browsing the admin."""
        return getattr(user, "is_authenticated", False) and user.pk in self.counsellor_ids()

    # -- life cycle -----------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def close(self, reason: str, on: date | None = None, by=None):
        """Close the case, or raise ValidationError and change nothing (a case closed by
        someone else a moment ago is not closed again)."""
        on = on or timezone.localdate()
        if reason not in self.CloseReason.values:
            raise ValidationError({"close_reason": _("Choose why the case is closed.")})
        with transaction.atomic():
            current = Case.objects.select_for_update().get(pk=self.pk)
            if current.status == self.Status.CLOSED:
                raise ValidationError(
                    _("This case was already closed on %(date)s.") % {"date": current.closed_on}
                )
            if on < current.started_on:
                raise ValidationError(
                    {"closed_on": _("A case cannot be closed before it started.")}
                )
            self.status = self.Status.CLOSED
            self.closed_on = on
            self.close_reason = reason
            self.next_contact_on = None
            self.save(update_fields=["status", "closed_on", "close_reason", "next_contact_on"])

    def pause(self):
        if self.status != self.Status.ACTIVE:
            raise ValidationError(_("Only an active case can be paused."))
        self.status = self.Status.PAUSED
        self.save(update_fields=["status"])

    def resume(self):
        if self.status != self.Status.PAUSED:
            raise ValidationError(_("Only a paused case can be resumed."))
        self.status = self.Status.ACTIVE
        self.save(update_fields=["status"])

    def add_contact(self, *, author=None, next_contact_on: date | None = None, **fields):
        """Record a contact (validated) and, when given, the date of the next one."""
        if self.is_closed:
            raise ValidationError(_("This case is closed: reopen it before adding contacts."))
        contact = Contact(case=self, author=author, **fields)
        contact.full_clean()
        with transaction.atomic():
            contact.save()
            if next_contact_on is not None:
                if next_contact_on < contact.date:
                    raise ValidationError(
                        {"next_contact_on": _("The next contact cannot be before this one.")}
                    )
                self.next_contact_on = next_contact_on
                self.save(update_fields=["next_contact_on"])
        return contact

    def refresh_job(self):
        """Keep `first_job_on` and `days_to_job` equal to the first job among the outcomes."""
        first = (
            CaseOutcome.objects.filter(
                case=self, group__in=PersonOutcome.JOB_GROUPS, job_start_date__isnull=False
            )
            .order_by("job_start_date")
            .values_list("job_start_date", flat=True)
            .first()
        )
        self.first_job_on = first
        self.days_to_job = max(0, (first - self.started_on).days) if first else None
        self.save(update_fields=["first_job_on", "days_to_job"])


class Contact(models.Model):
    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone call")
        JOB_SEARCH = "job_search", _("Job search together")
        CV = "cv", _("CV")
        INTERVIEW = "interview", _("Interview practice")
        OTHER = "other", _("Other")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="contacts"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.VISIT)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=30)
    # Read only by the case's counsellors (Case.may_read_notes).
    note = models.TextField(_("note"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if self.case_id and self.date and self.date < self.case.started_on:
            raise ValidationError(
                {
                    "date": _("A contact cannot be before the case started (%(date)s).")
                    % {"date": self.case.started_on}
                }
            )
        if self.minutes is not None and not 1 <= self.minutes <= 600:
            raise ValidationError({"minutes": _("Give the length in minutes (1–600).")})


# -- referrals ----------------------------------------------------------------------------------


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals sent or received by an actor the user works for or represents, and the
        referrals of the user's own cases."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        mine = Organisation.objects.filter(actors_of(user)).values("pk")
        return self.filter(
            Q(from_actor__in=mine)
            | Q(to_actor__in=mine)
            | Q(case__counsellor=user)
            | Q(sent_by=user)
        ).distinct()

    def received_by(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        mine = Organisation.objects.filter(actors_of(user)).values("pk")
        return self.filter(to_actor__in=mine)

    def waiting(self):
        return self.filter(status=Referral.Status.SENT)


class Referral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="referrals"
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("from the case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    from_actor = models.ForeignKey(
        Organisation,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    to_actor = models.ForeignKey(
        Organisation,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    meeting_place = models.ForeignKey(
        MEETING_PLACE_MODEL,
        verbose_name=_("at the meeting place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        help_text=_("Empty for a referral to an actor elsewhere in the registry."),
    )
    reason = models.TextField(
        _("reason"),
        max_length=1000,
        help_text=_("What the person needs help with. The receiving actor reads this."),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.SENT, db_index=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(
        _("answer to the sender"),
        max_length=1000,
        blank=True,
        help_text=_("Why it was declined, or what became of it. The sender reads this."),
    )
    receiver_notes = models.TextField(
        _("notes of the receiving actor"),
        max_length=2000,
        blank=True,
        help_text=_("Only the receiving actor reads these."),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.person} → {self.to_actor}"

    def clean(self):
        super().clean()
        if self.from_actor_id and self.from_actor_id == self.to_actor_id:
            raise ValidationError(
                {"to_actor": _("A referral goes to another actor, not to the one sending it.")}
            )
        if (
            self.meeting_place_id
            and self.to_actor_id
            and self.to_actor_id not in actor_ids_at(self.meeting_place)
        ):
            raise ValidationError(
                {
                    "to_actor": _(
                        "%(actor)s is not at %(place)s. Choose an actor at the meeting place, "
                        "or leave the meeting place empty to refer elsewhere in the registry."
                    )
                    % {"actor": self.to_actor, "place": self.meeting_place}
                }
            )

    @classmethod
    def send(cls, **fields) -> Referral:
        """Validate, save and tell the receiving actor (through the outbox): all or nothing."""
        referral = cls(**fields)
        if referral.case_id and not referral.person_id:
            referral.person_id = referral.case.person_id
        referral.full_clean()
        with transaction.atomic():
            referral.save()
            referral.notify_receiver()
        return referral

    def notify_receiver(self):
        """An email to each staff member and representative of the receiving actor, saying
        that a referral waits, with a link (to the admin for staff, to the public site for
        representatives); the person's name is not in the email."""
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        from samverka.core.links import absolute
        from samverka.core.notify import notify

        users = get_user_model().objects.exclude(email="")
        staff = users.filter(actor_memberships__actor=self.to_actor).distinct()
        representatives = (
            users.filter(representations__organisation=self.to_actor)
            .exclude(pk__in=staff.values("pk"))
            .distinct()
        )
        for recipients, url in (
            (staff, reverse("coaching_admin:referral", args=[self.pk])),
            (representatives, reverse("coaching:referral", args=[self.pk])),
        ):
            for user in recipients:
                notify(
                    user.email,
                    "coaching.referral_received",
                    {
                        "actor": self.to_actor.name,
                        "from_actor": self.from_actor.name,
                        "link": absolute(url),
                    },
                    language=getattr(getattr(user, "person", None), "preferred_language", None),
                )

    def _answer(self, status, by, text=""):
        with transaction.atomic():
            current = Referral.objects.select_for_update().get(pk=self.pk)
            if current.status != self.Status.SENT:
                raise ValidationError(
                    _("This referral has already been answered (%(status)s).")
                    % {"status": current.get_status_display()}
                )
            self.status = status
            self.answered_by = by
            self.answered_at = timezone.now()
            self.answer = text
            self.save(update_fields=["status", "answered_by", "answered_at", "answer"])
            self.notify_sender()

    def notify_sender(self):
        """Tell the counsellor who sent the referral (or, with none recorded, the case's
        counsellor) that it was accepted, declined or completed, with a link to the answer;
        like the email to the receiver, it leaves out who the person is."""
        from django.urls import reverse

        from samverka.core.links import absolute
        from samverka.core.notify import notify

        sender = self.sent_by or (self.case.counsellor if self.case_id else None)
        if sender is None or not sender.email:
            return
        kind = {
            self.Status.ACCEPTED: "coaching.referral_accepted",
            self.Status.DECLINED: "coaching.referral_declined",
            self.Status.COMPLETED: "coaching.referral_completed",
        }[self.status]
        notify(
            sender.email,
            kind,
            {
                "actor": self.to_actor.name,
                "link": absolute(reverse("coaching_admin:referral", args=[self.pk])),
            },
            language=getattr(getattr(sender, "person", None), "preferred_language", None),
        )

    def accept(self, by, text: str = ""):
        self._answer(self.Status.ACCEPTED, by, text)

    def decline(self, by, text: str):
        if not (text or "").strip():
            raise ValidationError({"answer": _("Say briefly why the referral is declined.")})
        self._answer(self.Status.DECLINED, by, text)

    def complete(self, by, text: str, on: date | None = None):
        """The receiving actor is done: `text` (what became of it) goes back to the sender."""
        if not (text or "").strip():
            raise ValidationError({"answer": _("Tell the sender briefly what became of it.")})
        with transaction.atomic():
            # read under a lock: two clicks on "completed" tell the sender once
            current = Referral.objects.select_for_update().get(pk=self.pk)
            if current.status != self.Status.ACCEPTED:
                raise ValidationError(_("Only an accepted referral can be completed."))
            self.status = self.Status.COMPLETED
            self.answer = text
            self.completed_on = on or timezone.localdate()
            self.save(update_fields=["status", "answer", "completed_on"])
            self.notify_sender()


# -- outcomes -----------------------------------------------------------------------------------


class CaseOutcome(PersonOutcome):
    """One of the person's outcomes, recorded on a coaching case."""

    outcome_ptr = models.OneToOneField(
        PersonOutcome,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        serialize=False,
        related_name="case_outcome",
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="outcomes"
    )

    class Meta:
        verbose_name = _("outcome of a case")
        verbose_name_plural = _("outcomes of cases")
        ordering = ["case", "recorded_on"]

    def clean(self):
        errors = {}
        if self.case_id:
            start = self.case.started_on
            for name, value in (
                ("recorded_on", self.recorded_on),
                ("job_start_date", self.job_start_date),
            ):
                if value and value < start:
                    errors[name] = _(
                        "An outcome cannot be dated before the case started (%(date)s)."
                    ) % {"date": start}
        for name, message in self.outcome_errors().items():
            errors.setdefault(name, message)
        if errors:
            raise ValidationError(errors)

    def owner_person_id(self):
        return self.case.person_id if self.case_id else None

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.case.refresh_job()

    def delete(self, *args, **kwargs):
        case = self.case
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            case.refresh_job()
        return result
