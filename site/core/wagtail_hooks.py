"""Core's part of the Wagtail admin: the audit trail's log actions, the
outbox listing (every outgoing message, whatever its channel) and the message
texts editors change (samverka.core.message_admin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import page_not_found, permission_denied
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem
from wagtail.snippets.models import register_snippet

from samverka.core.inspect import ReadableInspectView

from . import admin_dashboard, audit, message_admin
from .listings import ExportingIndexView
from .models import OutboundEmail
from .tasks import deliver_email


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register(actions)


# Wagtail's content panels on the dashboard ask first whether they have anything to show
# (samverka.core.admin_dashboard); registered last, to find them wherever other hooks put them.
hooks.register("construct_homepage_panels", admin_dashboard.probe_wagtails_panels, order=100)
hooks.register(
    "construct_homepage_summary_items", admin_dashboard.replace_pages_summary_item, order=100
)


class LastErrorColumn(Column):
    def get_value(self, instance):
        return Truncator(instance.last_error).chars(80)


class OutboxAccessMixin:
    """Wagtail answers a missing permission with a redirect to the dashboard;
    the outbox (recipients' addresses, message bodies) answers 404, like any
    object a user may not see (the load-and-authorise rule), and 403 to a reader
    who may see it but not do what the view does (delete, for one). Mixed into
    every view of the outbox (`OutboxViewSet.construct_view`)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("core.view_outboundemail"):
            return page_not_found(request, Http404())
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            # answered here: Wagtail would turn it into a redirect to the dashboard
            return permission_denied(request, error)


class OutboxInspectView(OutboxAccessMixin, ReadableInspectView):
    pass


class OutboxHistoryView(OutboxAccessMixin, HistoryView):
    pass


class OutboxIndexView(OutboxAccessMixin, ExportingIndexView):
    def get_base_queryset(self):
        # The listing never shows bodies or attachments; leave them in the database.
        return super().get_base_queryset().defer("body", "html", "attachments")

    def get_edit_url(self, instance):
        # Messages are not edited: the title opens the details.
        return self.get_inspect_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.can_resend and self.request.user.has_perm("core.change_outboundemail"):
            buttons.insert(
                0,
                ButtonMenuItem(
                    _("Send again"),
                    url=reverse("outbox_admin:resend", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                ),
            )
        return buttons


def _to_inspect(request, pk, *args, **kwargs):
    if not request.user.has_perm("core.view_outboundemail"):
        return page_not_found(request, Http404())
    return redirect("outbox:inspect", pk=pk)


class OutboxViewSet(ModelViewSet):
    """Coordinators see what left, what failed and what bounced, by email and by
    text message (SMS) in one listing: the columns are channel-independent
    (recipient, kind, channel, status), and a text's delivery report shows as
    "Delivered" or, after its retries, "Failed". Messages are not edited: a failed
    one is sent again as it was (a text to someone who since said STOP is not)."""

    model = OutboundEmail
    name = "outbox"
    icon = "mail"
    menu_label = gettext_lazy("Outbox")
    menu_order = 900
    add_to_settings_menu = False
    add_to_admin_menu = True
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    history_view_class = OutboxHistoryView
    list_display = [
        "recipients",
        Column("kind", label=gettext_lazy("Kind")),
        Column("channel", label=gettext_lazy("Channel"), accessor="get_channel_display"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("attempts", label=gettext_lazy("Attempts")),
        LastErrorColumn("last_error", label=gettext_lazy("Last error or bounce reason")),
        DateColumn("created_at", label=gettext_lazy("Queued")),
        DateColumn("sent_at", label=gettext_lazy("Sent")),
    ]
    list_filter = ["status", "channel", "kind", "created_at"]
    search_fields = ["to", "subject", "kind"]
    search_backend_name = None
    list_export = [
        "channel",
        "kind",
        "recipients",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    export_filename = "outbox"
    inspect_view_enabled = True
    inspect_view_fields = [
        "channel",
        "kind",
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "claimed_at",
        "sent_at",
        "segments",
        "body",
    ]
    add_view_enabled = False
    copy_view_enabled = False
    form_fields = []

    @property
    def edit_view(self):
        return _to_inspect

    def construct_view(self, view_class, **kwargs):
        # every view, those Wagtail adds by itself (delete, usage, history results) too
        if not issubclass(view_class, OutboxAccessMixin):
            view_class = type(f"Outbox{view_class.__name__}", (OutboxAccessMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


def resend(request, pk):
    """Queue a failed, bounced or interrupted message again: a person has
    decided that it should go (for an interrupted one, that a possible
    duplicate is better than none)."""
    try:
        email = OutboundEmail.objects.get_for(request.user, pk, write=True)
    except PermissionDenied as error:
        # Answered here: Wagtail would turn it into a redirect to the dashboard.
        return permission_denied(request, error)
    if request.method != "POST":
        return TemplateResponse(request, "core/admin/resend.html", {"email": email})
    previous = email.status
    if email.requeue():
        audit.log(email, audit.OUTBOX_RESEND, user=request.user, status=previous)
        deliver_email.enqueue(email.pk)
        messages.success(request, _("The message is queued again."))
    else:
        messages.warning(request, _("This message is not waiting for a decision any more."))
    return redirect("outbox:index")


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [path("<int:pk>/resend/", resend, name="resend")]
    texts = [
        path("", message_admin.index, name="index"),
        path("<str:key>/preview/", message_admin.preview, name="preview"),
        path("<str:key>/reset/", message_admin.reset, name="reset"),
    ]
    return [
        path("outbox-actions/", include((urls, "outbox_admin"))),
        path("message-texts/", include((texts, "message_texts"))),
    ]


register_snippet(message_admin.MessageTextViewSet)


@hooks.register("after_edit_snippet")
def refresh_message_text_segments(request, instance):
    """A changed Swedish message text refreshes its wagtail-localize segments, as
    publishing a Swedish page does: the translations show which sentence changed."""
    if isinstance(instance, message_admin.MessageText):
        message_admin.refresh_segments(instance)


class MessageTextsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("core.view_messagetext")


@hooks.register("register_settings_menu_item")
def register_message_texts_menu_item():
    return MessageTextsMenuItem(
        gettext_lazy("Message texts"),
        reverse("message_texts:index"),
        icon_name="mail",
        order=800,
    )


from . import choosers  # noqa: E402, F401  (registers the account and person choosers)
