"""The coordinator's privacy pages in the admin, and the audit trail's privacy actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from samverka.core.permissions import is_coordinator

from . import views


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
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
