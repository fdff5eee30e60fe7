"""Newcomers, kompis matches, meetings and follow-ups in the privacy contract (see
samverka.people.privacy).

A newcomer held by matches and internships (PROTECT) is anonymised, never deleted: the
profile keeps the Swedish level and the status, and the `people.Person` it belongs to keeps
district, gender, birth year and year of settlement (anonymised by the people part). Name,
phone, email and consent are the Person's: this part holds the kompis profile only.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.people.models import Person
from samverka.people.privacy import (
    REDACTED,
    Part,
    Record,
    RetentionRule,
    anonymise_people,
    q_or_none,
    section,
)

from .models import ExcludedPair, FollowUp, Match, Meeting, MentorPreferences, Newcomer

NEWCOMER_FIELDS = [
    "sfi_course",
    "interests",
    "profession",
    "sector",
    "education",
    "goals",
    "availability",
    "mentor_gender",
    "notes",
    "status",
    "source",
    "waiting_since",
    "created_at",
]


def is_anonymised(newcomer) -> bool:
    return newcomer.person.anonymised_at is not None


def _record(newcomer) -> Record:
    # Addresses and name are the Person's record; the key ties the two together.
    return Record(kind="newcomer", obj=newcomer, keys=frozenset({("person", newcomer.person_id)}))


def find(lookup):
    newcomers = Newcomer.objects.filter(
        q_or_none(pk__in=lookup.keyed("newcomer"), person_id__in=lookup.keyed("person"))
    )
    return [_record(n) for n in newcomers]


def _matches_of(subject):
    return Match.objects.filter(
        q_or_none(
            newcomer_id__in=subject.pks("newcomer"), volunteer_id__in=subject.pks("volunteer")
        )
    )


def export(subject):
    matches = _matches_of(subject)
    return [
        section(
            "newcomer",
            _("Newcomer profile"),
            Newcomer,
            Newcomer.objects.filter(pk__in=subject.pks("newcomer")),
            NEWCOMER_FIELDS,
        ),
        section(
            "mentor_preferences",
            _("Kompis preferences"),
            MentorPreferences,
            MentorPreferences.objects.filter(volunteer_id__in=subject.pks("volunteer")),
            ["household", "newcomer_gender", "paused"],
        ),
        section(
            "matches",
            _("Kompis matches"),
            Match,
            matches.select_related("newcomer__person", "volunteer").order_by("approved_at", "pk"),
            [
                "newcomer",
                "volunteer",
                "status",
                "approved_at",
                "volunteer_answer",
                "newcomer_answer",
                "decline_reason",
                "started_at",
                "last_contact_on",
                "ended_at",
                "end_reason",
                "feedback",
            ],
        ),
        section(
            "meetings",
            _("Meeting log"),
            Meeting,
            Meeting.objects.filter(match__in=matches).order_by("date", "pk"),
            ["match_id", "date", "minutes", "activity"],
        ),
        section(
            "match_follow_ups",
            _("Follow-ups of your matches"),
            FollowUp,
            FollowUp.objects.filter(match__in=matches).order_by("due_on", "pk"),
            ["match_id", "kind", "due_on", "done_at", "fits", "notes"],
        ),
    ]


def anonymise_newcomer(newcomer) -> bool:
    """Blank what the kompis profile says about the person; keep the Swedish level and the
    status for statistics (the Person is anonymised by the people part)."""
    if is_anonymised(newcomer):
        return False
    Newcomer.objects.filter(pk=newcomer.pk).update(
        interests=[],
        profession="",
        sector="",
        education="",
        goals=[],
        availability=[],
        mentor_gender="",
        notes="",
        status=Newcomer.Status.CLOSED,
        first_in_line=False,
        updated_at=timezone.now(),
    )
    return True


def erase(subject, erasure):
    newcomers = set(subject.pks("newcomer"))
    volunteers = set(subject.pks("volunteer"))
    matches = _matches_of(subject)
    ended = 0
    for match in matches.filter(status__in=Match.HOLDING).select_related("volunteer"):
        if match.newcomer_id in newcomers:
            match.end(Match.EndReason.NEWCOMER_MOVED)
        else:
            match.end(Match.EndReason.VOLUNTEER_STOPPED)
            # The newcomer lost their kompis through no doing of their own.
            Newcomer.objects.filter(pk=match.newcomer_id).update(
                status=Newcomer.Status.WAITING, first_in_line=True
            )
        ended += 1
    erasure.done(_("matches ended"), ended)
    # Whoever the person was paired with may have been told their name.
    for match in matches.select_related("volunteer", "newcomer__person"):
        for other in (match.volunteer.email, match.newcomer.email):
            if other:
                erasure.counterparts.add(other.casefold())
    # What the pair wrote together names both; the dates and minutes stay for the hours.
    with transaction.atomic():
        meetings = Meeting.objects.filter(match__in=matches)
        erasure.done(
            _("meeting notes blanked"),
            meetings.exclude(activity=REDACTED).update(activity=REDACTED),
        )
        erasure.done(
            _("match notes blanked"),
            matches.filter(~Q(feedback="") | ~Q(decline_reason="")).update(
                feedback="", decline_reason=""
            ),
        )
        FollowUp.objects.filter(match__in=matches).exclude(notes="").update(notes="")
        ExcludedPair.objects.filter(
            q_or_none(newcomer_id__in=newcomers, volunteer_id__in=volunteers)
        ).update(reason="")
    count = sum(
        anonymise_newcomer(n)
        for n in Newcomer.objects.filter(pk__in=newcomers).select_related("person")
    )
    erasure.done(_("newcomer profiles anonymised"), count)


def _closed_newcomers(cutoff):
    return (
        Newcomer.objects.filter(status=Newcomer.Status.CLOSED, updated_at__lt=cutoff)
        .exclude(person__anonymised_at__isnull=False)
        .exclude(matches__status__in=Match.HOLDING)
    )


def _anonymise_all(queryset) -> int:
    """The profile and the Person it belongs to (their name is what the period protects)."""
    newcomers = list(queryset.select_related("person"))
    count = sum(anonymise_newcomer(n) for n in newcomers)
    anonymise_people(Person.objects.filter(pk__in=[n.person_id for n in newcomers]))
    return count


PARTS = [
    Part(
        name="mentors",
        find=find,
        export=export,
        erase=erase,
        retention=(
            RetentionRule(
                key="closed_newcomers",
                label=gettext_lazy("Newcomers whose kompis time has ended"),
                default_days=730,
                due=_closed_newcomers,
                apply=_anonymise_all,
                explanation=gettext_lazy(
                    "Anonymised after this long as closed; district, gender, birth year and "
                    "the year of settlement are kept for statistics."
                ),
            ),
        ),
    )
]
