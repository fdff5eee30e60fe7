"""The public directory's summary and cards.

The districts in the filter and the organisations per kind come from one grouped
query over the listed organisations (kind × district: a few dozen rows at most,
whatever the number of organisations). Each organisation's card is kept by
`samverka.core.fragments` under its own row's values, so a changed organisation
is a new card and nothing has to be told.
"""

from __future__ import annotations

from django.db.models import Count

from samverka.core.cache import Generation

CARD_TEMPLATE = "associations/includes/directory_card.html"

# The directory's pages (rows, number, districts, counts per kind) are the same for
# everyone per filter until an organisation changes: kept under this generation, which
# every save and delete of an organisation bumps (associations.apps). Bulk writes
# (`bulk_create`, `update()`) call `directory_changed()` themselves.
DIRECTORY = Generation("associations:directory:generation")


def directory_changed(**kwargs) -> None:
    """A new directory generation, now and again at commit (signal receiver)."""
    DIRECTORY.changed()


def directory_summary() -> tuple[list[str], dict[str, int]]:
    """(districts that have listed organisations, listed organisations per kind), from
    one query."""
    from .models import Organisation

    districts: dict[str, None] = {}
    counts: dict[str, int] = {}
    rows = (
        Organisation.objects.listed()
        .order_by("district")
        .values_list("district", "kind")
        .annotate(n=Count("id"))
    )
    for district, kind, n in rows:
        if district:
            districts[district] = None
        counts[kind] = counts.get(kind, 0) + n
    return list(districts), counts


def card_html(organisations) -> list:
    """Each organisation's card in the active language, rendered once until its row changes."""
    from samverka.core.fragments import render_each, rendered_cards, row_values

    return rendered_cards(
        CARD_TEMPLATE,
        organisations,
        row_values,
        lambda missing: render_each(CARD_TEMPLATE, "organisation", missing),
    )
