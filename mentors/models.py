"""Newcomers, mentor preferences, the matching policy, matching runs and the life of a match.

A match goes: proposed (approved by a coordinator, nothing agreed yet) → active (both said
yes: the volunteer on their pages or by the emailed link, the newcomer through a coordinator
or their own account) → ended (with a reason and feedback). A decline carries a reason and
puts the newcomer first in line for the next run. Capacity is checked under a row lock on the
volunteer, so two coordinators approving at once can never overfill a mentor.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from associations.models import Volunteer
from samverka.people import vocabulary
from samverka.people.fields import ChoiceListField, validate_language_levels
from samverka.people.models import Person

from . import engine

NO_CONTACT_DAYS = 30
ANSWER_SALT = "mentors.match.answer"


# One vocabulary and one set of person choices for every app (samverka.people).
Gender = Person.Gender
Household = Person.Household
INTERESTS = vocabulary.INTERESTS
interest_codes = vocabulary.interest_codes


# Referenced by migration 0001 (the fields now validate through samverka.people.fields).
def _validate_languages(value):
    validate_language_levels(value)


def _validate_slots(value):
    unknown = set(value or []) - set(vocabulary.AVAILABILITY_SLOTS)
    if unknown:
        raise ValidationError(_("Unknown time: %s") % ", ".join(sorted(unknown)))


# --------------------------------------------------------------------------------------
# Newcomers
# --------------------------------------------------------------------------------------


class NewcomerQuerySet(models.QuerySet):
    def register(self, **fields) -> Newcomer:
        """A new newcomer and the Person they are, from one set of fields (the Person's and
        the profile's), saved together."""
        person_fields = {k: fields.pop(k) for k in list(fields) if k in Newcomer.PERSON_FIELDS}
        with transaction.atomic():
            person = fields.pop("person", None) or Person.objects.create(**person_fields)
            return self.create(person=person, **fields)

    def waiting(self):
        return self.filter(status=Newcomer.Status.WAITING)

    def pending(self):
        return self.filter(status=Newcomer.Status.PENDING)

    def in_line(self):
        """Waiting newcomers, first in line and longest waiting first."""
        return self.waiting().order_by("-first_in_line", "waiting_since", "pk")


class NewcomerManager(models.Manager.from_queryset(NewcomerQuerySet)):
    # Every list of newcomers shows their names: the Person comes in the same query.
    def get_queryset(self):
        return super().get_queryset().select_related("person")


class Newcomer(models.Model):
    """A newcomer's kompis profile: what matching needs beyond the `people.Person` they are
    (Swedish level, goals, interests, times, kompis preferences, place in line). Registered by
    a coordinator (often without email or account: phone first) or through the public form,
    pending a coordinator's check. Name, phone, languages, district and consent are the
    Person's; the read-only properties below pass them through for templates and matching."""

    Gender = Gender
    Household = Household

    class Status(models.TextChoices):
        PENDING = "pending", _("Applied, to be checked")
        WAITING = "waiting", _("Waiting for a kompis")
        MATCHED = "matched", _("Has a kompis")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        COORDINATOR = "coordinator", _("Registered by a coordinator")
        PUBLIC_FORM = "public_form", _("Applied through the form")

    class SfiCourse(models.TextChoices):
        NONE = "", _("Not started")
        A = "A", _("SFI course A")
        B = "B", _("SFI course B")
        C = "C", _("SFI course C")
        D = "D", _("SFI course D")
        DONE = "done", _("SFI completed")

    class Goal(models.TextChoices):
        SWEDISH = "swedish", _("Practise Swedish")
        NETWORK = "network", _("Meet people, build a network")
        JOB = "job", _("Find a job")
        LEISURE = "leisure", _("Leisure and culture")

    # Swedish level implied by an SFI course, when no level is recorded.
    SFI_LEVELS = {"": 0, "A": 1, "B": 2, "C": 3, "D": 4, "done": 4}

    # The Person's fields a newcomer is registered with (see `NewcomerQuerySet.register`).
    PERSON_FIELDS = frozenset(
        {
            "user",
            "first_name",
            "last_name",
            "phone",
            "email",
            "preferred_language",
            "languages",
            "district",
            "postcode",
            "latitude",
            "longitude",
            "date_of_settlement",
            "birth_year",
            "gender",
            "household",
            "home_municipality",
        }
    )

    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="newcomer",
    )
    sfi_course = models.CharField(
        _("SFI course"), max_length=4, choices=SfiCourse, blank=True, default=""
    )
    interests = ChoiceListField(_("interests"), vocabulary="interests")
    profession = models.CharField(_("profession"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    education = models.CharField(_("education"), max_length=200, blank=True)
    goals = ChoiceListField(_("goals"), item_choices=Goal.choices)
    availability = ChoiceListField(_("availability"), vocabulary="availability")
    mentor_gender = models.CharField(
        _("wants a kompis who is"),
        max_length=10,
        choices=[(Gender.FEMALE, _("a woman")), (Gender.MALE, _("a man"))],
        blank=True,
        help_text=_("A hard rule when filled in."),
    )
    notes = models.TextField(_("notes (coordinators only)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.WAITING, db_index=True
    )
    source = models.CharField(
        _("registered through"), max_length=20, choices=Source, default=Source.COORDINATOR
    )
    waiting_since = models.DateTimeField(_("waiting since"), default=timezone.now, db_index=True)
    first_in_line = models.BooleanField(
        _("first in line"), default=False, help_text=_("Set after a declined match.")
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NewcomerManager()

    class Meta:
        verbose_name = _("newcomer")
        verbose_name_plural = _("newcomers")
        ordering = ["waiting_since", "pk"]

    def __str__(self):
        return self.full_name

    # ---- the Person's fields, read through the profile ----

    full_name = property(lambda self: self.person.full_name)
    first_name = property(lambda self: self.person.first_name)
    last_name = property(lambda self: self.person.last_name)
    phone = property(lambda self: self.person.phone)
    phone_display = property(lambda self: self.person.phone_display)
    email = property(lambda self: self.person.email)
    user = property(lambda self: self.person.user)
    user_id = property(lambda self: self.person.user_id)
    languages = property(lambda self: self.person.languages)
    district = property(lambda self: self.person.district)
    latitude = property(lambda self: self.person.latitude)
    longitude = property(lambda self: self.person.longitude)
    gender = property(lambda self: self.person.gender)
    birth_year = property(lambda self: self.person.birth_year)
    household = property(lambda self: self.person.household)
    date_of_settlement = property(lambda self: self.person.date_of_settlement)

    @property
    def waiting_days(self) -> int:
        return max(0, (timezone.now() - self.waiting_since).days)

    @classmethod
    def build(cls, **fields) -> Newcomer:
        """An unsaved newcomer with an unsaved Person (for matching what-ifs and tests)."""
        person_fields = {k: fields.pop(k) for k in list(fields) if k in cls.PERSON_FIELDS}
        return cls(person=fields.pop("person", None) or Person(**person_fields), **fields)

    def language_levels(self) -> dict[str, int]:
        """Languages with the Swedish level from the SFI course when none is recorded."""
        levels = {k: int(v) for k, v in (self.languages or {}).items()}
        implied = self.SFI_LEVELS.get(self.sfi_course, 0)
        if implied and levels.get("sv", 0) < implied:
            levels["sv"] = implied
        return levels

    def language_names(self) -> list[tuple[str, int]]:
        return [
            (vocabulary.language_name(code), level)
            for code, level in sorted(self.language_levels().items(), key=lambda kv: -kv[1])
        ]

    def record(self) -> engine.Newcomer:
        return engine.Newcomer(
            id=self.pk,
            languages=self.language_levels(),
            latitude=self.latitude,
            longitude=self.longitude,
            district=self.district,
            gender="" if self.gender == Gender.UNSTATED else self.gender,
            birth_year=self.birth_year,
            household=self.household,
            interests=interest_codes(self.interests),
            profession=self.profession,
            sector=self.sector,
            availability=frozenset(self.availability or []),
            mentor_gender=self.mentor_gender,
            waiting_days=self.waiting_days,
            first_in_line=self.first_in_line,
            label=self.full_name,
        )

    def approve_application(self):
        """A coordinator checked a self-application: the newcomer joins the waiting list,
        waiting since they applied."""
        if self.status == self.Status.PENDING:
            self.status = self.Status.WAITING
            self.save(update_fields=["status", "updated_at"])


# --------------------------------------------------------------------------------------
# Mentors: volunteers from the associations app, plus matching preferences
# --------------------------------------------------------------------------------------


class MentorPreferences(models.Model):
    """What matching needs about a volunteer beyond their volunteer record."""

    volunteer = models.OneToOneField(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="mentor_preferences",
    )
    household = models.CharField(_("household"), max_length=20, choices=Household, blank=True)
    newcomer_gender = models.CharField(
        _("wants to be kompis to"),
        max_length=10,
        choices=[(Gender.FEMALE, _("a woman")), (Gender.MALE, _("a man"))],
        blank=True,
        help_text=_("A hard rule when filled in."),
    )
    paused = models.BooleanField(_("no new newcomers for now"), default=False)

    class Meta:
        verbose_name = _("mentor preferences")
        verbose_name_plural = _("mentor preferences")

    def __str__(self):
        return str(self.volunteer)


def available_mentors():
    """Vetted buddies who take newcomers, with the number of matches holding capacity."""
    return (
        Volunteer.objects.vetted()
        .with_role(Volunteer.Role.BUDDY)
        .filter(capacity__gt=0)
        .exclude(mentor_preferences__paused=True)
        .select_related("mentor_preferences")
        .annotate(
            holding=Count("kompis_matches", filter=Q(kompis_matches__status__in=Match.HOLDING))
        )
    )


def municipality_exclusions(newcomers, mentors, policy) -> set[tuple[int, int]]:
    """The pairs of a newcomer and a kompis in different municipalities, excluded like any
    excluded pair unless the policy matches across municipalities. No query: the newcomer's
    home municipality comes with their Person, the kompis's from their district."""
    if policy.across_municipalities:
        return set()
    from samverka.people.municipalities import default_municipality_pk, pairs_across
    from samverka.people.vocabulary import district_municipality

    default = default_municipality_pk()
    return pairs_across(
        {n.pk: n.person.home_municipality_id for n in newcomers},
        {m.pk: district_municipality(m.district) or default for m in mentors},
    )


def mentor_record(volunteer: Volunteer, holding: int | None = None) -> engine.Mentor:
    prefs = getattr(volunteer, "mentor_preferences", None)
    if holding is None:
        holding = getattr(volunteer, "holding", None)
        if holding is None:
            holding = volunteer.kompis_matches.filter(status__in=Match.HOLDING).count()
    return engine.Mentor(
        id=volunteer.pk,
        languages={k: int(v) for k, v in (volunteer.languages or {}).items()},
        latitude=volunteer.latitude,
        longitude=volunteer.longitude,
        district=volunteer.district,
        gender="" if volunteer.gender == Volunteer.Gender.UNSTATED else volunteer.gender,
        birth_year=volunteer.birth_year,
        household=prefs.household if prefs else "",
        interests=interest_codes(volunteer.interests),
        profession=volunteer.profession,
        sector=volunteer.sector,
        availability=frozenset(volunteer.availability or []),
        newcomer_gender=prefs.newcomer_gender if prefs else "",
        capacity=volunteer.capacity,
        active=holding,
        label=volunteer.full_name,
    )


# --------------------------------------------------------------------------------------
# Matching policy (versioned)
# --------------------------------------------------------------------------------------


class MatchingPolicyQuerySet(models.QuerySet):
    def current(self) -> MatchingPolicy:
        policy = self.order_by("-version").first()
        if policy is None:
            policy = MatchingPolicy()
            policy.save()
        return policy


class MatchingPolicy(models.Model):
    """Hard rules and weights. Never changed in place: every save is a new version, and every
    proposal points at the version it was made with."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    min_language_level = models.PositiveSmallIntegerField(
        _("shared language at least at level"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    max_distance_km = models.FloatField(
        _("maximum distance (km)"),
        null=True,
        blank=True,
        default=10.0,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty for no limit."),
    )
    respect_gender_preference = models.BooleanField(
        _("a stated gender preference is a hard rule"), default=True
    )
    require_common_slot = models.BooleanField(_("at least one common time"), default=True)
    across_municipalities = models.BooleanField(
        _("match across municipalities"),
        default=False,
        help_text=_(
            "Off: a newcomer is matched only with a kompis in their home municipality (the "
            "kompis's district says where they live)."
        ),
    )
    weight_language = models.FloatField(
        _("weight: language level"), default=3.0, validators=[MinValueValidator(0)]
    )
    weight_distance = models.FloatField(
        _("weight: distance"), default=2.0, validators=[MinValueValidator(0)]
    )
    weight_interests = models.FloatField(
        _("weight: interests"), default=2.0, validators=[MinValueValidator(0)]
    )
    weight_profession = models.FloatField(
        _("weight: profession"), default=1.0, validators=[MinValueValidator(0)]
    )
    weight_age = models.FloatField(_("weight: age"), default=1.0, validators=[MinValueValidator(0)])
    weight_household = models.FloatField(
        _("weight: household"), default=0.5, validators=[MinValueValidator(0)]
    )
    weight_availability = models.FloatField(
        _("weight: common times"), default=1.5, validators=[MinValueValidator(0)]
    )
    # Bounded so one waiting day always outweighs any total of scores (see mentors.engine).
    second_slot_cost = models.FloatField(
        _("points off for a mentor's second newcomer"),
        default=10.0,
        validators=[MinValueValidator(0), MaxValueValidator(engine.MAX_SLOT_COST)],
    )
    third_slot_cost = models.FloatField(
        _("points off for a mentor's third newcomer"),
        default=25.0,
        validators=[MinValueValidator(0), MaxValueValidator(engine.MAX_SLOT_COST)],
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MatchingPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching policy")
        verbose_name_plural = _("matching policies")
        ordering = ["-version"]

    def __str__(self):
        return _("Policy version %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs):
        # Every save is a new version; the old one stays as it was.
        with transaction.atomic():
            last = MatchingPolicy.objects.select_for_update().order_by("-version").first()
            self.pk = None
            self._state.adding = True
            self.version = (last.version if last else 0) + 1
            self.created_at = timezone.now()
            kwargs.pop("update_fields", None)
            kwargs["force_insert"] = True
            super().save(*args, **kwargs)

    def weights(self) -> dict[str, float]:
        return {c: float(getattr(self, f"weight_{c}")) for c in engine.CRITERIA}

    def engine_policy(self, excluded=()) -> engine.Policy:
        """The engine's policy. Versions saved before the bounds existed are read within
        them rather than failing the board."""
        return engine.Policy(
            min_language_level=self.min_language_level,
            max_distance_km=self.max_distance_km,
            respect_gender_preference=self.respect_gender_preference,
            require_common_slot=self.require_common_slot,
            excluded_pairs=frozenset(excluded),
            weights={c: max(0.0, w) for c, w in self.weights().items()},
            second_slot_cost=min(max(0.0, self.second_slot_cost), engine.MAX_SLOT_COST),
            third_slot_cost=min(max(0.0, self.third_slot_cost), engine.MAX_SLOT_COST),
            version=self.version,
        )


class ExcludedPairQuerySet(models.QuerySet):
    def pairs(self) -> set[tuple[int, int]]:
        return set(self.values_list("newcomer_id", "volunteer_id"))


class ExcludedPair(models.Model):
    """A pair that must never be proposed (a hard rule of every run): added by a coordinator,
    or by a declined proposal so the same two are not offered to each other again. A
    coordinator can remove it from the board."""

    class Source(models.TextChoices):
        COORDINATOR = "coordinator", _("Excluded by a coordinator")
        DECLINED = "declined", _("Proposal declined")

    newcomer = models.ForeignKey(
        Newcomer, verbose_name=_("newcomer"), on_delete=models.CASCADE, related_name="+"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    source = models.CharField(
        _("why excluded"), max_length=12, choices=Source, default=Source.COORDINATOR
    )
    match = models.ForeignKey(
        "Match",
        verbose_name=_("declined match"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ExcludedPairQuerySet.as_manager()

    class Meta:
        verbose_name = _("excluded pair")
        verbose_name_plural = _("excluded pairs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["newcomer", "volunteer"], name="unique_excluded_pair")
        ]

    def __str__(self):
        return f"{self.newcomer} – {self.volunteer}"


# --------------------------------------------------------------------------------------
# Runs and proposals
# --------------------------------------------------------------------------------------


class MatchRun(models.Model):
    """One run of the engine: a set of proposals for a coordinator to review. Nothing is sent
    until proposals are approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUPERSEDED = "superseded", _("Replaced by a re-run")
        APPROVED = "approved", _("Approved")

    policy = models.ForeignKey(
        MatchingPolicy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="runs"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reruns"
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT)
    locked = models.JSONField(_("locked pairs"), default=list, blank=True)
    forbidden = models.JSONField(_("forbidden pairs"), default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    issues = models.JSONField(default=list, blank=True)
    unmatched = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Matching run %(pk)s") % {"pk": self.pk}

    @property
    def locked_pairs(self) -> set[tuple[int, int]]:
        return {(int(a), int(b)) for a, b in self.locked}

    @property
    def forbidden_pairs(self) -> set[tuple[int, int]]:
        return {(int(a), int(b)) for a, b in self.forbidden}

    @classmethod
    def execute(cls, *, user=None, locked=(), forbidden=(), keep=(), parent=None, progress=None):
        """Run the engine on the waiting list and the available mentors and store the result.

        ``keep`` are proposals of an earlier run (a re-run). They are preferences, not locks:
        the waiting-time priority comes first exactly as in a fresh run, and among the
        assignments that honour it the engine changes as few kept proposals as possible.
        The differences from ``parent`` are stored in ``stats["changes"]``."""
        policy = MatchingPolicy.objects.current()
        waiting = Newcomer.objects.waiting()
        pool = available_mentors()
        if user is not None:  # a coordinator matches their own municipalities' newcomers
            from samverka.people.municipalities import scope

            waiting = scope(waiting, user, ("person__home_municipality",))
            if not policy.across_municipalities:
                # and their kompisar (by district, as on the board): another municipality's
                # could not be proposed, and the run page names those left unmatched
                pool = scope(pool, user, (), district="district")
        newcomers = list(waiting)
        mentors = list(pool)
        if progress:
            progress(
                _("Newcomers waiting: %(newcomers)s, kompisar available: %(mentors)s")
                % {"newcomers": len(newcomers), "mentors": len(mentors)}
            )
        excluded = ExcludedPair.objects.pairs() | municipality_exclusions(
            newcomers, mentors, policy
        )
        # pairs whose people were approved elsewhere meanwhile drop out silently
        present_n = {n.pk for n in newcomers}
        present_m = {m.pk for m in mentors}
        locked = {
            (int(a), int(b)) for a, b in locked if int(a) in present_n and int(b) in present_m
        }
        forbidden = {(int(a), int(b)) for a, b in forbidden}
        keep = {(int(a), int(b)) for a, b in keep} - forbidden - excluded
        result = engine.match(
            [n.record() for n in newcomers],
            [mentor_record(m) for m in mentors],
            policy.engine_policy(excluded),
            locked=locked,
            forbidden=forbidden,
            preferred=keep,
        )
        if progress:
            progress(
                _("Proposals: %(proposals)s, possible pairs: %(pairs)s")
                % {"proposals": result.matched, "pairs": result.feasible_pairs}
            )
        stats = {
            "newcomers": len(newcomers),
            "mentors": len(mentors),
            "feasible_pairs": result.feasible_pairs,
            "excluded_pairs": result.excluded_pairs,
            "matched": result.matched,
            "total_score": result.total_score,
            "seconds": round(result.timings.get("total", 0.0), 3),
        }
        if parent is not None:
            stats["changes"] = _changes(keep, result.proposals)
        with transaction.atomic():
            run = cls.objects.create(
                policy=policy,
                parent=parent,
                locked=sorted([a, b] for a, b in locked),
                forbidden=sorted([a, b] for a, b in forbidden),
                stats=stats,
                issues=[i.as_dict() for i in result.issues],
                unmatched=[
                    u.as_dict() for u in result.unmatched_newcomers + result.unmatched_mentors
                ],
                created_by=user,
            )
            Proposal.objects.bulk_create(
                Proposal(
                    run=run,
                    newcomer_id=p.newcomer_id,
                    volunteer_id=p.mentor_id,
                    score=p.score,
                    breakdown=p.breakdown,
                    top_criteria=list(p.top_criteria),
                    distance_km=p.distance_km,
                    locked=(p.newcomer_id, p.mentor_id) in locked,
                    kept=p.kept,
                    runner_up_id=p.runner_up,
                    runner_up_score=p.runner_up_score,
                    advantages=[list(a) for a in p.advantages],
                )
                for p in result.proposals
            )
            if parent is not None:
                cls.objects.filter(pk=parent.pk).update(status=cls.Status.SUPERSEDED)
            log(
                run,
                "mentors.rerun" if parent is not None else "mentors.run",
                user=user,
                data={
                    "matched": result.matched,
                    "newcomers": len(newcomers),
                    "parent": parent.pk if parent is not None else None,
                    "policy_version": policy.version,
                },
            )
        return run

    def rerun(self, *, user=None, lock=(), unlock=(), forbid=(), swap=None):
        """A new run from this one: its proposals are preferred (kept where fairness allows);
        locks and forbids carry over. ``swap`` is a pair of proposal ids whose mentors are
        exchanged (and locked)."""
        locked = self.locked_pairs | {tuple(map(int, p)) for p in lock}
        locked -= {tuple(map(int, p)) for p in unlock}
        forbidden = self.forbidden_pairs | {tuple(map(int, p)) for p in forbid}
        locked -= forbidden
        if swap:
            first, second = (self.proposals.get(pk=pk) for pk in swap)
            for proposal in (first, second):
                locked.discard((proposal.newcomer_id, proposal.volunteer_id))
            locked |= {
                (first.newcomer_id, second.volunteer_id),
                (second.newcomer_id, first.volunteer_id),
            }
        keep = set(self.proposals.values_list("newcomer_id", "volunteer_id")) - forbidden
        return MatchRun.execute(
            user=user, locked=locked, forbidden=forbidden, keep=keep, parent=self
        )

    def explanations(self):
        """Unmatched people with names, for display."""
        ids_n = {u["id"] for u in self.unmatched if u["kind"] == "newcomer"} | {
            u["best_candidate"] for u in self.unmatched if u["kind"] == "mentor"
        }
        ids_n |= {t for u in self.unmatched if u["kind"] == "newcomer" for t in u["taken_by"]}
        ids_v = {u["id"] for u in self.unmatched if u["kind"] == "mentor"} | {
            u["best_candidate"] for u in self.unmatched if u["kind"] == "newcomer"
        }
        ids_v |= {t for u in self.unmatched if u["kind"] == "mentor" for t in u["taken_by"]}
        newcomers = Newcomer.objects.in_bulk([i for i in ids_n if i is not None])
        volunteers = Volunteer.objects.in_bulk([i for i in ids_v if i is not None])
        rows = []
        for u in self.unmatched:
            own, other = (
                (newcomers, volunteers) if u["kind"] == "newcomer" else (volunteers, newcomers)
            )
            taken_side = newcomers if u["kind"] == "newcomer" else volunteers
            if u.get("taken_by_first_in_line"):
                taker_reason = "first_in_line"
            elif u.get("taken_by_waited_longer"):
                taker_reason = "longer"
            elif u.get("taken_by_locked"):
                taker_reason = "locked"
            else:
                # the optimum never gives a place to someone who waited fewer days
                taker_reason = "as_long"
            rows.append(
                {
                    **u,
                    "full_candidates": u.get("full_candidates", 0),
                    "person": own.get(u["id"]),
                    "best": other.get(u["best_candidate"]),
                    "takers": [taken_side.get(t) for t in u["taken_by"]],
                    "taker_reason": taker_reason,
                    "rules": [(rule, n) for rule, n in u["excluded_by"].items() if n],
                }
            )
        return rows


def _changes(before: set[tuple[int, int]], proposals) -> dict:
    """What a re-run changed: proposals kept, and per newcomer the kompis before and after
    (None for none)."""
    old = dict(before)
    new = {p.newcomer_id: p.mentor_id for p in proposals}
    changed = [
        {"newcomer": n, "before": old.get(n), "after": new.get(n)}
        for n in sorted(set(old) | set(new))
        if old.get(n) != new.get(n)
    ]
    return {"kept": sum(1 for n, v in new.items() if old.get(n) == v), "changed": changed}


class Proposal(models.Model):
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    newcomer = models.ForeignKey(Newcomer, on_delete=models.CASCADE, related_name="proposals")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="kompis_proposals"
    )
    score = models.FloatField(_("score"))
    breakdown = models.JSONField(_("score per criterion"), default=dict)
    top_criteria = models.JSONField(default=list)
    distance_km = models.FloatField(null=True, blank=True)
    locked = models.BooleanField(_("locked"), default=False)
    kept = models.BooleanField(_("kept from the previous run"), default=False)
    # The newcomer's next option and where this pair beats it: [[criterion, points], ...]
    runner_up = models.ForeignKey(
        Volunteer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    runner_up_score = models.FloatField(null=True, blank=True)
    advantages = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-score", "pk"]

    def __str__(self):
        return f"{self.newcomer} – {self.volunteer}"

    def approve(self, by) -> Match:
        match = Match.propose(self.newcomer, self.volunteer, by=by, proposal=self)
        log(match, "mentors.approve", user=by, data={"run": self.run_id, "score": self.score})
        return match


# --------------------------------------------------------------------------------------
# Matches
# --------------------------------------------------------------------------------------


class CapacityError(Exception):
    pass


class MatchQuerySet(models.QuerySet):
    def holding(self):
        return self.filter(status__in=Match.HOLDING)

    def of_volunteer_user(self, user):
        return self.filter(volunteer__user=user)

    def with_hours(self):
        return self.annotate(minutes=Sum("meetings__minutes"))

    def without_contact(self, days=NO_CONTACT_DAYS, today=None):
        today = today or timezone.localdate()
        cutoff = today - datetime.timedelta(days=days)
        return self.filter(status=Match.Status.ACTIVE).filter(
            Q(last_contact_on__lt=cutoff)
            | Q(last_contact_on__isnull=True, started_at__date__lt=cutoff)
        )


class Match(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, waiting for answers")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Declined")

    class Answer(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ACCEPTED = "accepted", _("Yes")
        DECLINED = "declined", _("No")

    class EndReason(models.TextChoices):
        COMPLETED = "completed", _("The agreed time is over")
        NEWCOMER_MOVED = "newcomer_moved", _("The newcomer moved or stopped")
        VOLUNTEER_STOPPED = "volunteer_stopped", _("The volunteer stopped")
        NOT_WORKING = "not_working", _("The pairing did not work")
        NO_CONTACT = "no_contact", _("No contact any more")
        OTHER = "other", _("Other")

    HOLDING = (Status.PROPOSED, Status.ACTIVE)

    newcomer = models.ForeignKey(
        Newcomer, verbose_name=_("newcomer"), on_delete=models.PROTECT, related_name="matches"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("kompis"), on_delete=models.PROTECT, related_name="kompis_matches"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    policy = models.ForeignKey(
        MatchingPolicy, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    breakdown = models.JSONField(_("score per criterion"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PROPOSED, db_index=True
    )
    volunteer_answer = models.CharField(max_length=10, choices=Answer, default=Answer.PENDING)
    volunteer_answered_at = models.DateTimeField(null=True, blank=True)
    newcomer_answer = models.CharField(max_length=10, choices=Answer, default=Answer.PENDING)
    newcomer_answered_at = models.DateTimeField(null=True, blank=True)
    newcomer_answer_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(_("why not"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(_("active since"), null=True, blank=True)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("flagged for no contact"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=EndReason, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-approved_at", "-pk"]
        constraints = [
            # one proposed or active match per newcomer at a time
            models.UniqueConstraint(
                fields=["newcomer"],
                condition=Q(status__in=["proposed", "active"]),
                name="one_holding_match_per_newcomer",
            )
        ]

    def __str__(self):
        return f"{self.newcomer} – {self.volunteer}"

    # ---- creation under a row lock ----

    @classmethod
    def propose(cls, newcomer, volunteer, *, by=None, proposal=None) -> Match:
        """Approve a pair. The volunteer's row is locked while their matches are counted, so
        concurrent approvals queue up and capacity is never exceeded."""
        with transaction.atomic():
            mentor = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
            held = cls.objects.filter(volunteer=mentor, status__in=cls.HOLDING).count()
            if held >= mentor.capacity:
                raise CapacityError(
                    _("%(name)s has no free place (capacity %(capacity)s).")
                    % {"name": mentor.full_name, "capacity": mentor.capacity}
                )
            person = Newcomer.objects.select_for_update().get(pk=newcomer.pk)
            if cls.objects.filter(newcomer=person, status__in=cls.HOLDING).exists():
                raise CapacityError(
                    _("%(name)s already has a kompis or a proposal.") % {"name": person.full_name}
                )
            match = cls.objects.create(
                newcomer=person,
                volunteer=mentor,
                proposal=proposal,
                policy=proposal.run.policy if proposal else None,
                score=proposal.score if proposal else None,
                breakdown=proposal.breakdown if proposal else {},
                approved_by=by,
            )
            person.status = Newcomer.Status.MATCHED
            person.save(update_fields=["status", "updated_at"])
        match.notify_volunteer()
        match.notify_newcomer()
        return match

    # ---- answers ----

    def answer_token(self) -> str:
        return signing.dumps({"m": self.pk, "v": self.volunteer_id}, salt=ANSWER_SALT)

    @classmethod
    def from_token(cls, token: str, max_age_days: int = 30):
        """The match behind an emailed link, or raises signing.BadSignature /
        signing.SignatureExpired / Match.DoesNotExist."""
        data = signing.loads(token, salt=ANSWER_SALT, max_age=datetime.timedelta(days=max_age_days))
        return cls.objects.select_related("newcomer__person", "volunteer").get(
            pk=data["m"], volunteer_id=data["v"]
        )

    def notify_volunteer(self):
        from django.urls import reverse

        from samverka.core.links import absolute
        from samverka.core.notify import notify

        if not self.volunteer.email:
            return
        # In the site's language (Swedish), not in whatever language the approving
        # coordinator's admin happens to use.
        language = settings.LANGUAGE_CODE
        with translation.override(language):
            path = reverse("mentors:answer_link", kwargs={"token": self.answer_token()})
        notify(
            self.volunteer.email,
            "mentors.proposal",
            {"match": self, "volunteer": self.volunteer, "url": absolute(path)},
            language=language,
        )

    def notify_newcomer(self):
        """The proposal to the newcomer, by text when they have no email, in their
        language, with a short link to answer yes or no without an account."""
        from samverka.core.notify import notify

        from .links import answer_url

        person = self.newcomer.person
        notify(
            person,
            "mentors.newcomer_proposal",
            {
                "match": self,
                "volunteer": self.volunteer,
                "newcomer": person,
                "answer_url": answer_url(self, person.preferred_language),
            },
        )

    def answer_as_volunteer(self, accept: bool, reason: str = "", recorded_by=None):
        """``recorded_by``: the coordinator who took the answer by phone, if one did."""
        self._answer("volunteer", accept, reason, recorded_by)

    def answer_as_newcomer(self, accept: bool, reason: str = "", recorded_by=None):
        self._answer("newcomer", accept, reason, recorded_by)

    def _answer(self, side, accept, reason, recorded_by=None):
        with transaction.atomic():
            match = Match.objects.select_for_update().get(pk=self.pk)
            if match.status != Match.Status.PROPOSED:
                raise ValidationError(_("This proposal has already been answered or withdrawn."))
            now = timezone.now()
            setattr(
                match, f"{side}_answer", Match.Answer.ACCEPTED if accept else Match.Answer.DECLINED
            )
            setattr(match, f"{side}_answered_at", now)
            if side == "newcomer" and recorded_by is not None:
                match.newcomer_answer_recorded_by = recorded_by
            if not accept:
                match.status = Match.Status.DECLINED
                match.decline_reason = reason
                Newcomer.objects.filter(pk=match.newcomer_id).update(
                    status=Newcomer.Status.WAITING, first_in_line=True, updated_at=now
                )
                # Never offer these two to each other again (a coordinator may undo it).
                excluded, created = ExcludedPair.objects.get_or_create(
                    newcomer_id=match.newcomer_id,
                    volunteer_id=match.volunteer_id,
                    defaults={
                        "source": ExcludedPair.Source.DECLINED,
                        "match": match,
                        "reason": reason[:300],
                        "created_by": recorded_by,
                    },
                )
                if created:
                    log(excluded, "mentors.exclude", user=recorded_by, data={"match": match.pk})
                log(
                    match,
                    "mentors.decline",
                    user=recorded_by,
                    data={"side": side, "reason": reason[:300]},
                )
            elif (
                match.volunteer_answer == Match.Answer.ACCEPTED
                and match.newcomer_answer == Match.Answer.ACCEPTED
            ):
                match.status = Match.Status.ACTIVE
                match.started_at = now
                Newcomer.objects.filter(pk=match.newcomer_id).update(
                    first_in_line=False, updated_at=now
                )
                FollowUp.schedule(match)
            match.save()
        self.refresh_from_db()

    def end(self, reason: str, feedback: str = ""):
        with transaction.atomic():
            self.status = Match.Status.ENDED
            self.ended_at = timezone.now()
            self.end_reason = reason
            self.feedback = feedback
            self.save()
            Newcomer.objects.filter(pk=self.newcomer_id).update(
                status=Newcomer.Status.CLOSED, updated_at=self.ended_at
            )
            self.follow_ups.filter(done_at__isnull=True).delete()

    # ---- contact ----

    @property
    def hours(self) -> float:
        minutes = getattr(self, "minutes", None)
        if minutes is None:
            minutes = self.meetings.aggregate(total=Sum("minutes"))["total"]
        return round((minutes or 0) / 60, 1)

    @property
    def no_contact(self) -> bool:
        if self.status != Match.Status.ACTIVE:
            return False
        last = self.last_contact_on or (self.started_at.date() if self.started_at else None)
        return last is not None and (timezone.localdate() - last).days > NO_CONTACT_DAYS

    def log_meeting(self, *, date, minutes, activity, by=None) -> Meeting:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                match=self, date=date, minutes=minutes, activity=activity, logged_by=by
            )
            if self.last_contact_on is None or date > self.last_contact_on:
                self.last_contact_on = date
            self.flagged_at = None
            self.save(update_fields=["last_contact_on", "flagged_at"])
            first = self.follow_ups.filter(
                kind=FollowUp.Kind.FIRST_MEETING, done_at__isnull=True
            ).first()
            if first and first.due_on > date:
                # asked the day after the first meeting
                first.due_on = date + datetime.timedelta(days=1)
                first.save(update_fields=["due_on"])
        return meeting


class Meeting(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    activity = models.CharField(_("what we did"), max_length=300)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.match} {self.date}"


class FollowUp(models.Model):
    class Kind(models.TextChoices):
        FIRST_MEETING = "first_meeting", _("After the first meeting: does the pairing fit?")
        TWO_WEEKS = "two_weeks", _("After two weeks")
        THREE_MONTHS = "three_months", _("After three months")
        SIX_MONTHS = "six_months", _("After six months")

    # days after the match became active
    DUE_AFTER = {
        Kind.FIRST_MEETING: 7,
        Kind.TWO_WEEKS: 14,
        Kind.THREE_MONTHS: 91,
        Kind.SIX_MONTHS: 182,
    }

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=20, choices=Kind)
    due_on = models.DateField(_("due on"), db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    fits = models.BooleanField(_("the pairing fits"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["match", "kind"], name="one_follow_up_per_kind")
        ]

    def __str__(self):
        return f"{self.match}: {self.get_kind_display()}"

    @classmethod
    def schedule(cls, match: Match):
        start = (match.started_at or timezone.now()).date()
        for kind, days in cls.DUE_AFTER.items():
            cls.objects.get_or_create(
                match=match, kind=kind, defaults={"due_on": start + datetime.timedelta(days=days)}
            )


def volunteer_hours(volunteer: Volunteer) -> float:
    minutes = Meeting.objects.filter(match__volunteer=volunteer).aggregate(total=Sum("minutes"))[
        "total"
    ]
    return round((minutes or 0) / 60, 1)
