"""Reach a person: one entry point for every message, whatever the channel.

    notify(person, "events.reminder", {"occurrence": occurrence})

`recipient` is a `people.Person`, a user, an email address, a phone number, a list of
email addresses (one email to several staff) or a `Contact` (someone who signed up
without an account, with an email and/or a phone). The kind (declared in
`samverka.core.messages`) says which channels it has; the person's preference and what
they have choose among them:

- "auto" (the default): email when they have an address, otherwise a text message to their
  mobile. Most newcomers and participants have a phone and no email, so they get texts;
  people with both get email (it carries the calendar file) unless they chose otherwise.
- "sms": a text when the kind has one and the number can take it, else email.
- "email": email when they have one, else a text.
- "both": every channel the kind and the person have.

Nobody who answered STOP is texted (checked here and again by the worker). The message is
rendered in the person's language and queued in the one outbox (`OutboundEmail`, channel
email or sms); a background task delivers it after the transaction commits.

`notify_many` queues one kind for many recipients with a fixed number of queries per batch
(programme reminders for thousands of participants from `tick`).

A text an editor changed in the CMS (Message texts, `samverka.core.message_texts`) replaces
the template's in the languages it is written or translated in; the others keep the
built-in, translated templates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import get_template, render_to_string
from django.utils import translation

from . import messages, sms
from .email import queue_email
from .message_texts import Texts
from .models import OutboundEmail
from .sms import numbers, segments

logger = logging.getLogger(__name__)

AUTO, SMS, EMAIL, BOTH = "auto", "sms", "email", "both"
BATCH = 1000


@dataclass
class Contact:
    """Someone to reach who may have no Person row (a visitor's registration)."""

    email: str = ""
    phone: str = ""
    language: str = ""
    preference: str = AUTO
    opted_out: bool = False
    emails: list[str] = field(default_factory=list)


def contact_for(recipient, language: str | None = None) -> Contact:
    """What we know about how to reach `recipient`."""
    if isinstance(recipient, Contact):
        contact = recipient
    elif isinstance(recipient, str):
        contact = Contact(email=recipient) if "@" in recipient else Contact(phone=recipient)
    elif isinstance(recipient, list | tuple | set):
        contact = Contact(emails=[address for address in recipient if address])
    elif hasattr(recipient, "preferred_language") and hasattr(recipient, "phone"):
        contact = Contact(
            email=recipient.email or "",
            phone=str(recipient.phone or ""),
            language=recipient.preferred_language or "",
            preference=getattr(recipient, "message_channel", "") or AUTO,
            opted_out=getattr(recipient, "sms_opt_out_at", None) is not None,
        )
    elif hasattr(recipient, "get_username"):  # a user
        person = getattr(recipient, "person", None) if recipient.pk else None
        if person is not None:
            contact = contact_for(person)
            contact.email = contact.email or recipient.email or ""
        else:
            contact = Contact(email=recipient.email or "")
    else:
        raise TypeError(f"notify() cannot reach {type(recipient).__name__}")
    if language:
        contact.language = language
    if contact.email and not contact.emails:
        contact.emails = [contact.email]
    return contact


def channels_for(kind: messages.Kind, contact: Contact) -> list[str]:
    can_email = kind.email and bool(contact.emails)
    phone = numbers.textable(contact.phone) if kind.sms and contact.phone else None
    can_sms = bool(phone) and not contact.opted_out
    preference = contact.preference if not kind.staff else EMAIL
    if preference == BOTH:
        return [c for c, ok in ((EMAIL, can_email), (SMS, can_sms)) if ok]
    order = (SMS, EMAIL) if preference == SMS else (EMAIL, SMS)
    for channel in order:
        if (channel == EMAIL and can_email) or (channel == SMS and can_sms):
            return [channel]
    return []


def render_sms(
    kind: messages.Kind, context: dict, language: str, template=None, texts=None
) -> tuple[str, int]:
    """The text in `language` within SAMVERKA_SMS_MAX_SEGMENTS, and its segments.
    Raises segments.TooLong (logged by the caller) when it cannot be made to fit.
    `template`: the loaded template, when many are rendered (`notify_many`);
    `texts`: the kind's edited texts (`message_texts.Texts`), used when `language` has one."""
    with translation.override(language):
        context = {**context, "language": language}
        raw = texts.sms(context, language) if texts else None
        if raw is None:
            if template is not None:
                raw = template.render(context)
            else:
                raw = render_to_string(kind.sms_template, context)
    text = "\n".join(line.strip() for line in raw.strip().splitlines() if line.strip())
    text, shortened = segments.fit(text, sms.max_segments())
    if shortened:
        logger.warning(
            "SMS %s in %s was over %s segments and was shortened",
            kind.key,
            language,
            sms.max_segments(),
        )
    return text, segments.count(text).segments


def _sms_row(kind, phone, text, parts, dedup_key="") -> OutboundEmail:
    return OutboundEmail(
        channel=OutboundEmail.Channel.SMS,
        kind=kind.key,
        to=[phone],
        subject="",
        body=text,
        segments=parts,
        dedup_key=dedup_key,
    )


def notify(
    recipient,
    kind: str,
    context: dict | None = None,
    *,
    language: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    dedup_key: str = "",
) -> list[OutboundEmail]:
    """Queue `kind` for `recipient` on the channels chosen for them; returns the rows
    (empty when the person cannot be reached: no email, no mobile, or opted out).

    `dedup_key`: queue at most once for this key (a second call returns [])."""
    spec = messages.get(kind)
    contact = contact_for(recipient, language)
    lang = contact.language or translation.get_language() or settings.LANGUAGE_CODE
    context = dict(context or {})
    chosen = channels_for(spec, contact)
    if not chosen:
        logger.info("Nobody to send %s to: no email, no mobile number or opted out", kind)
        return []
    texts = Texts(spec)
    rows = []
    for channel in chosen:
        key = f"{dedup_key}:{channel}" if dedup_key else ""
        try:
            with transaction.atomic():
                if channel == EMAIL:
                    rows.append(
                        queue_email(
                            contact.emails,
                            spec.email_template_prefix,
                            context,
                            language=lang,
                            attachments=attachments,
                            kind=spec.key,
                            dedup_key=key,
                            texts=texts,
                        )
                    )
                else:
                    rows.append(_queue_sms(spec, contact.phone, context, lang, key, texts))
        except IntegrityError:
            logger.info("%s already queued for %s", kind, key)
        except segments.TooLong as error:
            logger.error("SMS %s in %s not sent: %s", kind, lang, error)
    return [row for row in rows if row is not None]


def _queue_sms(spec, phone, context, language, dedup_key, texts=None) -> OutboundEmail:
    from .tasks import deliver_email

    text, parts = render_sms(spec, context, language, texts=texts)
    row = _sms_row(spec, numbers.textable(phone), text, parts, dedup_key)
    row.save()
    transaction.on_commit(lambda: deliver_email.enqueue(row.pk))
    return row


def notify_many(
    kind: str, items: Iterable[tuple[object, dict, str]], *, batch_size: int = BATCH
) -> int:
    """Queue `kind` for many recipients: `items` yields (recipient, context, dedup_key).

    Renders each message in its recipient's language, then writes a batch with one
    bulk insert (rows whose key was queued before are skipped by the database) and
    hands the batch to one delivery task. Returns how many rows were newly queued."""
    from .tasks import deliver_batch

    spec = messages.get(kind)
    # Loaded once for the whole run (without the cached loader, every render would
    # read and compile the file again).
    sms_template = get_template(spec.sms_template) if spec.sms else None
    # The edited texts too: one query for the run, whatever the number of recipients.
    texts = Texts(spec)
    queued = 0
    batch: list[OutboundEmail] = []

    def flush():
        nonlocal queued, batch
        if not batch:
            return
        keys = [row.dedup_key for row in batch]
        with transaction.atomic():
            before = set(
                OutboundEmail.objects.filter(dedup_key__in=keys).values_list("dedup_key", flat=True)
            )
            fresh = [row for row in batch if row.dedup_key not in before]
            OutboundEmail.objects.bulk_create(fresh, ignore_conflicts=True)
            pks = list(
                OutboundEmail.objects.filter(
                    dedup_key__in=[row.dedup_key for row in fresh],
                    status=OutboundEmail.Status.QUEUED,
                ).values_list("pk", flat=True)
            )
            if pks:
                transaction.on_commit(lambda pks=pks: deliver_batch.enqueue(pks))
        queued += len(pks)
        batch = []

    for recipient, context, dedup_key in items:
        contact = contact_for(recipient)
        lang = contact.language or settings.LANGUAGE_CODE
        for channel in channels_for(spec, contact):
            key = f"{dedup_key}:{channel}"
            try:
                if channel == SMS:
                    text, parts = render_sms(spec, context, lang, sms_template, texts)
                    batch.append(_sms_row(spec, numbers.textable(contact.phone), text, parts, key))
                else:
                    batch.append(_email_row(spec, contact.emails, context, lang, key, texts))
            except segments.TooLong as error:
                logger.error("SMS %s in %s not sent: %s", kind, lang, error)
        if len(batch) >= batch_size:
            flush()
    flush()
    return queued


def _email_row(spec, emails, context, language, dedup_key, texts=None) -> OutboundEmail:
    from .email import render_email

    subject, body, html = render_email(spec.email_template_prefix, context, language, texts=texts)
    return OutboundEmail(
        channel=OutboundEmail.Channel.EMAIL,
        kind=spec.key,
        to=list(emails),
        subject=subject[:255],
        body=body,
        html=html,
        dedup_key=dedup_key,
    )
