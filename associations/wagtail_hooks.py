"""The coordinators' admin: organisations (with the approval queue, decisions,
export and CSV import), representatives, volunteers and their memberships."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from samverka.core import audit
from samverka.core.bulk import BulkActionsIndexMixin
from samverka.core.columns import ListColumn
from samverka.core.inspect import ReadableInspectView
from samverka.core.listings import ExportingIndexView
from samverka.people.municipalities import ScopedViewSetMixin, scope_model

from .admin_decisions import OrganisationEditView, VolunteerDecisionBarMixin
from .admin_forms import (
    DecisionForm,
    ImportFileForm,
    OrganisationAdminForm,
    VolunteerAdminForm,
    parse_organisation_csv,
)
from .models import Membership, Organisation, Representative, Volunteer

ORGANISATION_EXPORT = [
    "name",
    "organisation_number",
    "kind",
    "status",
    "is_listed",
    "district",
    "city",
    "email",
    "phone",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "languages",
    "activities",
    "iop_signed_on",
    "iop_valid_until",
    "created_at",
]


class OrganisationIndexView(BulkActionsIndexMixin, ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("representatives")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("associations.change_organisation"):
            buttons.insert(
                0,
                ButtonMenuItem(
                    _("Approve or reject"),
                    url=reverse("associations_admin:decide", args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                ),
            )
        return buttons

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("associations.add_organisation"):
            buttons.append(
                HeaderButton(
                    _("Import from CSV"),
                    url=reverse("associations_admin:import"),
                    icon_name="upload",
                )
            )
        return buttons


class PendingOrganisationIndexView(OrganisationIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(status=Organisation.Status.PENDING)


class OrganisationInspectView(ReadableInspectView):
    """Languages and activities by their names, never their stored codes."""

    def get_languages_display_value(self):
        return ", ".join(self.object.language_names()) or "–"

    def get_activities_display_value(self):
        return ", ".join(self.object.activity_labels()) or "–"


class OrganisationViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = ("service_area",)
    municipality_unassigned = "service_area"  # no service area: every municipality's
    model = Organisation
    icon = "group"
    menu_label = gettext_lazy("Organisations")
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    inspect_view_class = OrganisationInspectView
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        "district",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        BooleanColumn("is_listed", label=gettext_lazy("Listed")),
        DateColumn("created_at", label=gettext_lazy("Registered")),
    ]
    list_filter = ["status", "kind", "district", "is_listed"]
    search_fields = ["name", "organisation_number", "email", "contact_name", "city"]
    search_backend_name = None
    list_export = ORGANISATION_EXPORT
    export_filename = "organisations"
    ordering = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("organisation_number"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                    FieldPanel("is_listed"),
                ],
                heading=gettext_lazy("Organisation"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("description"),
                    FieldPanel("description_translations"),
                    FieldPanel("logo"),
                    FieldPanel("activities"),
                    FieldPanel("languages"),
                    FieldPanel("meeting_times"),
                ],
                heading=gettext_lazy("Public profile"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("website"),
                    FieldPanel("email"),
                    FieldPanel("phone"),
                    FieldPanel("street_address"),
                    FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                    FieldPanel("district"),
                    FieldPanel("districts_served"),
                    FieldPanel("service_area"),
                ],
                heading=gettext_lazy("Contact and place"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("contact_name"),
                    FieldPanel("contact_email"),
                    FieldPanel("contact_phone"),
                    FieldRowPanel([FieldPanel("iop_signed_on"), FieldPanel("iop_valid_until")]),
                    FieldPanel("internal_notes"),
                ],
                heading=gettext_lazy("For the municipality"),
            ),
        ],
        base_form_class=OrganisationAdminForm,
    )


class PendingOrganisationViewSet(OrganisationViewSet):
    name = "pending_organisations"
    menu_label = gettext_lazy("Waiting for approval")
    icon = "time"
    index_view_class = PendingOrganisationIndexView
    add_to_reference_index = False

    def get_permissions_to_register(self):
        return []


class RepresentativeIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "user")


class MembershipIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("volunteer", "organisation")


class RepresentativeDeleteView(DeleteView):
    """Coordinators, too, keep every organisation with at least one admin."""

    def form_valid(self, form):
        with transaction.atomic():
            admins = list(
                Representative.objects.select_for_update()
                .filter(organisation_id=self.object.organisation_id, role=Representative.Role.ADMIN)
                .values_list("pk", flat=True)
            )
            if self.object.is_admin and admins == [self.object.pk]:
                messages.error(
                    self.request,
                    _(
                        "%(name)s is the organisation's only administrator and cannot be "
                        "removed. Make someone else an administrator first."
                    )
                    % {"name": self.object.user.get_full_name() or self.object.user.email},
                )
                return HttpResponseRedirect(self.get_success_url())
            return super().form_valid(form)


class RepresentativeViewSet(ScopedViewSetMixin, ModelViewSet):
    # an organisation's representatives are seen where the organisation is (its service area)
    municipality_paths = ("organisation__service_area",)
    municipality_unassigned = "organisation__service_area"
    model = Representative
    index_view_class = RepresentativeIndexView
    delete_view_class = RepresentativeDeleteView
    icon = "user"
    menu_label = gettext_lazy("Representatives")
    list_display = [
        Column("user", label=gettext_lazy("Person")),
        Column("email", label=gettext_lazy("Email"), accessor="user.email"),
        "organisation",
        Column("role", label=gettext_lazy("Role"), accessor="get_role_display"),
    ]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    search_backend_name = None
    list_export = ["organisation.name", "user.first_name", "user.last_name", "user.email", "role"]
    export_filename = "representatives"
    form_fields = ["organisation", "user", "role"]
    copy_view_enabled = False


class VolunteerIndexView(BulkActionsIndexMixin, ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class VolunteerEditView(VolunteerDecisionBarMixin, EditView):
    """Opening the form shows the person's record (logged as a view); a change
    of vetting status gets its own entry in the volunteer's history."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_view_person(self.object, request.user, where=_("edit form"))
        return response

    def save_instance(self):
        old = Volunteer.objects.filter(pk=self.object.pk).values_list("status", flat=True).first()
        instance = super().save_instance()
        if old != instance.status:
            audit.log(
                instance,
                audit.VOLUNTEER_VETTING,
                user=self.request.user,
                old=old or "",
                new=instance.status,
            )
        return instance


