import pytest
from django.urls import reverse

from associations.listing import directory_changed
from associations.models import Organisation

from .conftest import make_organisation, valid_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_orgs(home_page):
    return {
        "cafe": make_organisation(
            name="Språkcaféet",
            kind=Organisation.Kind.ASSOCIATION,
            district="Ålunda centrum",
            languages=["sv", "ti"],
            activities=["language_cafe"],
            description="Vi fikar och pratar svenska.",
        ),
        "church": make_organisation(
            name="Kyrkan",
            kind=Organisation.Kind.FAITH_COMMUNITY,
            district="Västerby",
            languages=["sv", "ar"],
            activities=["homework_help"],
        ),
        "company": make_organisation(
            name="Byggbolaget",
            kind=Organisation.Kind.COMPANY,
            district="Västerby",
            languages=["uk"],
            activities=["internships"],
        ),
        "pending": make_organisation(name="Väntande", status=Organisation.Status.PENDING),
        "unlisted": make_organisation(name="Olistad", is_listed=False),
        "suspended": make_organisation(name="Avstängd", status=Organisation.Status.SUSPENDED),
    }


def _names(response):
    return [organisation.name for organisation in response.context["organisations"]]


def test_directory_lists_only_approved_and_listed(client, directory_orgs):
    response = client.get(reverse("associations:directory"))
    assert _names(response) == ["Byggbolaget", "Kyrkan", "Språkcaféet"]
    html = response.content.decode()
    assert "3 organisations" in html or "3 organisationer" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "faith_community"}, ["Kyrkan"]),
        ({"district": "Västerby"}, ["Byggbolaget", "Kyrkan"]),
        ({"language": "ti"}, ["Språkcaféet"]),
        ({"language": "uk", "district": "Västerby"}, ["Byggbolaget"]),
        ({"activity": "homework_help"}, ["Kyrkan"]),
        ({"q": "fikar"}, ["Språkcaféet"]),
        ({"q": "kyrk"}, ["Kyrkan"]),
        ({"kind": "company", "language": "ar"}, []),
    ],
)
def test_directory_filters(client, directory_orgs, query, expected):
    assert _names(client.get(reverse("associations:directory"), query)) == expected


def test_invalid_filter_values_do_not_break_the_page(client, directory_orgs):
    response = client.get(reverse("associations:directory"), {"kind": "x", "page": "999"})
    assert response.status_code == 200


def test_counts_per_kind(client, directory_orgs):
    kinds = {
        k["value"]: k["count"]
        for k in client.get(reverse("associations:directory")).context["kinds"]
    }
    assert kinds == {
        "association": 1,
        "faith_community": 1,
        "company": 1,
        "public_actor": 0,
        "study_association": 0,
    }


def test_filter_form_is_a_plain_get_form_with_labels(client, directory_orgs):
    html = client.get(reverse("associations:directory")).content.decode()
    assert 'method="get"' in html
    for name in ("q", "kind", "district", "language", "activity"):
        assert f'for="id_{name}"' in html


def test_pagination_keeps_filters(client, home_page):
    for index in range(25):
        make_organisation(name=f"Förening {index:02d}", district="Västerby")
    response = client.get(reverse("associations:directory"), {"district": "Västerby"})
    assert len(response.context["organisations"]) == 20
    assert "district=V%C3%A4sterby&amp;page=2" in response.content.decode()
    second = client.get(reverse("associations:directory"), {"district": "Västerby", "page": 2})
    assert len(second.context["organisations"]) == 5


def test_detail_is_404_unless_public(client, directory_orgs):
    for key in ("pending", "unlisted", "suspended"):
        url = reverse("associations:detail", args=[directory_orgs[key].slug])
        assert client.get(url).status_code == 404
    assert client.get(directory_orgs["cafe"].get_absolute_url()).status_code == 200


def test_detail_shows_translation_when_there_is_one(client, directory_orgs):
    cafe = directory_orgs["cafe"]
    cafe.description_translations = {"en": "We have coffee and speak Swedish."}
    cafe.save()
    html = client.get(f"/en/organisations/{cafe.slug}/").content.decode()
    assert "We have coffee and speak Swedish." in html
    html = client.get(f"/ar/organisations/{cafe.slug}/").content.decode()
    assert '<div class="prose" lang="sv" dir="ltr">' in html


def _bulk(count, offset):
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Org {offset + index:05d}",
            slug=f"org-{offset + index:05d}",
            organisation_number=valid_number(100000 + offset + index),
            status=Organisation.Status.APPROVED,
            is_listed=True,
            kind=Organisation.Kind.values[index % 5],
            district=["Ålunda centrum", "Västerby"][index % 2],
            languages=["sv", "ar"],
            activities=["language_cafe", "sport"],
            description="Beskrivning " * 20,
        )
        for index in range(count)
    )
    directory_changed()  # a bulk write tells the directory itself


