"""The account and the outbox in the privacy contract (see samverka.people.privacy).

The account is erased last (parts erase in reverse INSTALLED_APPS order and core comes
first): by then every app has read what it needed from it.
"""

import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from samverka.people.privacy import (
    REDACTED,
    Part,
    Record,
    RetentionRule,
    Section,
    email_q,
    q_or_none,
    section,
)

from .models import OutboundEmail
from .permissions import COORDINATOR


def _account_record(user) -> Record:
    return Record(
        kind="account",
        obj=user,
        name=user.get_full_name(),
        emails=tuple(sorted({user.email, *(a.email for a in user.emailaddress_set.all())} - {""})),
        keys=frozenset({("user", user.pk)}),
    )


def find(lookup):
    User = get_user_model()
    users = User.objects.filter(
        q_or_none(pk__in=lookup.user_ids | lookup.keyed("account") | lookup.keyed("user"))
        | email_q("email", lookup.emails)
        | email_q("emailaddress__email", lookup.emails)
    ).distinct()
    return [_account_record(user) for user in users.prefetch_related("emailaddress_set")]


def _outbox_to(emails, phones=()):
    q = Q(pk__in=[])
    for email in emails:
        # `to` is a JSON list; its text holds each address in quotes.
        q |= Q(to__icontains=f'"{email}"')
    for phone in phones:
        # Text messages hold the number in E.164.
        q |= Q(channel=OutboundEmail.Channel.SMS, to__icontains=f'"{phone}"')
    return OutboundEmail.objects.filter(q)


def export(subject):
    from allauth.mfa.models import Authenticator

    sections = []
    users = subject.of_kind("account")
    if users:
        ids = [u.pk for u in users]
        mfa = set(Authenticator.objects.filter(user_id__in=ids).values_list("user_id", "type"))
        addresses = {}
        from allauth.account.models import EmailAddress

        for address in EmailAddress.objects.filter(user_id__in=ids).order_by("-primary", "email"):
            addresses.setdefault(address.user_id, []).append(
                {"email": address.email, "verified": address.verified, "primary": address.primary}
            )
        sections.append(
            Section(
                key="account",
                title=_("Account"),
                items=[
                    {
                        "username": u.username,
                        "name": u.get_full_name(),
                        "email_addresses": addresses.get(u.pk, []),
                        "two_factor": any(uid == u.pk for uid, _type in mfa),
                        "date_joined": u.date_joined.isoformat(),
                        "last_login": u.last_login.isoformat() if u.last_login else None,
                    }
                    for u in users
                ],
                labels={
                    "username": _("username"),
                    "name": _("name"),
                    "email_addresses": _("email addresses"),
                    "two_factor": _("two-factor authentication set up"),
                    "date_joined": _("account created"),
                    "last_login": _("last login"),
                },
            )
        )
    messages = _outbox_to(subject.emails, subject.e164).only(
        "channel", "to", "subject", "body", "status", "created_at", "sent_at"
    )
    sections.append(
        section(
            "messages",
            _("Messages sent to you"),
            OutboundEmail,
            messages if subject.emails or subject.e164 else [],
            ["created_at", "channel", "to", "subject", "body", "status", "sent_at"],
        )
    )
    return sections


def erase(subject, erasure):
    from django.contrib.auth.models import Group

    # Messages to the person: their content is theirs, and queued ones must not go out.
    deleted, _by_model = _outbox_to(erasure.emails, erasure.phones).delete()
    erasure.done(_("messages to the person deleted"), deleted)
    # Messages to others that name the person (a kompis's proposal, a coordinator's
    # reminder): those to the people they worked with may name them by first name alone.
    coordinators = set(
        Group.objects.filter(name=COORDINATOR).values_list("user__email", flat=True)
    ) - {None, ""}
    counterparts = erasure.counterparts | coordinators
    redacted = erasure.redact_rows(
        _outbox_to(counterparts), ["subject", "body", "html"], first_names=True
    )
    redacted += erasure.redact_rows(OutboundEmail.objects.all(), ["subject", "body", "html"])
    erasure.done(_("messages to others with the person's name redacted"), redacted)

    # The audit trail keeps what was done and by whom, not the person's name.
    for record in subject.records:
        content_type = ContentType.objects.get_for_model(record.obj)
        ModelLogEntry.objects.filter(
            content_type=content_type, object_id=str(record.obj.pk)
        ).update(label=REDACTED)
        LogEntry.objects.filter(content_type=content_type, object_id=str(record.obj.pk)).update(
            object_repr=REDACTED
        )
    logs = erasure.redact_rows(ModelLogEntry.objects.all(), ["label"], first_names=False)
    logs += erasure.redact_rows(LogEntry.objects.all(), ["object_repr", "change_message"])
    erasure.done(_("audit entries with the person's name redacted"), logs)

    for user in subject.of_kind("account"):
        user.delete()
        erasure.done(_("account deleted"))


def _outbox_due(cutoff: datetime.datetime):
    return OutboundEmail.objects.filter(
        created_at__lt=cutoff,
        status__in=[
            OutboundEmail.Status.SENT,
            OutboundEmail.Status.DELIVERED,
            OutboundEmail.Status.FAILED,
            OutboundEmail.Status.BOUNCED,
        ],
    )


def _outbox_apply(queryset) -> int:
    deleted, _by_model = OutboundEmail.objects.filter(pk__in=list(queryset.values("pk"))).delete()
    return deleted


PARTS = [
    Part(
        name="core",
        find=find,
        export=export,
        erase=erase,
        retention=(
            RetentionRule(
                key="outbox",
                label=gettext_lazy("Sent and failed emails"),
                default_days=180,
                due=_outbox_due,
                apply=_outbox_apply,
                explanation=gettext_lazy("Deleted; queued and retrying emails are kept."),
            ),
        ),
    )
]
