"""Bulk actions on the apps' admin listings, through Wagtail's bulk-action API.

Snippet listings have Wagtail's checkboxes and bulk-action footer; `ModelViewSet` listings do
not. `BulkActionsIndexMixin` gives an index view the same: a checkbox per row, the title
element the checkbox is described by, and the footer listing the actions registered for the
model (``hooks.register("register_bulk_action")``). `ModelBulkAction` is the base of such an
action: it only lists and acts on rows the listing itself shows the user (the view set's
index queryset, so a municipality's scoping applies), in one transaction.
"""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.utils.functional import cached_property, classproperty
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views.bulk_action import BulkAction


class BulkActionsIndexMixin:
    """For a `wagtail.admin.views.generic.IndexView` subclass."""

    bulk_actions_template_name = "core/admin/bulk_index.html"

    def get_template_names(self):
        if self.results_only:
            return super().get_template_names()
        return [self.bulk_actions_template_name]

    @property
    def bulk_obj_type(self) -> str:
        return self.model._meta.model_name

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type=self.bulk_obj_type),
            *super().columns,
        ]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args,
            **kwargs,
            get_title_id=lambda instance: f"{self.bulk_obj_type}_{quote(instance.pk)}_title",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_item_type"] = self.bulk_obj_type.upper()
        return context


class ModelBulkAction(BulkAction):
    """A bulk action on one model of the apps; subclasses set ``model`` and
    ``permission`` and implement ``act(objects)`` (returns how many were changed)."""

    model_class = None
    permission = ""
    template_name = "core/admin/bulk_confirm.html"

    @classproperty
    def models(cls):
        return [cls.model_class] if cls.model_class else []

    def check_perm(self, obj):
        return self.request.user.has_perm(self.permission)

    def visible_queryset(self):
        """What the user may act on: the rows the model's admin listing shows them (scoped
        to their municipalities as the listing is, `samverka.people.municipalities`)."""
        from samverka.people.municipalities import scope_model

        return scope_model(self.model_class._default_manager.all(), self.request.user)

    def get_queryset(self, model, object_ids):
        # ids of another municipality's rows are left out: nothing is shown or changed; none
        # the user may see is a 404, as Wagtail's own bulk actions answer for unknown ids
        from django.http import Http404

        objects = list(self.visible_queryset().filter(pk__in=[str(pk) for pk in object_ids]))
        if not objects:
            raise Http404
        return objects

    def get_all_objects_in_listing_query(self, parent_id):
        return self.visible_queryset().values_list("pk", flat=True)

    def object_context(self, obj):
        return {"item": obj, "edit_url": AdminURLFinder(self.request.user).get_edit_url(obj)}

    def get_execution_context(self):
        return {"user": self.request.user, "form": self.cleaned_form}

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        return cls.act(objects, user=user, form=form), 0

    @classmethod
    def act(cls, objects, *, user, form):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}
