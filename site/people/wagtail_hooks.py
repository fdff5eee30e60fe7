"""People and consent texts in the Wagtail admin.

- People: search by name, phone or email; filters; languages as one level select per
  language and lists as checkboxes (never JSON); phone shown as people write it. Special-
  category fields appear only for those `access.may_see_special_category` allows.
- Consent texts: a draft can be edited; a published version cannot (the edit is refused and
  the model refuses too). "Publish" fixes it and asks people to consent again; "Not yet
  consented" lists who agreed to an earlier version only.
- Personal data (coordinators): find a person by email, phone or record, see and download
  everything held about them (logged), and the retention periods with what is due.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from samverka.core.inspect import ReadableInspectView
from samverka.core.permissions import is_coordinator

from . import (
    municipality_admin,  # noqa: F401  (the Municipalities menu)
    views,
)
from .access import get_person_for, may_see_special_category
from .consent import ConsentRecord, ConsentVersion
from .models import Person
from .municipalities import ScopedViewSetMixin


class PersonForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_see_special_category(self.for_user, self.instance):
            for name in Person.SPECIAL_CATEGORY_FIELDS:
                self.fields.pop(name, None)


class PersonViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Person
    municipality_paths = ("home_municipality",)
    name = "persons"
    icon = "user"
    menu_label = gettext_lazy("People")
    inspect_view_class = ReadableInspectView
    list_display = [
        "full_name",
        Column("phone", label=gettext_lazy("Phone"), accessor="phone_display"),
        "email",
        "district",
        BooleanColumn("has_account", label=gettext_lazy("Account"), accessor="has_account"),
    ]
    list_filter = ["home_municipality", "district", "gender", "preferred_language", "household"]
    search_fields = ["first_name", "last_name", "email", "phone"]
    search_backend_name = None
    # Panels (not form_fields) so that the form is PersonForm and knows who is editing.
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in (
                "first_name",
                "last_name",
                "phone",
                "email",
                "preferred_language",
                "message_channel",
                "languages",
                "gender",
                "birth_year",
                "home_municipality",
                "district",
                "postcode",
                "date_of_settlement",
                "household",
                "user",
                "faith_community",
                "income_support",
            )
        ],
        base_form_class=PersonForm,
    )
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/consent/", person_consent, name="consent"),
        ]

    inspect_view_fields = [
        "first_name",
        "last_name",
        "phone",
        "email",
        "preferred_language",
        "message_channel",
        "phone_verified_at",
        "sms_opt_out_at",
        "languages",
        "district",
        "date_of_settlement",
    ]
    copy_view_enabled = False


class RecordConsentForm(forms.Form):
    """A coordinator notes consent given on paper or orally (newcomers often have no account)."""

    version = forms.ModelChoiceField(
        label=gettext_lazy("Text"), queryset=ConsentVersion.objects.none(), empty_label=None
    )
    method = forms.ChoiceField(
        label=gettext_lazy("How"),
        choices=[
            (ConsentRecord.Method.PAPER, ConsentRecord.Method.PAPER.label),
            (ConsentRecord.Method.ORAL, ConsentRecord.Method.ORAL.label),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [
            version.pk
            for purpose in (ConsentVersion.Purpose.KOMPIS, ConsentVersion.Purpose.PROGRAMMES)
            if (version := ConsentVersion.objects.current(purpose))
        ]
        self.fields["version"].queryset = ConsentVersion.objects.filter(pk__in=current)


def person_consent(request, pk):
    """A person's consent history, and recording a new consent for them."""
    person = get_person_for(request.user, pk, write=request.method == "POST")
    if not request.user.has_perm("people.add_consentrecord"):
        raise PermissionDenied
    form = RecordConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record = person.record_consent(
            form.cleaned_data["version"], form.cleaned_data["method"], recorded_by=request.user
        )
        log(
            instance=person,
            action="people.consent_recorded",
            user=request.user,
            data={"version": str(record.version), "method": record.method},
        )
        messages.success(request, _("Consent recorded."))
        return redirect(reverse("persons:consent", args=[person.pk]))
    history = person.consent_records.select_related("version", "recorded_by").order_by(
        "-given_at", "-pk"
    )
    return TemplateResponse(
        request,
        "people/admin/person_consent.html",
        {"person": person, "form": form, "history": history},
    )


