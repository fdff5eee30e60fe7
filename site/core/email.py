"""The email transport under `samverka.core.notify`: render in the recipient's language and
store in the outbox; a background task sends it. Apps call `notify`, not these."""

import base64

from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .message_texts import html_version
from .models import OutboundEmail


def render_email(
    template_prefix: str, context: dict, language: str, *, texts=None
) -> tuple[str, str, str]:
    """Subject, text body and (optional) HTML body rendered in `language`.

    `texts`: the kind's edited texts (`message_texts.Texts`); an edited part replaces
    the template's. An edited body comes with a simple HTML version of itself (escaped,
    links clickable) instead of the template's HTML, which would say something else."""
    context = dict(context or {})
    with translation.override(language or translation.get_language()):
        context.setdefault("language", translation.get_language())
        edited = texts.email(context, translation.get_language()) if texts else None
        subject, body = edited or ("", "")
        if not subject:
            subject = render_to_string(f"{template_prefix}_subject.txt", context)
        if body:
            html = html_version(body, translation.get_language())
        else:
            body = render_to_string(f"{template_prefix}_body.txt", context)
            try:
                html = render_to_string(f"{template_prefix}_body.html", context)
            except TemplateDoesNotExist:  # the HTML part is optional
                html = ""
    return " ".join(subject.split()), body, html


def queue_email(
    to: str | list[str],
    template_prefix: str,
    context: dict | None = None,
    *,
    language: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    kind: str = "",
    dedup_key: str = "",
    texts=None,
) -> OutboundEmail:
    """Render `<template_prefix>_subject.txt`, `_body.txt` and optionally
    `_body.html` in `language` (or the edited `texts`, see `render_email`), store
    the message and enqueue its delivery once the surrounding transaction commits
    (nothing is sent for a rolled-back change)."""
    recipients = [to] if isinstance(to, str) else list(to)
    subject, body, html = render_email(template_prefix, context, language, texts=texts)
    return queue_rendered_email(
        recipients,
        subject,
        body,
        html,
        attachments=attachments,
        kind=kind or template_prefix,
        dedup_key=dedup_key,
    )


def queue_rendered_email(
    to: str | list[str],
    subject: str,
    body: str,
    html: str = "",
    *,
    attachments: list[tuple[str, bytes, str]] | None = None,
    kind: str = "account",
    dedup_key: str = "",
) -> OutboundEmail:
    """Store an already rendered message and enqueue its delivery after commit.

    For messages rendered elsewhere (allauth's account emails); everything
    else uses `queue_email`. `kind` names the message in the outbox listing
    (`queue_email` passes its template prefix)."""
    from .tasks import deliver_email

    email = OutboundEmail.objects.create(
        kind=kind[:100],
        to=[to] if isinstance(to, str) else list(to),
        subject=" ".join(subject.split())[:255],
        body=body,
        html=html,
        attachments=[
            {
                "filename": filename,
                "content": base64.b64encode(content).decode(),
                "mimetype": mimetype,
            }
            for filename, content, mimetype in (attachments or [])
        ],
        dedup_key=dedup_key,
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


# What an email service provider's tracking webhook may report that means the
# message will not arrive (django-anymail's normalised event types).
UNDELIVERABLE_EVENTS = {"bounced", "rejected"}


def mark_undeliverable(sender, event, esp_name, **kwargs):
    """django-anymail `tracking` receiver: a bounce or rejection marks the email
    BOUNCED, so a coordinator sees that the address does not work."""
    if event.event_type not in UNDELIVERABLE_EVENTS or not event.message_id:
        return
    reason = event.description or event.mta_response or event.reject_reason or event.event_type
    OutboundEmail.objects.filter(provider_message_id=event.message_id).update(
        status=OutboundEmail.Status.BOUNCED,
        next_attempt_at=None,
        last_error=f"{esp_name}: {reason}"[:2000],
    )
