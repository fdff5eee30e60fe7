"""Municipalities in the Wagtail admin (imported by people/wagtail_hooks.py).

- "Municipalities" menu: name, kommunkod, contact, logo, and the districts with their postcodes,
  edited inline. Regional coordinators and superusers change them (model permissions granted
  to the "Regional coordinator" group); coordinators see their own.
- Coordinators of a municipality: who coordinates which municipality (`MunicipalityRole`).
- Removing a municipality that still has people, programmes or places is refused with a
  message saying what still belongs to it; nothing is deleted (the foreign keys PROTECT too).
- The admin's branding (name and logo of the municipality that runs the installation) comes
  from the template tags in `samverka.people.templatetags.municipalities`.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .municipalities import Municipality, MunicipalityRole, ScopedViewSetMixin


def what_still_belongs(municipality: Municipality) -> list[tuple[str, int]]:
    """(what, how many) of the rows that keep a municipality from being removed: every
    relation that PROTECTs it, whichever app it comes from."""
    from django.db.models import PROTECT

    found = []
    for relation in municipality._meta.related_objects:
        if getattr(relation, "on_delete", None) is not PROTECT:
            continue
        count = relation.related_model._default_manager.filter(
            **{relation.field.name: municipality}
        ).count()
        if count:
            found.append((str(relation.related_model._meta.verbose_name_plural), count))
    return found


class MunicipalityDeleteView(DeleteView):
    template_name = "people/admin/municipality_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["still_belongs"] = what_still_belongs(self.object)
        return context

    def _refuse(self, still):
        messages.error(
            self.request,
            _("%(name)s cannot be removed while these still belong to it: %(what)s.")
            % {
                "name": self.object,
                "what": ", ".join(f"{what} ({count})" for what, count in still),
            },
        )
        return redirect(self.get_edit_url() or self.get_success_url())

    def get_edit_url(self):
        from django.urls import reverse

        return reverse("municipalities:edit", args=[self.object.pk])

    def form_valid(self, form):
        still = what_still_belongs(self.object)
        if still:
            return self._refuse(still)
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:  # something was added meanwhile
            return self._refuse(what_still_belongs(self.object))


class MunicipalityViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Municipality
    name = "municipalities"
    icon = "site"
    menu_label = gettext_lazy("Municipalities")
    municipality_paths = ("pk",)
    list_display = ["name", "code", "email", "phone"]
    search_fields = ["name", "code"]
    search_backend_name = None
    delete_view_class = MunicipalityDeleteView
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("website"),
                FieldPanel("address"),
                FieldPanel("logo"),
            ],
            heading=gettext_lazy("Contact"),
        ),
        InlinePanel("districts", heading=gettext_lazy("Districts"), label=gettext_lazy("District")),
        FieldPanel("site"),
    ]


class MunicipalityRoleViewSet(ScopedViewSetMixin, ModelViewSet):
    model = MunicipalityRole
    name = "municipality_roles"
    icon = "group"
    menu_label = gettext_lazy("Coordinators per municipality")
    municipality_paths = ("municipality",)
    list_display = ["user", "municipality"]
    list_filter = ["municipality"]
    form_fields = ["user", "municipality"]
    copy_view_enabled = False


class MunicipalitiesGroup(ViewSetGroup):
    menu_label = gettext_lazy("Municipalities")
    menu_icon = "site"
    menu_order = 195
    items = (MunicipalityViewSet, MunicipalityRoleViewSet)


@hooks.register("register_admin_viewset")
def register_municipality_viewsets():
    return MunicipalitiesGroup()
