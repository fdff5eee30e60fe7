"""Internships in the Wagtail admin: places (with the approval queue),
internships (each opens on its own page: mentor, status, follow-ups, contact log,
outcomes), the engine's proposals and the report."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from samverka.core.listings import ExportingIndexView
from samverka.people.municipalities import ScopedViewSetMixin

from . import admin_views
from .access import INTERNSHIP_SCOPE, PLACE_SCOPE
from .forms import PlaceAdminForm
from .models import Internship, InternshipPlace


class PlaceIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("employer").with_taken()


class PlaceViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = PLACE_SCOPE
    model = InternshipPlace
    icon = "form"
    menu_label = gettext_lazy("Internship places")
    index_view_class = PlaceIndexView
    list_display = [
        "title",
        "employer",
        "sector",
        "district",
        Column("taken", label=gettext_lazy("Taken"), accessor="taken"),
        "number_of_places",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("review", label=gettext_lazy("Approval"), accessor="get_review_display"),
        DateColumn("starts_on", label=gettext_lazy("From")),
    ]
    list_filter = ["status", "review", "sector", "district", "employer"]
    search_fields = ["title", "occupation", "sector", "employer__name", "supervisor_name"]
    search_backend_name = None
    list_export = [
        "title",
        "employer.name",
        "occupation",
        "sector",
        "district",
        "starts_on",
        "ends_on",
        "hours_per_week",
        "number_of_places",
        "status",
        "review",
        "supervisor_name",
        "supervisor_email",
    ]
    export_filename = "internship-places"
    copy_view_enabled = True
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("employer"),
                    FieldPanel("title"),
                    FieldRowPanel([FieldPanel("occupation"), FieldPanel("sector")]),
                    FieldPanel("description"),
                    FieldPanel("competences"),
                    FieldPanel("languages"),
                ],
                heading=gettext_lazy("The place"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                    FieldRowPanel([FieldPanel("hours_per_week"), FieldPanel("number_of_places")]),
                    FieldPanel("work_slots"),
                    FieldRowPanel([FieldPanel("municipality"), FieldPanel("district")]),
                ],
                heading=gettext_lazy("When and where"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("supervisor_name"),
                    FieldRowPanel([FieldPanel("supervisor_email"), FieldPanel("supervisor_phone")]),
                ],
                heading=gettext_lazy("Supervisor (handledare)"),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("status"), FieldPanel("review")])],
                heading=gettext_lazy("Status"),
            ),
        ],
        base_form_class=PlaceAdminForm,
    )


class InternshipIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("newcomer__person", "place__employer", "mentor")
        )

    def get_edit_url(self, instance):
        return reverse("internships_admin:manage", args=[instance.pk])

    @cached_property
    def header_buttons(self):
        buttons = []
        if self.request.user.has_perm("internships.add_internship"):
            buttons.append(
                HeaderButton(
                    gettext_lazy("Place a newcomer"),
                    url=reverse("internships_admin:new"),
                    icon_name="plus",
                )
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            HeaderButton(
                gettext_lazy("Proposals for everyone waiting"),
                url=reverse("internships_admin:proposals"),
                icon_name="resubmit",
            )
        )
        return buttons


def _to_new(request, *args, **kwargs):
    return redirect("internships_admin:new")


def _to_manage(request, pk, *args, **kwargs):
    return redirect("internships_admin:manage", pk=pk)


class InternshipViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = INTERNSHIP_SCOPE
    model = Internship
    icon = "user"
    menu_label = gettext_lazy("Internships")
    index_view_class = InternshipIndexView
    list_display = [
        "newcomer",
        Column("place", label=gettext_lazy("Place"), accessor="place.title"),
        Column("employer", label=gettext_lazy("Employer"), accessor="place.employer.name"),
        Column("mentor", label=gettext_lazy("Mentor")),
        DateColumn("start_date", label=gettext_lazy("First day")),
        DateColumn("end_date", label=gettext_lazy("Last day")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
    ]
    list_filter = ["status", "place__sector", "place__employer"]
    search_fields = ["place__title", "place__employer__name", "supervisor_name"]
    search_backend_name = None
    list_export = [
        "newcomer",
        "place.title",
        "place.employer.name",
        "place.sector",
        "mentor",
        "start_date",
        "end_date",
        "status",
        "ended_on",
        "job_started_on",
        "days_to_job",
    ]
    export_filename = "internships"
    copy_view_enabled = False
    form_fields = ["plan", "goals"]

    # Internships are created and changed through their own page, where the
    # capacity, overlap and date rules are kept (see admin_views).
    @property
    def add_view(self):
        return _to_new

    @property
    def edit_view(self):
        return _to_manage


class InternshipsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Internships")
    menu_icon = "form"
    menu_order = 260
    items = (InternshipViewSet, PlaceViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return InternshipsGroup()


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def report_menu_item():
    return _PermissionMenuItem(
        gettext_lazy("Internship report"),
        reverse("internships_admin:report"),
        icon_name="table",
        order=261,
        permission="internships.view_internship",
    )


@hooks.register("register_admin_menu_item")
def pending_places_menu_item():
    return _PermissionMenuItem(
        gettext_lazy("Internship places to approve"),
        reverse("internships_admin:pending_places"),
        icon_name="time",
        order=262,
        permission="internships.change_internshipplace",
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("new/", admin_views.new_internship, name="new"),
        path("<int:pk>/", admin_views.manage, name="manage"),
        path("<int:pk>/mentor/", admin_views.assign_mentor, name="assign_mentor"),
        path("<int:pk>/status/", admin_views.change_status, name="status"),
        path("<int:pk>/details/", admin_views.change_details, name="details"),
        path("<int:pk>/contact/", admin_views.add_contact, name="add_contact"),
        path("<int:pk>/outcome/", admin_views.record_outcome, name="outcome"),
        path("<int:pk>/follow-up/<str:kind>/", admin_views.follow_up, name="follow_up"),
        path("places/pending/", admin_views.pending_places, name="pending_places"),
        path("proposals/", admin_views.proposals, name="proposals"),
        path("report/", admin_views.report, name="report"),
    ]
    return [path("internships/", include((urls, "internships_admin")))]
