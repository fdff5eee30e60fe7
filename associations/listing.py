"""What the public directory shows the same to everyone: kept until an organisation changes.

The districts in the filter and the organisations per kind are two queries over
every listed organisation; they change only when an organisation is saved or
deleted, which starts a new directory generation (signals connected in
`AssociationsConfig.ready`). Each organisation's card is kept by
`samverka.core.fragments` under its own row's values, so it needs no generation.
"""

from __future__ import annotations

from django.core.cache import cache

GENERATION_KEY = "associations:directory:generation"
CARD_TEMPLATE = "associations/includes/directory_card.html"


def directory_generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def directory_changed(**kwargs) -> None:
    """Start a new directory generation (signal receiver; arguments ignored)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def directory_summary() -> tuple[list[str], dict[str, int]]:
    """(districts that have listed organisations, listed organisations per kind)."""
    from samverka.core.layout import _seconds

    from .models import Organisation

    key = f"associations:directory:summary:{directory_generation()}"
    found = cache.get(key)
    if found is None:
        listed = Organisation.objects.listed()
        districts = list(  # query: the districts that have organisations
            listed.exclude(district="")
            .order_by("district")
            .values_list("district", flat=True)
            .distinct()
        )
        found = (districts, listed.counts_by_kind())  # query: organisations per kind
        cache.set(key, found, _seconds())
    return found


def card_html(organisations) -> list:
    """Each organisation's card in the active language, rendered once until its row changes."""
    from samverka.core.fragments import render_each, rendered_cards, row_values

    return rendered_cards(
        CARD_TEMPLATE,
        organisations,
        row_values,
        lambda missing: render_each(CARD_TEMPLATE, "organisation", missing),
    )
