"""Volunteers, memberships, representative roles and invitations in the privacy contract
(see samverka.people.privacy)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.people.privacy import (
    REDACTED,
    Part,
    Record,
    RetentionRule,
    email_q,
    matching,
    q_or_none,
    section,
)

from .models import AccessRequest, Invitation, Membership, Representative, Volunteer

PROFILE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "district",
    "postcode",
    "gender",
    "birth_year",
    "languages",
    "roles",
    "interests",
    "availability",
    "capacity",
    "profession",
    "sector",
    "about",
    "status",
    "source",
    "criminal_record_checked_on",
    "created_at",
    "anonymised_at",
]


def _record(volunteer) -> Record:
    return Record(
        kind="volunteer",
        obj=volunteer,
        name=volunteer.full_name if volunteer.first_name != REDACTED else "",
        emails=(volunteer.email,) if volunteer.email else (),
        phones=(volunteer.phone,) if volunteer.phone else (),
        keys=frozenset({("user", volunteer.user_id)}) if volunteer.user_id else frozenset(),
    )


def find(lookup):
    volunteers = matching(
        Volunteer.objects.all(),
        q_or_none(pk__in=lookup.keyed("volunteer"), user_id__in=lookup.user_ids)
        | email_q("email", lookup.emails),
        phone_field="phone",
        phones=lookup.phones,
    )
    return [_record(v) for v in volunteers]


def export(subject):
    volunteers = subject.pks("volunteer")
    users = subject.user_ids
    return [
        section(
            "volunteer",
            _("Volunteer profile"),
            Volunteer,
            Volunteer.objects.filter(pk__in=volunteers),
            PROFILE_FIELDS,
        ),
        # The organisations' own notes about a volunteer are theirs (see Membership).
        section(
            "memberships",
            _("Organisations you volunteer through"),
            Membership,
            Membership.objects.filter(volunteer_id__in=volunteers).select_related("organisation"),
            ["organisation", "status", "created_at", "ended_at"],
        ),
        section(
            "representative_roles",
            _("Organisations you represent"),
            Representative,
            Representative.objects.filter(user_id__in=users).select_related("organisation"),
            ["organisation", "role", "language", "created_at"],
        ),
        section(
            "access_requests",
            _("Requests to represent an organisation"),
            AccessRequest,
            AccessRequest.objects.filter(user_id__in=users).select_related("organisation"),
            ["organisation", "message", "status", "created_at", "decided_at"],
        ),
        section(
            "invitations",
            _("Invitations sent to you"),
            Invitation,
            Invitation.objects.filter(email_q("email", subject.emails)).select_related(
                "organisation"
            )
            if subject.emails
            else [],
            ["organisation", "kind", "email", "first_name", "last_name", "created_at"],
        ),
    ]


def anonymise_volunteer(volunteer, now=None) -> bool:
    """Erase a volunteer but keep what statistics need (district, gender, birth year, roles,
    languages, capacity): the row stays, so counts over time stay right. False when the
    volunteer was already anonymised (erasing twice is harmless)."""
    if volunteer.anonymised_at is not None and volunteer.first_name == REDACTED:
        return False
    now = now or timezone.now()
    with transaction.atomic():
        gender, birth_year = volunteer.gender, volunteer.birth_year
        volunteer.anonymise()
        # Volunteer.anonymise predates the statistics on gender and age; they are kept.
        Volunteer.objects.filter(pk=volunteer.pk).update(
            gender=gender,
            birth_year=birth_year,
            sector="",
            criminal_record_checked_on=None,
            vetted_by=None,
            anonymised_at=now,
        )
    return True


def erase(subject, erasure):
    count = 0
    for volunteer in Volunteer.objects.filter(pk__in=subject.pks("volunteer")):
        count += anonymise_volunteer(volunteer)
    erasure.done(_("volunteer profiles anonymised"), count)
    if erasure.emails:
        deleted, _by_model = Invitation.objects.filter(email_q("email", erasure.emails)).delete()
        erasure.done(_("invitations deleted"), deleted)
    # Representative roles and access requests go with the account (core erases it).
    erasure.done(
        _("representative roles ended"),
        Representative.objects.filter(user_id__in=subject.user_ids).count(),
    )


def _inactive_volunteers(cutoff):
    return Volunteer.objects.filter(
        status=Volunteer.Status.INACTIVE, anonymised_at__isnull=True, updated_at__lt=cutoff
    )


def _anonymise_all(queryset) -> int:
    return sum(anonymise_volunteer(v) for v in queryset)


PARTS = [
    Part(
        name="associations",
        find=find,
        export=export,
        erase=erase,
        retention=(
            RetentionRule(
                key="inactive_volunteers",
                label=gettext_lazy("Inactive volunteers"),
                default_days=730,
                due=_inactive_volunteers,
                apply=_anonymise_all,
                explanation=gettext_lazy(
                    "Anonymised after this long without a change; district, roles and "
                    "languages are kept for statistics."
                ),
            ),
        ),
    )
]
