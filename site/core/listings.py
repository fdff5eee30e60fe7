"""The base of every admin listing that offers an export."""

from collections import OrderedDict

from wagtail.admin.views.generic import IndexView
from wagtail.coreutils import multigetattr

from .audit import log_export


def export_value(item, accessor: str):
    """`multigetattr`, except that a path through an empty relation
    ("organisation.name" of a registration without organisation) gives an empty
    cell instead of an AttributeError that ends a CSV stream midway or turns the
    Excel download into a 500."""
    current = item
    for bit in accessor.split("."):
        if current is None:
            return None
        current = multigetattr(current, bit)
    return current


class ExportingIndexView(IndexView):
    """An index view whose export copes with empty relations and leaves an
    entry in the site history: who exported which listing, with which filter."""

    def to_row_dict(self, item):
        return OrderedDict((field, export_value(item, field)) for field in self.list_export)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        params = self.request.GET.copy()
        params.pop("export", None)
        log_export(
            self.model,
            self.request.user,
            listing=self.get_page_title(),
            export_format=spreadsheet_format,
            count=queryset.count(),
            filters=params.urlencode(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
