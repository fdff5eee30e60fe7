"""Pages of listings kept in the cache (samverka.core.paging)."""

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator

from samverka.core.paging import kept_page, known_page


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_known_page_is_the_page_paginator_gives():
    rows = list(range(45))
    for number in (1, 2, 3):
        expected = Paginator(rows, 20).page(number)
        page = known_page(expected.object_list, number, 45, 20)
        assert list(page.object_list) == list(expected.object_list)
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (number, 45, 3)
        assert (page.has_previous(), page.has_next()) == (
            expected.has_previous(),
            expected.has_next(),
        )
        assert (page.start_index(), page.end_index()) == (
            expected.start_index(),
            expected.end_index(),
        )


def test_a_kept_page_is_built_once_and_read_after():
    built = []

    def build():
        built.append(1)
        return {"rows": [1, 2]}

    assert kept_page("test:page:a", "test:budget", 10, build) == {"rows": [1, 2]}
    assert kept_page("test:page:a", "test:budget", 10, build) == {"rows": [1, 2]}
    assert len(built) == 1


def test_no_more_pages_are_kept_than_the_budget_allows():
    """Anyone can ask for any words or filters: past the budget a page is built every
    time (the right answer, only not kept); a new budget key (a new generation) keeps
    again."""
    built = []

    def build():
        built.append(1)
        return len(built)

    for name in "abc":
        kept_page(f"test:page:{name}", "test:budget:1", 2, build)
    assert len(built) == 3
    kept_page("test:page:a", "test:budget:1", 2, build)
    kept_page("test:page:b", "test:budget:1", 2, build)
    assert len(built) == 3  # the first two were kept
    kept_page("test:page:c", "test:budget:1", 2, build)
    assert len(built) == 4  # the third was not
    assert cache.get("test:page:c") is None
    kept_page("test:page:c", "test:budget:2", 2, build)
    assert cache.get("test:page:c") == 5


def test_a_page_no_longer_fresh_is_built_again_and_not_kept_stale():
    values = iter([{"until": 1}, {"until": 2}, {"until": 0}])

    def fresh(value):
        return value["until"] > 0

    assert kept_page("test:page:t", "test:budget", 10, lambda: next(values), fresh)["until"] == 1
    cache.set("test:page:t", {"until": 0})  # what was kept has gone stale
    assert kept_page("test:page:t", "test:budget", 10, lambda: next(values), fresh)["until"] == 2
    cache.delete("test:page:t")
    assert kept_page("test:page:t", "test:budget", 10, lambda: next(values), fresh)["until"] == 0
    assert cache.get("test:page:t") is None  # built already stale: not kept
