"""Coaching cases, their contacts, referrals and outcomes in the privacy contract (see
samverka.people.privacy).

A case, a referral and a case outcome hold no person of their own: they are about a Person
(found by the people app's part). Export gives the person everything coaching holds about
them, the notes included. Erasure blanks what people wrote (contact notes, referral reasons
and answers, the receiving side's notes, outcome notes) and keeps what the report counts:
dates, the meeting place, the counsellor, the source, the status, the outcome kinds, the
first job's date and the days to it. Retention does the same for cases closed (and
referrals answered) longer ago than the municipality's period.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.people.privacy import REDACTED, Part, RetentionRule, section

from .models import Case, CaseOutcome, Contact, Referral


def find(lookup):
    return []


def export(subject):
    people = subject.pks("person")
    cases = Case.objects.filter(person_id__in=people)
    return [
        section(
            "coaching_cases",
            _("Coaching cases"),
            Case,
            cases.select_related("counsellor", "actor", "meeting_place", "referred_by").order_by(
                "started_on", "pk"
            ),
            [
                "counsellor",
                "actor",
                "meeting_place",
                "source",
                "referred_by",
                "goals",
                "started_on",
                "status",
                "closed_on",
                "close_reason",
                "next_contact_on",
            ],
        ),
        section(
            "coaching_contacts",
            _("Coaching contacts"),
            Contact,
            Contact.objects.filter(case__in=cases).order_by("date", "pk"),
            ["case_id", "date", "kind", "minutes", "note"],
        ),
        section(
            "referrals",
            _("Referrals"),
            Referral,
            Referral.objects.filter(person_id__in=people)
            .select_related("from_actor", "to_actor", "meeting_place")
            .order_by("sent_at", "pk"),
            [
                "from_actor",
                "to_actor",
                "meeting_place",
                "reason",
                "sent_at",
                "status",
                "answer",
                "receiver_notes",
                "completed_on",
            ],
        ),
        section(
            "coaching_outcomes",
            _("Outcomes of coaching"),
            CaseOutcome,
            CaseOutcome.objects.filter(case__in=cases).select_related("employer").order_by("pk"),
            [
                "case_id",
                "kind",
                "recorded_on",
                "job_start_date",
                "employer",
                "employer_name",
                "notes",
            ],
        ),
    ]


def blank_case_texts(cases) -> int:
    """Blank what was written about the people of `cases`; the report does not read it."""
    count = Contact.objects.filter(case__in=cases).exclude(note=REDACTED).update(note=REDACTED)
    CaseOutcome.objects.filter(case__in=cases).exclude(notes="").update(notes="")
    return count


def blank_referral_texts(referrals) -> int:
    return referrals.exclude(reason=REDACTED).update(reason=REDACTED, answer="", receiver_notes="")


def erase(subject, erasure):
    people = subject.pks("person")
    cases = Case.objects.filter(person_id__in=people)
    for case in cases.select_related("counsellor"):
        if case.counsellor.email:
            erasure.counterparts.add(case.counsellor.email.casefold())
    erasure.done(_("coaching notes blanked"), blank_case_texts(cases))
    erasure.done(
        _("referrals' texts blanked"),
        blank_referral_texts(Referral.objects.filter(person_id__in=people)),
    )


def _closed_cases(cutoff):
    return (
        Case.objects.filter(status=Case.Status.CLOSED, closed_on__lt=cutoff.date())
        .filter(Q(contacts__note__gt="") & ~Q(contacts__note=REDACTED) | Q(outcomes__notes__gt=""))
        .distinct()
    )


def _answered_referrals(cutoff):
    return (
        Referral.objects.exclude(status=Referral.Status.SENT)
        .filter(
            Q(completed_on__lt=cutoff.date()) | Q(completed_on__isnull=True, answered_at__lt=cutoff)
        )
        .exclude(reason=REDACTED)
    )


PARTS = [
    Part(
        name="coaching",
        find=find,
        export=export,
        erase=erase,
        retention=(
            RetentionRule(
                key="closed_coaching_cases",
                label=gettext_lazy("Notes on closed coaching cases"),
                default_days=2 * 365,
                due=_closed_cases,
                apply=blank_case_texts,
                explanation=gettext_lazy(
                    "Contact notes and outcome notes are blanked; dates, meeting place, "
                    "counsellor, outcomes and days to job stay for the report."
                ),
            ),
            RetentionRule(
                key="answered_referrals",
                label=gettext_lazy("Texts of answered referrals"),
                default_days=2 * 365,
                due=_answered_referrals,
                apply=blank_referral_texts,
                explanation=gettext_lazy(
                    "The reason, the answer and the receiving side's notes are blanked; who "
                    "referred whom to which actor, and when, stays."
                ),
            ),
        ),
    )
]