class ConsentVersionForm(WagtailAdminModelForm):
    """The Swedish text and one text box per other site language (stored together)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        translations = self.instance.text_translations or {}
        for code, name in settings.LANGUAGES:
            if code == "sv":
                continue
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                initial=translations.get(code, ""),
            )

    def save(self, commit=True):
        self.instance.text_translations = {
            code: self.cleaned_data[f"text_{code}"].strip()
            for code, _name in settings.LANGUAGES
            if code != "sv" and self.cleaned_data.get(f"text_{code}", "").strip()
        }
        return super().save(commit)


class ConsentVersionEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        version = get_object_or_404(ConsentVersion, pk=kwargs.get("pk") or args[0])
        if version.is_published:
            messages.error(
                request,
                _("%(version)s is published and cannot be changed. Add a new version instead.")
                % {"version": version},
            )
            return redirect(reverse("consent_versions:index"))
        return super().dispatch(request, *args, **kwargs)


class ConsentVersionViewSet(ModelViewSet):
    model = ConsentVersion
    name = "consent_versions"
    icon = "doc-full"
    menu_label = gettext_lazy("Consent texts")
    inspect_view_class = ReadableInspectView
    edit_view_class = ConsentVersionEditView
    list_display = [
        "__str__",
        "purpose",
        Column("published_at", label=gettext_lazy("Published"), accessor="published_at"),
    ]
    list_filter = ["purpose"]
    edit_handler = ObjectList(
        [FieldPanel("purpose"), FieldPanel("text")], base_form_class=ConsentVersionForm
    )
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/publish/", publish_consent, name="publish"),
            path("<int:pk>/not-consented/", not_consented, name="not_consented"),
        ]


def _may_publish(user):
    if not user.has_perm("people.change_consentversion"):
        raise PermissionDenied


@require_POST
def publish_consent(request, pk):
    _may_publish(request.user)
    version = get_object_or_404(ConsentVersion, pk=pk)
    if not version.is_published:
        version.publish()
        log(instance=version, action="people.consent_published", user=request.user)
        messages.success(
            request,
            _("%(version)s is published. People who agreed to an earlier version are asked again.")
            % {"version": version},
        )
    return redirect(reverse("consent_versions:not_consented", args=[version.pk]))


def not_consented(request, pk):
    """Who agreed to an earlier version of this purpose but not yet to this one."""
    if not request.user.has_perm("people.view_consentversion"):
        raise PermissionDenied
    version = get_object_or_404(ConsentVersion, pk=pk)
    if version.purpose == ConsentVersion.Purpose.VOLUNTEERING:
        from django.apps import apps  # people imports no app; the model is looked up by name

        model = apps.get_model("associations", "Volunteer")
    else:
        model = Person
    rows = (
        model.objects.filter(consent_records__version__purpose=version.purpose)
        .exclude(consent_records__version=version)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    return TemplateResponse(
        request,
        "people/admin/not_consented.html",
        {"version": version, "rows": rows[:500], "count": rows.count()},
    )


class PeopleGroup(ViewSetGroup):
    menu_label = gettext_lazy("People")
    menu_icon = "group"
    menu_order = 190
    items = (PersonViewSet, ConsentVersionViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PeopleGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "people.consent_published", gettext_lazy("Publish consent text"), gettext_lazy("Published")
    )
    actions.register_action(
        "people.consent_recorded", gettext_lazy("Record consent"), gettext_lazy("Consent recorded")
    )
    actions.register_action(
        views.EXPORT_ACTION,
        gettext_lazy("Export personal data"),
        gettext_lazy("Personal data exported"),
    )
    actions.register_action(
        views.ERASE_ACTION, gettext_lazy("Erase a person"), gettext_lazy("Person erased")
    )
    actions.register_action(
        views.RETENTION_ACTION,
        gettext_lazy("Change a retention period"),
        gettext_lazy("Retention period changed"),
    )


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    return CoordinatorMenuItem(
        gettext_lazy("Personal data"),
        reverse("people_admin:search"),
        icon_name="user",
        order=900,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.admin_search, name="search"),
        path("<slug:kind>/<int:pk>/", views.admin_export, name="export"),
        path("retention/", views.admin_retention, name="retention"),
    ]
    return [path("personal-data/", include((urls, "people_admin")))]
