"""Admin reports: outdated translations and pages due for review."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from samverka.orientation.models import REVIEW_INTERVAL_DAYS
from samverka.orientation.translation import outdated_translations

REVIEWED_MODELS = [
    "orientationindexpage",
    "orientationtopicpage",
    "meetingplaceindexpage",
    "meetingplacepage",
]


class LocaleColumn(Column):
    def get_value(self, instance):
        return instance.locale.get_display_name()


class LanguageTitleColumn(TitleColumn):
    """The page's title marked with its language (a translation's title is content in that
    language, read by screen readers in its own voice)."""

    def get_link_attrs(self, instance, parent_context):
        attrs = super().get_link_attrs(instance, parent_context)
        code = instance.locale.language_code
        if code != (translation.get_language() or settings.LANGUAGE_CODE):
            attrs["lang"] = code
            attrs["dir"] = "rtl" if code in settings.LANGUAGES_BIDI else "ltr"
        return attrs


class TranslateColumn(Column):
    """A link to the translation editor, where the untranslated segments are marked."""

    cell_template_name = "orientation/admin/translate_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[instance.pk])
        return context


class OutdatedTranslationsView(ReportView):
    page_title = _("Outdated translations")
    header_icon = "warning"
    index_url_name = "orientation_reports:outdated_translations"
    index_results_url_name = "orientation_reports:outdated_translations_results"
    no_results_message = _("Every translation is up to date with its Swedish page.")
    columns = [
        TitleColumn("title", label=_("Translation"), url_name="wagtailadmin_pages:edit"),
        LocaleColumn("locale", label=_("Language")),
        Column("missing_segments", label=_("Segments to translate")),
        DateColumn("source_changed_at", label=_("Swedish page changed")),
        TranslateColumn("translate", label=_("Translate")),
    ]
    list_export = ["title", "locale", "missing_segments", "source_changed_at"]

    def get_queryset(self):
        return outdated_translations()


def review_due_pages(today=None):
    """Orientation and meeting place pages not reviewed for twelve months, oldest first."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
    condition = Q()
    for name in REVIEWED_MODELS:
        condition |= Q(**{f"{name}__last_reviewed__lt": cutoff})
    return (
        Page.objects.filter(condition)
        .annotate(reviewed=Coalesce(*[f"{name}__last_reviewed" for name in REVIEWED_MODELS]))
        .select_related("locale")
        .order_by("reviewed", "path")
    )


class ReviewDueView(ReportView):
    page_title = _("Pages due for review")
    header_icon = "time"
    index_url_name = "orientation_reports:review_due"
    index_results_url_name = "orientation_reports:review_due_results"
    no_results_message = _("Every orientation page has been reviewed in the last twelve months.")
    columns = [
        LanguageTitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        LocaleColumn("locale", label=_("Language")),
        DateColumn("reviewed", label=_("Last reviewed")),
    ]
    list_export = ["title", "reviewed"]

    def get_queryset(self):
        return review_due_pages()
