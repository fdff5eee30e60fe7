"""Search in the visitor's language, highlighted snippets, and odd input."""

import pytest

from samverka.orientation.search import clean_query, highlight

from .conftest import add_topic, translate


@pytest.fixture
def searchable(orientation_index):
    page = add_topic(
        orientation_index,
        "Hälsa och vård",
        "halsa",
        intro="Om vårdcentralen och tolk i vården.",
        body=[{"type": "text", "value": "<p>Ring 1177 om du behöver råd.</p>"}],
    )
    translate(
        page,
        "ar",
        title="الصحة والرعاية",
        intro="لك الحق في مترجم مجاني.",
        body=[{"type": "text", "value": "<p>اتصل بالرقم 1177 للنصيحة.</p>"}],
    )
    return page


@pytest.mark.django_db
def test_arabic_terms_find_arabic_pages_only_in_arabic(client, searchable):
    html = client.get("/ar/search/", {"q": "مترجم"}).content.decode()
    assert 'href="/ar/samhallsorientering/halsa/"' in html
    assert "<mark>مترجم</mark>" in html
    # The same word searched from the Swedish site finds nothing …
    html = client.get("/search/", {"q": "مترجم"}).content.decode()
    assert "search-result__title" not in html
    # … and a word that only the Swedish page has is not found from Arabic.
    html = client.get("/ar/search/", {"q": "vårdcentralen"}).content.decode()
    assert "search-result__title" not in html


@pytest.mark.django_db
def test_a_shared_term_returns_the_visitors_language_only(client, searchable):
    html = client.get("/search/", {"q": "1177"}).content.decode()
    assert 'href="/samhallsorientering/halsa/"' in html
    assert "/ar/samhallsorientering/halsa/" not in html.split("search-results")[1]
    html = client.get("/ar/search/", {"q": "1177"}).content.decode()
    assert 'href="/ar/samhallsorientering/halsa/"' in html


