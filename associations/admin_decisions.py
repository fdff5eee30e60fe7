"""The coordinator's common decisions in one click: approve an organisation, vet a volunteer.

- On the object's own page: the edit view shows the decision as buttons above the form
  (`DecisionBarMixin`); approving and vetting are one POST each; declining an organisation
  opens the decision form with "reject" chosen, because the organisation is told why.
- On the listings: Wagtail bulk actions (samverka.core.bulk) approve or decline several
  organisations (one message to all of them) and vet several volunteers.

Every decision goes through the model's own method (emails to the organisation's
administrators included) and is logged with samverka.core.audit, like the decision form.

Clicks, counted on the demo (the closing note of issue #19): approving an organisation took
four (the listing's "…" menu, "Approve or reject", the "Approve" radio button, "Save") and
could not be done from the organisation's page; now one on its page ("Approve") and, for any
number of them, two plus one per row on the listing (tick the rows, "Approve", confirm).
Vetting a volunteer took four on their page (the status select, "Vetted", "Save", after
scrolling to the third panel); now one ("Vet"), or the same bulk action on the listing.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.views.generic import EditView

from samverka.core import audit
from samverka.core.bulk import ModelBulkAction
from samverka.people.municipalities import scope_model

from .models import Organisation, Volunteer

ORGANISATION_PERMISSION = "associations.change_organisation"
VOLUNTEER_PERMISSION = "associations.change_volunteer"


# --- The decision itself, one place for the page, the listing and the form -----------------


def approve_organisation(organisation, user, message: str = "") -> None:
    organisation.approve(user, message)
    audit.log(
        organisation,
        audit.ORGANISATION_DECISION,
        user=user,
        decision="approve",
        status=organisation.status,
    )


def reject_organisation(organisation, user, message: str) -> None:
    organisation.reject(user, message)
    audit.log(
        organisation,
        audit.ORGANISATION_DECISION,
        user=user,
        decision="reject",
        status=organisation.status,
    )


def vet_volunteer(volunteer, user) -> None:
    old = volunteer.status
    volunteer.vet(user)
    audit.log(volunteer, audit.VOLUNTEER_VETTING, user=user, old=old, new=volunteer.status)


# --- On the object's own page ---------------------------------------------------------------


class DecisionBarMixin:
    """An edit view with the common decision as buttons above the form."""

    template_name = "associations/admin/edit_with_decisions.html"

    def get_decisions(self) -> list[dict]:
        return []

    def get_decision_note(self) -> str:
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = self.get_decisions()
        context["decision_note"] = self.get_decision_note() if context["decisions"] else ""
        return context


class OrganisationDecisionBarMixin(DecisionBarMixin):
    def get_decision_note(self):
        return _("Status: %(status)s.") % {"status": self.object.get_status_display()}

    def get_decisions(self):
        organisation = self.object
        if not self.request.user.has_perm(ORGANISATION_PERMISSION):
            return []
        decisions = []
        if organisation.status != Organisation.Status.APPROVED:
            decisions.append(
                {
                    "label": _("Approve"),
                    "url": reverse("associations_decisions:approve", args=[organisation.pk]),
                    "post": True,
                }
            )
        if organisation.status == Organisation.Status.PENDING:
            decisions.append(
                {
                    "label": _("Decline…"),
                    "url": reverse("associations_admin:decide", args=[organisation.pk])
                    + "?decision=reject",
                    "post": False,
                }
            )
        return decisions


class VolunteerDecisionBarMixin(DecisionBarMixin):
    def get_decision_note(self):
        return _("Status: %(status)s.") % {"status": self.object.get_status_display()}

    def get_decisions(self):
        if not self.request.user.has_perm(VOLUNTEER_PERMISSION):
            return []
        if self.object.status == Volunteer.Status.VETTED:
            return []
        return [
            {
                "label": _("Vet"),
                "url": reverse("associations_decisions:vet", args=[self.object.pk]),
                "post": True,
            }
        ]


@require_POST
def approve(request, pk):
    if not request.user.has_perm(ORGANISATION_PERMISSION):
        raise PermissionDenied
    with transaction.atomic():
        # another municipality's organisation (by its service area) is a 404
        organisation = get_object_or_404(
            scope_model(Organisation.objects.all(), request.user).select_for_update(), pk=pk
        )
        if organisation.status != Organisation.Status.APPROVED:
            approve_organisation(organisation, request.user)
    messages.success(request, _("%(name)s is approved.") % {"name": organisation.name})
    return redirect("organisation:edit", organisation.pk)


@require_POST
def vet(request, pk):
    if not request.user.has_perm(VOLUNTEER_PERMISSION):
        raise PermissionDenied
    with transaction.atomic():
        # a volunteer in another municipality's district is a 404
        volunteer = get_object_or_404(
            scope_model(Volunteer.objects.all(), request.user).select_for_update(), pk=pk
        )
        if volunteer.status != Volunteer.Status.VETTED:
            vet_volunteer(volunteer, request.user)
    messages.success(request, _("%(name)s is vetted.") % {"name": volunteer.full_name})
    return redirect("volunteer:edit", volunteer.pk)


@hooks.register("register_admin_urls")
def register_decision_urls():
    from django.urls import include

    urls = [
        path("organisations/<int:pk>/approve/", approve, name="approve"),
        path("volunteers/<int:pk>/vet/", vet, name="vet"),
    ]
    return [path("decisions/", include((urls, "associations_decisions")))]


# --- On the listings: bulk actions ----------------------------------------------------------


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the organisations"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Sent by email to the administrators of each organisation: say why, and what "
            "they can do."
        ),
    )


class ApproveOrganisations(ModelBulkAction):
    display_name = gettext_lazy("Approve")
    aria_label = gettext_lazy("Approve the selected organisations")
    action_type = "approve"
    action_priority = 10
    model_class = Organisation
    permission = ORGANISATION_PERMISSION
    confirmation_text = gettext_lazy(
        "These organisations are approved and shown in the directory; their administrators "
        "get an email."
    )

    @classmethod
    def act(cls, objects, *, user, form):
        changed = 0
        for organisation in objects:
            if organisation.status != Organisation.Status.APPROVED:
                approve_organisation(organisation, user)
                changed += 1
        return changed

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d organisation approved.",
            "%(count)d organisations approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class DeclineOrganisations(ModelBulkAction):
    display_name = gettext_lazy("Decline")
    aria_label = gettext_lazy("Decline the selected organisations")
    action_type = "decline"
    action_priority = 20
    model_class = Organisation
    permission = ORGANISATION_PERMISSION
    form_class = DeclineForm
    confirmation_text = gettext_lazy(
        "These organisations are declined and not shown in the directory; their "
        "administrators get your message by email."
    )

    @classmethod
    def act(cls, objects, *, user, form):
        message = form.cleaned_data["message"].strip()
        changed = 0
        for organisation in objects:
            if organisation.status == Organisation.Status.PENDING:
                reject_organisation(organisation, user, message)
                changed += 1
        return changed

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d organisation declined.",
            "%(count)d organisations declined.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class VetVolunteers(ModelBulkAction):
    display_name = gettext_lazy("Vet")
    aria_label = gettext_lazy("Vet the selected volunteers")
    action_type = "vet"
    action_priority = 10
    model_class = Volunteer
    permission = VOLUNTEER_PERMISSION
    confirmation_text = gettext_lazy(
        "These volunteers are marked as vetted by you and can be matched."
    )

    @classmethod
    def act(cls, objects, *, user, form):
        changed = 0
        for volunteer in objects:
            if volunteer.status != Volunteer.Status.VETTED:
                vet_volunteer(volunteer, user)
                changed += 1
        return changed

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d volunteer vetted.",
            "%(count)d volunteers vetted.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


for action in (ApproveOrganisations, DeclineOrganisations, VetVolunteers):
    hooks.register("register_bulk_action", action)


class OrganisationEditView(OrganisationDecisionBarMixin, EditView):
    pass