class VolunteerInspectView(ReadableInspectView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_view_person(self.object, request.user, where=_("details"))
        return response


class PendingVolunteerIndexView(VolunteerIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(status=Volunteer.Status.PENDING)


class VolunteerViewSet(ScopedViewSetMixin, ModelViewSet):
    # a volunteer has no municipality of their own: their district's (none known: everyone's)
    municipality_district = "district"
    model = Volunteer
    icon = "user"
    menu_label = gettext_lazy("Volunteers")
    index_view_class = VolunteerIndexView
    edit_view_class = VolunteerEditView
    inspect_view_class = VolunteerInspectView
    list_display = [
        "full_name",
        "district",
        ListColumn("roles", label=gettext_lazy("Roles"), accessor="role_labels"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        "capacity",
        DateColumn("created_at", label=gettext_lazy("Registered")),
    ]
    list_filter = ["status", "district", "gender", "source"]
    search_fields = ["first_name", "last_name", "email", "phone", "profession", "sector"]
    search_backend_name = None
    list_export = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "district",
        "gender",
        "birth_year",
        "languages",
        "roles",
        "interests",
        "availability",
        "capacity",
        "profession",
        "sector",
        "status",
        "criminal_record_checked_on",
        "consent",
        "created_at",
    ]
    export_filename = "volunteers"
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                    FieldRowPanel([FieldPanel("district"), FieldPanel("postcode")]),
                    FieldRowPanel([FieldPanel("gender"), FieldPanel("birth_year")]),
                    FieldPanel("user"),
                ],
                heading=gettext_lazy("Person"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("roles"),
                    FieldPanel("languages"),
                    FieldPanel("interests"),
                    FieldPanel("availability"),
                    FieldPanel("capacity"),
                    FieldRowPanel([FieldPanel("profession"), FieldPanel("sector")]),
                    FieldPanel("about"),
                ],
                heading=gettext_lazy("Volunteering"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("criminal_record_checked_on"),
                    FieldPanel("consent_on_paper"),
                ],
                heading=gettext_lazy("Vetting and consent"),
            ),
        ],
        base_form_class=VolunteerAdminForm,
    )


