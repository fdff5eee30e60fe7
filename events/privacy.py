"""Registrations, check-ins, participants, enrolments, absences and feedback in the privacy
contract (see samverka.people.privacy)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.people.models import Person
from samverka.people.privacy import (
    Part,
    Record,
    RetentionRule,
    anonymise_people,
    email_q,
    matching,
    q_or_none,
    section,
)

from .models import (
    Absence,
    AbsenceFlag,
    Attendance,
    CalendarToken,
    Enrolment,
    EnrolmentPause,
    Participant,
    Registration,
    RegistrationError,
    SurveyReceipt,
    anonymise_after_days,
)


def _participant_record(participant) -> Record:
    # Addresses and name are the Person's record; the key ties the two together.
    return Record(
        kind="participant", obj=participant, keys=frozenset({("person", participant.person_id)})
    )


def _registration_record(registration) -> Record:
    return Record(
        kind="registration",
        obj=registration,
        name=registration.name,
        emails=(registration.email,) if registration.email else (),
        phones=(registration.phone,) if registration.phone else (),
        keys=frozenset({("user", registration.user_id)}) if registration.user_id else frozenset(),
    )


def find(lookup):
    participants = Participant.objects.filter(
        q_or_none(pk__in=lookup.keyed("participant"), person_id__in=lookup.keyed("person"))
    )
    registrations = matching(
        Registration.objects.only("pk", "name", "email", "phone", "user_id"),
        q_or_none(pk__in=lookup.keyed("registration"), user_id__in=lookup.user_ids)
        | email_q("email", lookup.emails),
        phone_field="phone",
        phones=lookup.phones,
    )
    return [_participant_record(p) for p in participants] + [
        _registration_record(r) for r in registrations
    ]


def _registrations(subject):
    return Registration.objects.filter(
        q_or_none(pk__in=subject.pks("registration"), user_id__in=subject.user_ids)
    )


def _attendance(subject):
    return Attendance.objects.filter(
        q_or_none(
            registration_id__in=subject.pks("registration"),
            user_id__in=subject.user_ids,
            participant_id__in=subject.pks("participant"),
        )
    )


def export(subject):
    participants = subject.pks("participant")
    enrolments = Enrolment.objects.filter(participant_id__in=participants)
    registrations = _registrations(subject)
    return [
        section(
            "participant",
            _("Participant profile"),
            Participant,
            Participant.objects.filter(pk__in=participants),
            ["created_at"],
        ),
        section(
            "registrations",
            _("Event registrations"),
            Registration,
            registrations.select_related("occurrence__event", "organisation")
            .defer("occurrence__event__body")
            .order_by("created_at", "pk"),
            [
                "occurrence__event__title",
                "occurrence__start",
                "name",
                "email",
                "phone",
                "people",
                "language",
                "access_needs",
                "organisation",
                "status",
                "consent_at",
                "created_at",
                "cancelled_at",
            ],
        ),
        section(
            "attendance",
            _("Check-ins and attendance"),
            Attendance,
            _attendance(subject)
            .select_related("occurrence__event")
            .defer("occurrence__event__body")
            .order_by("checked_in_at", "pk"),
            [
                "occurrence__event__title",
                "occurrence__start",
                "name",
                "people",
                "method",
                "checked_in_at",
            ],
        ),
        section(
            "enrolments",
            _("Programme enrolments"),
            Enrolment,
            enrolments.select_related("programme").order_by("enrolled_on", "pk"),
            ["programme", "enrolled_on", "ended_on", "absence_streak", "flagged_at"],
        ),
        section(
            "absences",
            _("Absences"),
            Absence,
            Absence.objects.filter(enrolment__in=enrolments)
            .select_related("enrolment__programme", "occurrence")
            .order_by("occurrence__start", "pk"),
            ["enrolment__programme", "occurrence__start", "reason", "note"],
        ),
        # Survey answers are anonymous: stored apart from who gave them, they cannot be
        # found, exported or erased per person. What is held is that the person answered.
        section(
            "pauses",
            _("Pauses in programmes"),
            EnrolmentPause,
            EnrolmentPause.objects.filter(enrolment__in=enrolments)
            .select_related("enrolment__programme")
            .order_by("starts_on", "pk"),
            ["enrolment__programme", "starts_on", "ends_on", "reason", "note"],
        ),
        section(
            "absence_flags",
            _("Absence flags and decisions"),
            AbsenceFlag,
            AbsenceFlag.objects.filter(enrolment__in=enrolments)
            .select_related("enrolment__programme")
            .order_by("flagged_at", "pk"),
            ["enrolment__programme", "flagged_at", "streak", "decision", "note", "decided_at"],
        ),
        section(
            "feedback",
            _("Surveys you answered (your answers are anonymous and not kept with your name)"),
            SurveyReceipt,
            SurveyReceipt.objects.filter(
                Q(registration__in=registrations) | Q(enrolment__in=enrolments)
            )
            .select_related("registration__occurrence__event", "enrolment__programme")
            .defer("registration__occurrence__event__body")
            .order_by("pk"),
            ["registration__occurrence", "enrolment__programme"],
        ),
        section(
            "calendar",
            _("Private calendar address"),
            CalendarToken,
            CalendarToken.objects.filter(user_id__in=subject.user_ids),
            ["created_at"],
        ),
    ]


def erase(subject, erasure):
    now = timezone.now()
    registrations = Registration.objects.filter(
        pk__in=list(_registrations(subject).values_list("pk", flat=True))
    )
    # The person's seats go to the waitlist. Their address is blanked first so that the
    # cancellation sends them nothing.
    upcoming = list(registrations.active().filter(occurrence__end__gte=now))
    registrations.update(email="", user=None)
    cancelled = 0
    for registration in upcoming:
        try:
            registration.cancel(now)
            cancelled += 1
        except RegistrationError:
            pass  # already cancelled or just took place
    erasure.done(_("upcoming registrations cancelled"), cancelled)
    count = 0
    for registration in registrations:
        if registration.anonymised_at is None or registration.name:
            registration.anonymise(now)
            count += 1
    erasure.done(_("registrations anonymised"), count)
    erasure.done(_("check-ins anonymised"), _attendance(subject).exclude(name="").update(name=""))
    participants = subject.pks("participant")
    enrolments = Enrolment.objects.filter(participant_id__in=participants)
    erasure.done(_("enrolments ended"), enrolments.active().update(ended_on=timezone.localdate()))
    Absence.objects.filter(enrolment__in=enrolments).exclude(note="").update(note="")
    EnrolmentPause.objects.filter(enrolment__in=enrolments).exclude(note="").update(note="")
    AbsenceFlag.objects.filter(enrolment__in=enrolments).exclude(note="").update(note="")
    SurveyReceipt.objects.filter(
        Q(registration__in=registrations) | Q(enrolment__in=enrolments)
    ).delete()
    CalendarToken.objects.filter(user_id__in=subject.user_ids).delete()


def _past_registrations(cutoff):
    return Registration.objects.filter(
        user__isnull=True, anonymised_at__isnull=True, occurrence__end__lt=cutoff
    )


def _anonymise_registrations(queryset) -> int:
    now = timezone.now()
    count = 0
    for registration in queryset.only("pk"):
        registration.anonymise(now)
        count += 1
    return count


def _walk_in_names(cutoff):
    """Names on a date's check-in list of people with neither an account nor a programme
    profile (a walk-in writes their name on the screen)."""
    return Attendance.objects.filter(
        occurrence__end__lt=cutoff, user__isnull=True, participant__isnull=True
    ).exclude(name="")


def _clear_names(queryset) -> int:
    return queryset.update(name="")


def _former_participants(cutoff):
    return (
        Participant.objects.filter(
            person__user__isnull=True,
            person__anonymised_at__isnull=True,
        )
        # Someone still in kompis matching keeps their name there.
        .filter(Q(person__newcomer__isnull=True) | Q(person__newcomer__status="closed"))
        .exclude(enrolments__ended_on__isnull=True)
        .exclude(enrolments__ended_on__gte=cutoff.date())
        .exclude(created_at__gte=cutoff)
    )


def _anonymise_participants(queryset) -> int:
    """The Person behind each profile (the profile itself holds only dates)."""
    return anonymise_people(
        Person.objects.filter(pk__in=list(queryset.values_list("person_id", flat=True)))
    )


PARTS = [
    Part(
        name="events",
        find=find,
        export=export,
        erase=erase,
        retention=(
            RetentionRule(
                key="event_registrations",
                label=gettext_lazy("Registrations of visitors without an account"),
                default_days=anonymise_after_days(),
                due=_past_registrations,
                apply=_anonymise_registrations,
                explanation=gettext_lazy(
                    "Name, contact details and access needs are removed after the date; the "
                    "number of people stays."
                ),
            ),
            RetentionRule(
                key="checkin_names",
                label=gettext_lazy("Names on check-in lists of visitors without an account"),
                default_days=anonymise_after_days(),
                due=_walk_in_names,
                apply=_clear_names,
                explanation=gettext_lazy(
                    "The name is removed after the date; that someone came stays in the "
                    "attendance figures."
                ),
            ),
            RetentionRule(
                key="former_participants",
                label=gettext_lazy("Former programme participants without an account"),
                default_days=730,
                due=_former_participants,
                apply=_anonymise_participants,
                explanation=gettext_lazy(
                    "Anonymised after this long since their last enrolment ended; enrolments "
                    "and attendance stay for the programme's figures."
                ),
            ),
        ),
    )
]