def test_directory_query_count_is_the_same_for_10_and_1000(
    client, home_page, django_assert_num_queries
):
    url = "/organisations/"  # Swedish, the default language
    client.get(url)  # fill the layout cache (site, menu: samverka.core.layout)
    # Queries the first time (or after an organisation changed): 1 organisations per
    # district and kind (the filter's districts and the counts per kind), 2 the page's
    # rows (with only the listed columns) and the number of all (COUNT(*) OVER (),
    # samverka.core.paging); the cards come from the card cache or are rendered without
    # queries. Asked again, none: the page is kept (associations.listing.DIRECTORY).
    for count, offset in ((10, 0), (990, 10)):
        _bulk(count, offset)
        with django_assert_num_queries(2):
            response = client.get(url, {"language": "ar"})
        with django_assert_num_queries(0):
            again = client.get(url, {"language": "ar"})
        assert response.context["page_obj"].paginator.count == offset + count
        assert again.content == response.content
    assert len(response.context["organisations"]) == 20
    with django_assert_num_queries(2):
        client.get(url, {"language": "ar", "page": 50})


def test_kept_directory_pages_follow_every_change_of_an_organisation(client, directory_orgs):
    """A page of the directory is kept for everyone per filter: an organisation added,
    approved, renamed, moved to another district, unlisted or deleted shows at once, in
    the rows, the number, the counts per kind and the filter's districts."""
    url = reverse("associations:directory")
    west = {"district": "Västerby"}
    assert _names(client.get(url)) == ["Byggbolaget", "Kyrkan", "Språkcaféet"]
    assert _names(client.get(url, west)) == ["Byggbolaget", "Kyrkan"]
    new = make_organisation(name="Alfa", district="Västerby", status=Organisation.Status.PENDING)
    assert _names(client.get(url, west)) == ["Byggbolaget", "Kyrkan"]
    new.status = Organisation.Status.APPROVED
    new.save()
    response = client.get(url, west)
    assert _names(response) == ["Alfa", "Byggbolaget", "Kyrkan"]
    assert response.context["page_obj"].paginator.count == 3
    new.name = "Omega"
    new.district = "Norrby"
    new.save()
    html = client.get(url).content.decode()
    assert "Omega" in html and '<option value="Norrby">Norrby</option>' in html
    assert "4 organisations" in html
    assert _names(client.get(url, west)) == ["Byggbolaget", "Kyrkan"]
    directory_orgs["church"].is_listed = False
    directory_orgs["church"].save()
    assert _names(client.get(url, west)) == ["Byggbolaget"]
    new.delete()
    response = client.get(url)
    assert _names(response) == ["Byggbolaget", "Språkcaféet"]
    assert "Norrby" not in response.content.decode()


def test_other_apps_add_sections_to_the_organisation_page(client, directory_orgs, monkeypatch):
    """Events (which may import associations, not the other way round) add the
    organisation's upcoming events through `organisation_page.SECTIONS`."""
    import associations.views

    def upcoming(request, organisation):
        return {
            "title": f"Upcoming at {organisation.name}",
            "template": "associations/my_pages/register_prompt.html",
        }

    def collect(module, attribute):
        assert (module, attribute) == ("organisation_page", "SECTIONS")
        return [upcoming, lambda request, organisation: None]

    monkeypatch.setattr(associations.views, "collect", collect)
    html = client.get(directory_orgs["cafe"].get_absolute_url()).content.decode()
    assert "<h2>Upcoming at Språkcaféet</h2>" in html


def test_kept_filter_fields_follow_new_districts_choices_and_errors(client, directory_orgs):
    """The filter's fields are kept per process for each set of choices, values and
    errors: a district that comes later is offered at once, a chosen value stays chosen
    and an invalid one is marked, and none of it leaks into the plain page."""
    url = reverse("associations:directory")
    html = client.get(url).content.decode()
    assert '<option value="Västerby">Västerby</option>' in html
    assert "Norrby" not in html
    make_organisation(name="Nya föreningen", district="Norrby")
    html = client.get(url).content.decode()
    assert '<option value="Norrby">Norrby</option>' in html
    html = client.get(url, {"district": "Norrby"}).content.decode()
    assert '<option value="Norrby" selected>Norrby</option>' in html
    html = client.get(url, {"kind": "x"}).content.decode()
    assert 'aria-invalid="true" aria-describedby="id_kind_error"' in html
    html = client.get(url).content.decode()
    assert "aria-invalid" not in html
    assert '<option value="Norrby" selected>' not in html
