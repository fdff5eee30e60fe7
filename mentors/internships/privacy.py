"""Internships, their follow-ups, contact log and outcomes in the privacy contract (see
samverka.people.privacy).

An internship holds no person of its own: it is about a newcomer (and their mentor).
Erasing the newcomer blanks what was written about them and keeps what the outcome
report counts: dates, status, outcome kinds, the first job's date and the days to it.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.people.privacy import REDACTED, Part, RetentionRule, q_or_none, section

from .models import ContactLogEntry, FollowUp, Internship, Outcome

FOLLOW_UP_TEXTS = [
    "goals_progress",
    "newcomer_view",
    "supervisor_view",
    "mentor_view",
    "next_steps",
]


def find(lookup):
    return []


def export(subject):
    internships = Internship.objects.filter(
        q_or_none(newcomer_id__in=subject.pks("newcomer"), mentor_id__in=subject.pks("volunteer"))
    )
    return [
        section(
            "internships",
            _("Internships"),
            Internship,
            internships.select_related("place__employer", "mentor", "newcomer__person").order_by(
                "start_date", "pk"
            ),
            [
                "newcomer",
                "place",
                "place__employer",
                "mentor",
                "supervisor_name",
                "start_date",
                "end_date",
                "hours_per_week",
                "plan",
                "goals",
                "status",
                "ended_on",
                "end_reason",
                "job_started_on",
            ],
        ),
        section(
            "internship_follow_ups",
            _("Internship follow-ups"),
            FollowUp,
            FollowUp.objects.filter(internship__in=internships).order_by("due_on", "pk"),
            [
                "internship_id",
                "kind",
                "due_on",
                "completed_on",
                "rating",
                "attendance",
                *FOLLOW_UP_TEXTS,
            ],
        ),
        section(
            "internship_contacts",
            _("Internship contact log"),
            ContactLogEntry,
            ContactLogEntry.objects.filter(internship__in=internships).order_by("date", "pk"),
            ["internship_id", "date", "party", "channel", "note"],
        ),
        section(
            "outcomes",
            _("Outcomes after internships"),
            Outcome,
            Outcome.objects.filter(internship__in=internships).order_by("pk"),
            [
                "internship_id",
                "checkpoint",
                "kind",
                "recorded_on",
                "job_start_date",
                "employer_name",
                "notes",
            ],
        ),
    ]


def blank_texts(internships) -> int:
    """Blank what people wrote about the intern; the report's figures do not read it."""
    count = internships.exclude(plan=REDACTED).update(plan=REDACTED, goals="", end_reason="")
    FollowUp.objects.filter(internship__in=internships).update(**dict.fromkeys(FOLLOW_UP_TEXTS, ""))
    ContactLogEntry.objects.filter(internship__in=internships).exclude(note=REDACTED).update(
        note=REDACTED
    )
    Outcome.objects.filter(internship__in=internships).exclude(notes="").update(notes="")
    return count


def erase(subject, erasure):
    as_intern = Internship.objects.filter(newcomer_id__in=subject.pks("newcomer"))
    for internship in as_intern.select_related("mentor", "coordinator"):
        erasure.counterparts |= {
            e.casefold()
            for e in (
                internship.supervisor_email,
                internship.mentor.email if internship.mentor else "",
                internship.coordinator.email if internship.coordinator else "",
            )
            if e
        }
    erasure.done(_("internships' notes blanked"), blank_texts(as_intern))
    # As a mentor the person wrote in others' internships: only their name goes.
    as_mentor = Internship.objects.filter(mentor_id__in=subject.pks("volunteer"))
    erasure.done(
        _("mentor's views redacted"),
        erasure.redact_rows(
            FollowUp.objects.filter(internship__in=as_mentor), FOLLOW_UP_TEXTS, first_names=True
        )
        + erasure.redact_rows(
            ContactLogEntry.objects.filter(internship__in=as_mentor), ["note"], first_names=True
        ),
    )


def _ended_internships(cutoff):
    return Internship.objects.filter(
        Q(status__in=Internship.ENDED, ended_on__lt=cutoff.date())
        | Q(status=Internship.Status.CANCELLED, end_date__lt=cutoff.date())
    ).exclude(plan=REDACTED)


PARTS = [
    Part(
        name="internships",
        find=find,
        export=export,
        erase=erase,
        retention=(
            RetentionRule(
                key="ended_internships",
                label=gettext_lazy("Notes on ended internships"),
                # the last outcome checkpoint is 180 days after the end
                default_days=3 * 365,
                due=_ended_internships,
                apply=blank_texts,
                explanation=gettext_lazy(
                    "Plans, goals, follow-up notes and the contact log are blanked; dates, "
                    "outcomes and days to job stay for the report."
                ),
            ),
        ),
    )
]
