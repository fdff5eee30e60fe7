from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from samverka.orientation import admin_views


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    """Tell the page cache that this response is a public page that may be stored."""
    request._samverka_page_cacheable = bool(getattr(page.specific_class, "page_cache", False))


def _report_urls():
    return [
        path(
            "outdated-translations/",
            admin_views.OutdatedTranslationsView.as_view(),
            name="outdated_translations",
        ),
        path(
            "outdated-translations/results/",
            admin_views.OutdatedTranslationsView.as_view(results_only=True),
            name="outdated_translations_results",
        ),
        path("review-due/", admin_views.ReviewDueView.as_view(), name="review_due"),
        path(
            "review-due/results/",
            admin_views.ReviewDueView.as_view(results_only=True),
            name="review_due_results",
        ),
    ]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "orientation-reports/",
            include((_report_urls(), "orientation_reports"), namespace="orientation_reports"),
        )
    ]


@hooks.register("register_admin_urls", order=-10)
def guard_localize_uploads():
    """Machine translation and PO upload with clear messages for bad input, at the
    addresses of wagtail-localize's own views and ahead of them."""
    from samverka.orientation import localize_views

    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            localize_views.machine_translate,
            name="samverka_machine_translate",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            localize_views.upload_pofile,
            name="samverka_upload_pofile",
        ),
    ]


@hooks.register("register_reports_menu_item")
def outdated_translations_menu_item():
    return MenuItem(
        _("Outdated translations"),
        reverse("orientation_reports:outdated_translations"),
        icon_name="warning",
        order=50,
    )


@hooks.register("register_reports_menu_item")
def review_due_menu_item():
    return MenuItem(
        _("Pages due for review"),
        reverse("orientation_reports:review_due"),
        icon_name="time",
        order=51,
    )


class UpkeepPanel(Component):
    """Dashboard: outdated translations (first five) and how many pages await review.

    The same for everyone: its HTML is kept until what it shows can change
    (samverka.orientation.upkeep)."""

    name = "orientation_upkeep"
    template_name = "orientation/admin/dashboard_panel.html"
    order = 150

    def render_html(self, parent_context=None):
        from django.utils.safestring import mark_safe

        from samverka.orientation.upkeep import kept_html

        html = kept_html(lambda: super(UpkeepPanel, self).render_html(parent_context))
        return mark_safe(html)  # noqa: S308 - our own rendered template

    def get_context_data(self, parent_context):
        from samverka.orientation.translation import outdated_translations

        outdated = outdated_translations()
        shown = list(outdated[:5])
        return {
            "outdated": shown,
            # The query is heavy: counted again only when there are more than shown.
            "outdated_count": len(shown) if len(shown) < 5 else outdated.count(),
            "review_due": admin_views.review_due_pages().count(),
        }


@hooks.register("construct_homepage_panels")
def add_upkeep_panel(request, panels):
    panels.append(UpkeepPanel())


@hooks.register("before_edit_page")
def warn_about_outdated_translation(request, page):
    """An editor opening an outdated translation is told so at the top of the form."""
    from django.contrib import messages

    from samverka.orientation.translation import translation_progress

    if request.method != "GET":
        return
    progress = translation_progress(page)
    if progress is not None and progress.missing:
        messages.warning(
            request,
            ngettext(
                "The Swedish page has changed: %(count)s segment needs translating. It is "
                "marked below; translate it and publish to bring this page up to date.",
                "The Swedish page has changed: %(count)s segments need translating. They are "
                "marked below; translate them and publish to bring this page up to date.",
                progress.missing,
            )
            % {"count": progress.missing},
        )
