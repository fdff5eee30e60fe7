"""Kompis matching in the Wagtail admin: the matching board, newcomers, the versioned policy
and matches."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from samverka.people.municipalities import ScopedViewSetMixin

from . import admin_views, figures
from .models import ExcludedPair, FollowUp, Match, MatchingPolicy, MentorPreferences, Newcomer


class NewcomerViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Newcomer
    municipality_paths = ("person__home_municipality",)
    name = "newcomers"
    icon = "user"
    menu_label = gettext_lazy("Newcomers")
    list_display = [
        "full_name",
        Column("district", label=gettext_lazy("District")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("waiting_days", label=gettext_lazy("Days waiting"), accessor="waiting_days"),
        DateColumn("created_at", label=gettext_lazy("Registered")),
    ]
    list_filter = ["status", "source", "sfi_course"]
    search_fields = ["person__first_name", "person__last_name", "person__phone", "person__email"]
    search_backend_name = None
    # Who the newcomer is (name, phone, languages, district, consent) is edited on their
    # Person (People in the menu); this is their kompis profile.
    form_fields = [
        "person",
        "sfi_course",
        "interests",
        "profession",
        "sector",
        "education",
        "goals",
        "availability",
        "mentor_gender",
        "status",
        "waiting_since",
        "first_in_line",
        "notes",
    ]


class MatchingPolicyViewSet(ModelViewSet):
    """Editing saves a new version; earlier versions stay for the proposals made with them."""

    model = MatchingPolicy
    name = "matching_policy"
    icon = "cog"
    menu_label = gettext_lazy("Matching policy")
    list_display = ["__str__", "min_language_level", "max_distance_km", "note", "created_at"]
    form_fields = [
        "min_language_level",
        "max_distance_km",
        "respect_gender_preference",
        "require_common_slot",
        "across_municipalities",
        "weight_language",
        "weight_distance",
        "weight_interests",
        "weight_profession",
        "weight_age",
        "weight_household",
        "weight_availability",
        "second_slot_cost",
        "third_slot_cost",
        "note",
    ]
    copy_view_enabled = False


class MatchViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = ("newcomer__person__home_municipality",)
    model = Match
    name = "kompis_matches"
    icon = "link"
    menu_label = gettext_lazy("Matches")
    list_display = [
        "__str__",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        "score",
        DateColumn("started_at", label=gettext_lazy("Active since")),
        DateColumn("last_contact_on", label=gettext_lazy("Last contact")),
    ]
    list_filter = ["status"]
    form_fields = ["status", "last_contact_on", "end_reason", "feedback"]
    add_view_enabled = False
    copy_view_enabled = False


class FollowUpViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = ("match__newcomer__person__home_municipality",)
    """Follow-ups due: after the first meeting ("does the pairing fit?"), 2 weeks, 3 and 6
    months. Reminders go out by email; the coordinator notes the answer here."""

    model = FollowUp
    name = "kompis_follow_ups"
    icon = "date"
    menu_label = gettext_lazy("Follow-ups")
    list_display = [
        "__str__",
        DateColumn("due_on", label=gettext_lazy("Due")),
        DateColumn("reminded_at", label=gettext_lazy("Reminded")),
        DateColumn("done_at", label=gettext_lazy("Done")),
        "fits",
    ]
    list_filter = ["kind"]
    form_fields = ["due_on", "done_at", "fits", "notes"]
    add_view_enabled = False
    copy_view_enabled = False


class MentorPreferencesViewSet(ScopedViewSetMixin, ModelViewSet):
    # a volunteer's preferences are seen where the volunteer is (their district)
    municipality_district = "volunteer__district"
    model = MentorPreferences
    name = "mentor_preferences"
    icon = "user"
    menu_label = gettext_lazy("Kompis preferences")
    list_display = ["__str__", "household", "newcomer_gender", "paused"]
    form_fields = ["volunteer", "household", "newcomer_gender", "paused"]
    copy_view_enabled = False


class ExcludedPairViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = ("newcomer__person__home_municipality",)
    model = ExcludedPair
    name = "excluded_pairs"
    icon = "cross"
    menu_label = gettext_lazy("Excluded pairs")
    list_display = ["__str__", "reason", DateColumn("created_at", label=gettext_lazy("Added"))]
    form_fields = ["newcomer", "volunteer", "reason"]
    copy_view_enabled = False


class KompisGroup(ViewSetGroup):
    menu_label = gettext_lazy("Kompis matching")
    menu_icon = "group"
    menu_order = 210
    items = (
        NewcomerViewSet,
        MatchViewSet,
        FollowUpViewSet,
        MentorPreferencesViewSet,
        ExcludedPairViewSet,
        MatchingPolicyViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return KompisGroup()


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("mentors.view_newcomer")


@hooks.register("register_admin_menu_item")
def register_board_menu_item():
    return BoardMenuItem(
        gettext_lazy("Matching board"),
        reverse("mentors_admin:board"),
        icon_name="table",
        order=205,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.board, name="board"),
        path("run/", admin_views.run_matching, name="run_matching"),
        path("runs/<int:pk>/", admin_views.run_detail, name="run"),
        path("runs/<int:pk>/action/", admin_views.run_action, name="run_action"),
        path("runs/<int:pk>/approve/", admin_views.approve, name="approve"),
        path("matches/<int:pk>/answer/", admin_views.record_answer, name="record_answer"),
        path("matches/<int:pk>/end/", admin_views.end_match, name="end_match"),
        path("newcomers/<int:pk>/candidates/", admin_views.candidates, name="candidates"),
    ]
    return [path("kompis/", include((urls, "mentors_admin")))]


hooks.register("register_admin_urls", figures.register_admin_urls)
