"""Coaching in the Wagtail admin: the cases a counsellor may see, the referrals of their
actors, staff memberships (coordinators), the report, the log actions, and the
"Coordinator's day" panel on every staff member's dashboard."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter

from samverka.core.bulk import BulkActionsIndexMixin
from samverka.core.listings import ExportingIndexView

from . import admin_decisions, admin_views
from .access import may_see_report
from .dashboard import DayPanel
from .models import ActorMembership, Case, Referral


class CaseIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("person", "counsellor", "actor", "meeting_place")
            .order_by("-started_on", "-pk")
        )

    def get_edit_url(self, instance):
        return reverse("coaching_admin:case", args=[instance.pk])

    @cached_property
    def header_buttons(self):
        if not self.request.user.has_perm("coaching.add_case"):
            return []
        return [
            HeaderButton(
                gettext_lazy("Open a case"), url=reverse("coaching_admin:new"), icon_name="plus"
            )
        ]


def _to_new(request, *args, **kwargs):
    return redirect("coaching_admin:new")


def _to_case(request, pk, *args, **kwargs):
    return redirect("coaching_admin:case", pk=pk)


def _to_referral(request, pk, *args, **kwargs):
    return redirect("coaching_admin:referral", pk=pk)


class CaseViewSet(ModelViewSet):
    model = Case
    url_namespace = "coaching_cases"
    url_prefix = "coaching/cases"
    icon = "user"
    menu_label = gettext_lazy("Coaching cases")
    index_view_class = CaseIndexView
    list_display = [
        "person",
        Column("counsellor", label=gettext_lazy("Counsellor")),
        Column("meeting_place", label=gettext_lazy("Meeting place")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("started_on", label=gettext_lazy("Started")),
        DateColumn("next_contact_on", label=gettext_lazy("Next contact")),
    ]
    list_filter = ["status", "source"]
    search_fields = ["person__first_name", "person__last_name"]
    search_backend_name = None
    list_export = [
        "person",
        "counsellor",
        "actor.name",
        "meeting_place",
        "source",
        "status",
        "started_on",
        "closed_on",
        "close_reason",
        "first_job_on",
        "days_to_job",
    ]
    export_filename = "coaching-cases"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["goals"]

    # Cases are opened and changed on their own pages, where coaching.access decides.
    @property
    def add_view(self):
        return _to_new

    @property
    def edit_view(self):
        return _to_case


class ReferralIndexView(BulkActionsIndexMixin, ExportingIndexView):
    def get_base_queryset(self):
        return (
            Referral.objects.visible_to(self.request.user)
            .select_related("person", "from_actor", "to_actor")
            .order_by("-sent_at", "-pk")
        )

    def get_edit_url(self, instance):
        return reverse("coaching_admin:referral", args=[instance.pk])


class ReferralViewSet(ModelViewSet):
    model = Referral
    url_namespace = "coaching_referrals"
    url_prefix = "coaching/referral-list"
    icon = "resubmit"
    menu_label = gettext_lazy("Referrals")
    index_view_class = ReferralIndexView
    list_display = [
        "person",
        Column("from_actor", label=gettext_lazy("From")),
        Column("to_actor", label=gettext_lazy("To")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("sent_at", label=gettext_lazy("Sent")),
    ]
    list_filter = ["status"]
    search_backend_name = None
    list_export = ["from_actor.name", "to_actor.name", "status", "sent_at", "completed_on"]
    export_filename = "referrals"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["reason"]

    @property
    def add_view(self):
        return _to_new

    @property
    def edit_view(self):
        return _to_referral


class MembershipViewSet(ModelViewSet):
    model = ActorMembership
    url_namespace = "coaching_memberships"
    url_prefix = "coaching/staff"
    icon = "group"
    menu_label = gettext_lazy("Staff at the actors")
    index_view_class = ExportingIndexView
    list_display = ["user", "actor", "meeting_place"]
    list_filter = ["actor"]
    search_backend_name = None
    form_fields = ["user", "actor", "meeting_place"]
    copy_view_enabled = False


class CoachingGroup(ViewSetGroup):
    menu_label = gettext_lazy("Coaching")
    menu_icon = "user"
    menu_order = 255
    items = (CaseViewSet, ReferralViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CoachingGroup()


class _ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_admin_menu_item")
def report_menu_item():
    return _ReportMenuItem(
        gettext_lazy("Coaching report"),
        reverse("coaching_admin:report"),
        icon_name="table",
        order=256,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("new/", admin_views.new_case, name="new"),
        path("<int:pk>/", admin_views.case_view, name="case"),
        path("<int:pk>/contact/", admin_views.add_contact, name="add_contact"),
        path("<int:pk>/refer/", admin_views.refer, name="refer"),
        path("<int:pk>/outcome/", admin_views.record_outcome, name="outcome"),
        path("<int:pk>/close/", admin_views.close_case, name="close"),
        path("<int:pk>/pause/", admin_views.pause_case, name="pause"),
        path("referrals/<int:pk>/", admin_views.referral_view, name="referral"),
        path("referrals/<int:pk>/answer/", admin_views.answer_referral, name="answer"),
        path("referrals/<int:pk>/accept/", admin_decisions.accept, name="accept"),
        path("referrals/<int:pk>/decline/", admin_decisions.decline, name="decline"),
        path("report/", admin_views.report, name="report"),
    ]
    return [path("coaching/", include((urls, "coaching_admin")))]


LOG_ACTIONS = {
    "coaching.case_opened": gettext_lazy("Coaching case opened"),
    "coaching.case_closed": gettext_lazy("Coaching case closed"),
    "coaching.referral_sent": gettext_lazy("Referral sent"),
    "coaching.referral_accept": gettext_lazy("Referral accepted"),
    "coaching.referral_decline": gettext_lazy("Referral declined"),
    "coaching.referral_complete": gettext_lazy("Referral completed"),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in LOG_ACTIONS.items():

        class Formatter(LogFormatter):
            pass

        Formatter.label = label
        Formatter.message = label
        actions.register_action(action)(Formatter)


@hooks.register("construct_homepage_panels")
def add_day_panel(request, panels):
    panels.insert(0, DayPanel(request))