class PendingVolunteerViewSet(VolunteerViewSet):
    name = "pending_volunteers"
    menu_label = gettext_lazy("Volunteers to vet")
    icon = "time"
    index_view_class = PendingVolunteerIndexView
    add_to_reference_index = False

    def get_permissions_to_register(self):
        return []


class MembershipViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = ("organisation__service_area",)
    municipality_unassigned = "organisation__service_area"
    model = Membership
    index_view_class = MembershipIndexView
    icon = "link"
    menu_label = gettext_lazy("Volunteer memberships")
    list_display = [
        "volunteer",
        "organisation",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=gettext_lazy("Since")),
    ]
    list_filter = ["status", "organisation"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "organisation__name"]
    search_backend_name = None
    list_export = ["volunteer.full_name", "organisation.name", "status", "created_at"]
    export_filename = "memberships"
    form_fields = ["volunteer", "organisation", "status", "notes"]
    copy_view_enabled = False


class AssociationsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Collaboration platform")
    menu_icon = "group"
    menu_order = 200
    items = (
        PendingOrganisationViewSet,
        OrganisationViewSet,
        RepresentativeViewSet,
        PendingVolunteerViewSet,
        VolunteerViewSet,
        MembershipViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AssociationsGroup()


# --- Decisions and import -------------------------------------------------------------


def decide(request, pk):
    if not request.user.has_perm("associations.change_organisation"):
        raise PermissionDenied
    # another municipality's organisation (by its service area) is a 404
    organisation = get_object_or_404(scope_model(Organisation.objects.all(), request.user), pk=pk)
    form = DecisionForm(request.POST or None, initial={"decision": request.GET.get("decision")})
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        message = form.cleaned_data["message"].strip()
        if decision == "approve":
            organisation.approve(request.user, message)
            messages.success(request, _("%(name)s is approved.") % {"name": organisation.name})
        elif decision == "reject":
            organisation.reject(request.user, message)
            messages.success(request, _("%(name)s is rejected.") % {"name": organisation.name})
        else:
            organisation.suspend(request.user, message)
            messages.success(request, _("%(name)s is suspended.") % {"name": organisation.name})
        audit.log(
            organisation,
            audit.ORGANISATION_DECISION,
            user=request.user,
            decision=decision,
            status=organisation.status,
        )
        return redirect("pending_organisations:index")
    return TemplateResponse(
        request,
        "associations/admin/decide.html",
        {
            "organisation": organisation,
            "form": form,
            "representatives": organisation.representatives.select_related("user"),
        },
    )


def import_organisations(request):
    if not request.user.has_perm("associations.add_organisation"):
        raise PermissionDenied
    form = ImportFileForm(request.POST or None, request.FILES or None)
    rows, file_errors, imported = [], [], None
    if request.method == "POST" and form.is_valid():
        rows, file_errors = parse_organisation_csv(form.cleaned_data["file"])
        if rows and not file_errors and not any(row.errors for row in rows):
            source = request.FILES["file"].name
            with transaction.atomic():
                for row in rows:
                    row.instance.save()
                    audit.log(
                        row.instance,
                        audit.IMPORT,
                        user=request.user,
                        source=source,
                        count=len(rows),
                    )
            imported = len(rows)
            messages.success(request, _("%(count)d organisations imported.") % {"count": imported})
            return redirect("organisation:index")
    return TemplateResponse(
        request,
        "associations/admin/import.html",
        {
            "form": form,
            "rows": rows,
            "file_errors": file_errors,
            "error_count": sum(1 for row in rows if row.errors),
        },
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("organisations/<int:pk>/decide/", decide, name="decide"),
        path("organisations/import/", import_organisations, name="import"),
    ]
    from django.urls import include

    return [path("associations/", include((urls, "associations_admin")))]
