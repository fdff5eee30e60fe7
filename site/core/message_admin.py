"""The Message texts admin: every kind of message with its current text, the snippet
views that edit one language's text (wagtail-localize translates them), a preview with
sample values and "reset to the built-in text".

Editors and coordinators have the `core.*_messagetext` permissions (migration 0007)."""

from __future__ import annotations

import functools

from django import forms
from django.conf import settings
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import message_texts, messages, sms
from .models import MessageText
from .sms import segments

PERMISSIONS = [f"core.{action}_messagetext" for action in ("add", "change", "delete", "view")]


def _kind_choices():
    return [(kind.key, kind.label) for kind in message_texts.editable_kinds()]


def sms_segments_help(kind: messages.Kind, text: str) -> str:
    """How many segments `text` takes with the sample values, for the field's help."""
    count = segments.count(message_texts.preview(kind, text)).segments if text else 0
    return _(
        "With sample values: %(count)s SMS segment(s) of at most %(max)s. "
        "Messages in Arabic, Persian, Tigrinya or Ukrainian take about twice as many."
    ) % {"count": count, "max": sms.max_segments()}


class MessageTextForm(WagtailAdminModelForm):
    kind = forms.ChoiceField(label=gettext_lazy("message"), choices=_kind_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        key = self.instance.kind if self.instance.pk else None
        if key:
            # The same kind in every language (wagtail-localize synchronises it).
            self.fields["kind"].disabled = True
        else:
            key = self.data.get("kind") or self.initial.get("kind")
        self.kind = messages.KINDS.get(key or "")
        if self.kind is None or not self.kind.in_cms:
            self.kind = None
            return
        allowed = ", ".join(f"{{{name}}}" for name in self.kind.placeholder_names)
        for part in message_texts.PARTS:
            if part not in message_texts.parts_of(self.kind):
                # A part the kind does not have is not shown (nor saved).
                self.fields.pop(part, None)
                continue
            field = self.fields[part]
            help_text = _("Placeholders: %(allowed)s. Leave empty to keep the built-in text.") % {
                "allowed": allowed
            }
            if self.kind.action and part in ("body", "sms"):
                help_text += " " + _("Must contain {%(name)s}.") % {"name": self.kind.action}
            if part == "sms":
                help_text += " " + sms_segments_help(self.kind, self.instance.sms)
            field.help_text = help_text

    def clean(self):
        cleaned = super().clean()
        kind = messages.KINDS.get(cleaned.get("kind") or "")
        if kind is None or not kind.in_cms:
            if "kind" not in self.errors:
                self.add_error("kind", _("This message keeps its built-in text."))
            return cleaned
        for part in message_texts.PARTS:
            if part not in self.fields:
                continue
            if part not in message_texts.parts_of(kind):
                cleaned[part] = ""  # shown before the message was chosen: not saved
                continue
            text = (cleaned.get(part) or "").strip()
            cleaned[part] = text
            # A broken placeholder is reported by MessageText.clean, which the form runs
            # after this (and wagtail-localize before it publishes a translation).
            broken = bool(message_texts.problems(kind, text, part))
            if part == "sms" and text and not broken and part not in self.errors:
                count = segments.count(message_texts.preview(kind, text)).segments
                if count > sms.max_segments():
                    self.add_error(
                        "sms",
                        _(
                            "With sample values this text takes %(count)s SMS segments; "
                            "the most is %(max)s. Please shorten it."
                        )
                        % {"count": count, "max": sms.max_segments()},
                    )
        if not any(cleaned.get(part) for part in message_texts.parts_of(kind)):
            raise forms.ValidationError(
                _("Write at least one text, or reset the message to its built-in text.")
            )
        locale = self.instance.locale if self.instance.locale_id else None
        duplicate = MessageText.objects.filter(kind=kind.key, locale=locale).exclude(
            pk=self.instance.pk
        )
        if locale is not None and duplicate.exists():
            self.add_error("kind", _("This message already has an edited text in this language."))
        return cleaned


class MessageTextCreateView(CreateView):
    """`?kind=` (from the Message texts listing) chooses the message up front, so the
    form shows only the parts it has."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("kind") in messages.KINDS:
            initial["kind"] = self.request.GET["kind"]
        return initial


class MessageTextViewSet(SnippetViewSet):
    model = MessageText
    icon = "mail"
    menu_label = gettext_lazy("Message texts")
    add_to_admin_menu = False
    list_display = ["kind", "subject", "sms"]
    list_filter = ["kind"]
    search_fields = ["kind", "subject", "body", "sms"]
    add_view_class = MessageTextCreateView
    edit_handler = ObjectList(
        [FieldPanel("kind"), FieldPanel("subject"), FieldPanel("body"), FieldPanel("sms")],
        base_form_class=MessageTextForm,
    )


# --- The listing of every kind, the preview and the reset ---------------------------


def _requires(permission):
    """The view answers Django's 403 page to a user without `permission`."""

    def decorate(view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                error = PermissionDenied(_("You may not change the message texts."))
                return permission_denied(request, error)
            return view(request, *args, **kwargs)

        return guarded

    return decorate


def _kind_or_404(key) -> messages.Kind:
    kind = messages.KINDS.get(key)
    if kind is None or not kind.in_cms:
        raise Http404
    return kind


@_requires("core.view_messagetext")
def index(request):
    """Every kind of message: built-in or edited, and in which languages."""
    rows: dict[str, list[MessageText]] = {}
    for row in MessageText.objects.select_related("locale").order_by("kind", "locale_id"):
        rows.setdefault(row.kind, []).append(row)
    source_language = settings.LANGUAGE_CODE.split("-")[0]
    entries = []
    for kind in messages.KINDS.values():
        kind_rows = rows.get(kind.key, [])
        source = next((r for r in kind_rows if r.locale.language_code == source_language), None)
        entries.append(
            {
                "kind": kind,
                "editable": kind.in_cms,
                "channels": ", ".join(
                    str(label)
                    for label, has in ((_("email"), kind.email), (_("SMS"), kind.sms))
                    if has
                ),
                "source": source,
                "rows": [{"row": r, "edit_url": reverse(EDIT_URL, args=[r.pk])} for r in kind_rows],
                "create_url": create_url(kind),
                "texts": [getattr(source, part) for part in message_texts.parts_of(kind)]
                if source
                else [],
            }
        )
    return TemplateResponse(
        request,
        "core/admin/message_texts.html",
        {
            "entries": entries,
            "can_change": request.user.has_perm("core.change_messagetext"),
            "can_add": request.user.has_perm("core.add_messagetext"),
            "can_delete": request.user.has_perm("core.delete_messagetext"),
        },
    )


@_requires("core.view_messagetext")
def preview(request, key):
    """Each language's edited text of one kind filled with sample values."""
    kind = _kind_or_404(key)
    languages = []
    for row in MessageText.objects.filter(kind=kind.key).select_related("locale"):
        languages.append({"row": row, "parts": preview_parts(kind, row)})
    return TemplateResponse(
        request,
        "core/admin/message_text_preview.html",
        {"kind": kind, "languages": languages, "samples": message_texts.sample_context(kind)},
    )


def preview_parts(kind, row) -> list[dict]:
    labels = {"subject": _("Email subject"), "body": _("Email text"), "sms": _("Text message")}
    parts = []
    for part in message_texts.parts_of(kind):
        text = getattr(row, part)
        filled = message_texts.preview(kind, text) if text else ""
        parts.append(
            {
                "label": labels[part],
                "text": filled,
                "problems": message_texts.problems(kind, text, part) if text else [],
                "segments": segments.count(filled).segments if part == "sms" and text else None,
            }
        )
    return parts


@_requires("core.delete_messagetext")
def reset(request, key):
    """Delete a kind's edited texts in every language: it gets its built-in text back.
    Each deleted row is logged (the site history keeps what was there)."""
    kind = _kind_or_404(key)
    rows = list(MessageText.objects.filter(kind=kind.key).select_related("locale"))
    if request.method != "POST":
        return TemplateResponse(
            request, "core/admin/message_text_reset.html", {"kind": kind, "rows": rows}
        )
    with transaction.atomic():
        for row in rows:
            log(instance=row, action="wagtail.delete", user=request.user)
            row.delete()
    if rows:
        flash.success(request, _("%(kind)s has its built-in text again.") % {"kind": kind.label})
    return redirect("message_texts:index")


def refresh_segments(row: MessageText) -> None:
    from wagtail_localize.models import TranslationSource

    if TranslationSource.objects.get_for_instance_or_none(row) is not None:
        TranslationSource.update_or_create_from_instance(row)


EDIT_URL = "wagtailsnippets_core_messagetext:edit"


def create_url(kind) -> str:
    """The Swedish (source) text of `kind`, its parts already chosen."""
    return (
        reverse("wagtailsnippets_core_messagetext:add")
        + "?"
        + urlencode({"kind": kind.key, "locale": settings.LANGUAGE_CODE.split("-")[0]})
    )