@pytest.mark.django_db
def test_no_results_page_suggests_topics(client, searchable):
    response = client.get("/search/", {"q": "giraff"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="no-results"' in html
    assert 'href="/samhallsorientering/halsa/"' in html  # suggested topic


ODD_QUERIES = [
    "",
    "   ",
    "a" * 10_000,
    '"unbalanced',
    "* OR 1=1 --",
    "NEAR(a b) AND NOT",
    "<script>alert(1)</script>",
    "\x00\x01\x7f",
    "ሕክምና 😀 \u202e",
    "%",
    "vård" * 500,
]


@pytest.mark.django_db
def test_odd_queries_answer_normally(client, searchable):
    for query in ODD_QUERIES:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_search_paginates_and_ignores_bad_page_numbers(client, orientation_index):
    for number in range(12):
        add_topic(orientation_index, f"Sida {number}", f"sida-{number}", intro="Gemensamt ord.")
    first = client.get("/search/", {"q": "gemensamt"}).content.decode()
    assert first.count('class="search-result"') == 10
    second = client.get("/search/", {"q": "gemensamt", "page": 2}).content.decode()
    assert second.count('class="search-result"') == 2
    assert client.get("/search/", {"q": "gemensamt", "page": "x"}).status_code == 200
    assert client.get("/search/", {"q": "gemensamt", "page": 999}).status_code == 200


def test_clean_query_keeps_words_in_any_script():
    assert clean_query('  "Hälsa"  AND  vård* ') == "Hälsa AND vård"
    assert clean_query("مترجم؟") == "مترجم"
    assert clean_query("ሕክምና።") == "ሕክምና"
    assert clean_query("лікар!") == "лікар"
    assert clean_query("می\u200cخواهم") == "می\u200cخواهم"
    assert clean_query("a " * 100).count("a") == 8
    assert len(clean_query("x" * 1000)) == 100


def test_highlight_escapes_first_then_marks():
    text = "Skriv <b>inte</b> & ring 1177 & amp"
    result = highlight(text, "amp 1177")
    assert "<b>" not in result
    assert "&lt;b&gt;inte&lt;/b&gt;" in result
    assert "<mark>1177</mark>" in result
    # "amp" is marked where it is a word, never inside the entity &amp;
    assert "&amp;" in result and "&<mark>amp</mark>;" not in result
    assert result.endswith("<mark>amp</mark>")


def test_highlight_cuts_a_long_text_around_the_first_match():
    text = ("ord " * 200) + "vårdcentral " + ("ord " * 200)
    result = highlight(text, "vårdcentral")
    assert "<mark>vårdcentral</mark>" in result
    assert result.startswith("… ") and result.endswith(" …")
    assert len(result) < 300


def _search_queries(client, q):
    """(queries of the first search, queries of the same search again, its HTML)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/search/", {"q": "uppvarmning"})  # the layout cache filled (site, locales…)
    with CaptureQueriesContext(connection) as first:
        client.get("/search/", {"q": q})
    with CaptureQueriesContext(connection) as again:
        response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return len(first.captured_queries), len(again.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_search_asks_the_same_number_of_queries_for_one_result_and_a_full_page(
    client, orientation_index
):
    """The results' specific pages are loaded per page type, not one query per result;
    the number of results is asked only when a page is full (a page that is not full is
    the last one). The same search again asks nothing: the page of results is kept."""
    add_topic(orientation_index, "Ensam", "ensam", intro="Ett unikt ord: zebrafink.")
    for number in range(12):
        add_topic(orientation_index, f"Ämne {number}", f"amne-{number}", intro="Om giraffer.")
    first_one, one, html = _search_queries(client, "zebrafink")
    assert html.count("search-result__title") == 1
    assert "1 page matches" in html or "1 sida" in html
    first_many, many, html = _search_queries(client, "giraffer")
    assert html.count("search-result__title") == 10  # a full page of results
    assert "12 pages match" in html or "12 sidor" in html
    assert (one, many) == (0, 0)
    # the first time: the page of results, the results' page types and their specific
    # pages; a full page also their number
    assert first_many == first_one + 1


@pytest.mark.django_db
def test_kept_search_results_follow_a_publish(client, orientation_index):
    page = add_topic(orientation_index, "Ensam", "ensam", intro="Ett unikt ord: zebrafink.")
    assert ">Ensam</a>" in client.get("/search/", {"q": "zebrafink"}).content.decode()
    page.title = "Helt ensam"
    page.save_revision().publish()
    html = client.get("/search/", {"q": "zebrafink"}).content.decode()
    assert ">Helt ensam</a>" in html


def _titles(client, q, **params):
    import re

    html = client.get("/search/", {"q": q, **params}).content.decode()
    return re.findall(r'class="search-result__title"><a href="([^"]+)">([^<]*)', html)


@pytest.mark.django_db
def test_kept_search_results_follow_new_pages_unpublishing_and_moves(client, orientation_index):
    """A query's results are kept for everyone: a page published, unpublished or moved
    after the query was asked shows in the next answer."""
    first = add_topic(orientation_index, "Första", "forsta", intro="Om zebrafinkar.")
    assert _titles(client, "zebrafinkar") == [("/samhallsorientering/forsta/", "Första")]
    second = add_topic(orientation_index, "Andra", "andra", intro="Fler zebrafinkar.")
    assert len(_titles(client, "zebrafinkar")) == 2
    second.unpublish()
    assert _titles(client, "zebrafinkar") == [("/samhallsorientering/forsta/", "Första")]
    other = add_topic(orientation_index, "Annat", "annat")
    first.move(other, pos="last-child")
    assert _titles(client, "zebrafinkar") == [("/samhallsorientering/annat/forsta/", "Första")]


@pytest.mark.django_db
def test_kept_search_results_are_per_language_query_and_page(client, searchable, orientation_index):
    for number in range(12):
        add_topic(orientation_index, f"Sida {number}", f"sida-{number}", intro="Gemensamt ord.")
    swedish = _titles(client, "1177")
    assert swedish == [("/samhallsorientering/halsa/", "Hälsa och vård")]
    html = client.get("/ar/search/", {"q": "1177"}).content.decode()
    assert 'href="/ar/samhallsorientering/halsa/"' in html
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert _titles(client, "1177") == swedish
    # The words are the key after cleaning: the same words, differently typed, the
    # same answer; and each page of results is its own.
    assert _titles(client, ' "1177"? ') == swedish
    first, second = _titles(client, "gemensamt"), _titles(client, "gemensamt", page=2)
    assert len(first) == 10 and len(second) == 2 and not set(first) & set(second)
    assert _titles(client, "gemensamt", page=999) == first
    assert _titles(client, "gemensamt", page=2) == second


@pytest.mark.django_db
def test_no_more_searches_are_kept_than_the_budget_allows(client, searchable, monkeypatch):
    """Anyone can search for anything: past KEPT_SEARCHES pages of results per content
    generation a search is answered as before, only not kept."""
    import samverka.orientation.views

    # 2: the warming search of _search_queries and "1177"
    monkeypatch.setattr(samverka.orientation.views, "KEPT_SEARCHES", 2)
    first, again, html = _search_queries(client, "1177")
    assert again == 0 and 'href="/samhallsorientering/halsa/"' in html
    first, again, html = _search_queries(client, "vårdcentralen")
    assert again == first > 0 and 'href="/samhallsorientering/halsa/"' in html
