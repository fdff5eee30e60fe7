"""Junk never produces a 500: a sweep of the public URLs with bad query strings and
malformed form posts, and forms that keep what was typed with errors next to the field."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ACCOUNT_PATHS = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/my/"]
# Several languages (left-to-right, right-to-left, Ge'ez script) for the account pages, and
# Swedish and Arabic for the rest of the sitemap: all seven would take several times as
# long for little more cover.
PREFIXES = ["", "/en", "/ar", "/ti"]
SITEMAP_PREFIXES = ["", "/ar"]
LANGUAGE_PREFIX = re.compile(r"^/(sv|en|ar|fa|so|ti|uk)(/|$)")

JUNK_QUERIES = {
    "huge": "q=" + "x" * 20_000 + "&page=" + "9" * 400,
    "unicode": "q=%E2%98%83%F0%9F%98%80%D8%B9%D8%B1%D8%A8%D9%8A&city=G%C3%B6teborg&%E2%80%AE=1",
    "null bytes": "q=%00&page=%00&category=a%00b&%00=%00",
    "bad percent": "q=%&page=%zz&%=1&lang=%E2%82",
    "invalid utf-8": "q=%ff%fe%c0%af&page=%80",
    "arrays": "q[]=a&q[]=b&page[]=1&page=2&page=x&category[name]=y&sort[$gt]=",
    "wrong types": "page=-1&page_size=0&limit=1e309&date=2026-13-45&month=0&year=-5&id=abc&from=yesterday",
    "injection": "q=%27%22%3E%3Cscript%3Ealert(1)%3C/script%3E&sort=-id;DROP%20TABLE&order=%25%25",
    "redirect": "next=//evil.example/&next=javascript:alert(1)&language=zz",
}

JUNK_POSTS = {
    "empty": ("", "application/x-www-form-urlencoded"),
    "missing fields": ("email=&login=", "application/x-www-form-urlencoded"),
    "arrays": (
        "email[]=a@example.org&email[]=b@example.org&password[x]=1&login=a&login=b",
        "application/x-www-form-urlencoded",
    ),
    "null bytes": (
        "email=a%00b@example.org&name=%00&login=%00&q=%00",
        "application/x-www-form-urlencoded",
    ),
    "huge": (
        "email="
        + "a" * 60_000
        + "@example.org&password1="
        + "p" * 60_000
        + "&name="
        + "n" * 60_000,
        "application/x-www-form-urlencoded",
    ),
    "wrong types": (
        "email=not-an-email&date=yesterday&capacity=many&number=1e999&consent=maybe&id=-1",
        "application/x-www-form-urlencoded",
    ),
    "bad encoding": ("email=%ff%fe&name=%&q=%zz", "application/x-www-form-urlencoded"),
    "json instead of form": ('{"email": [1, 2], "password": null', "application/json"),
    "broken multipart": (
        "--xyz\r\nContent-Disposition: form-data; name=",
        "multipart/form-data; boundary=xyz",
    ),
}

JUNK_PATHS = [
    "/%00/",
    "/ar/%00/",
    "/finns-inte/",
    "/en/" + "a" * 2000 + "/",
    "/ar/%D8%B9%D8%B1%D8%A8%D9%8A/",
    "/accounts/confirm-email/junk-key/",
    "/accounts/password/reset/key/zz-junk/",
    "/ti/..%2F..%2Fetc%2Fpasswd",
    "/zz/",
]


def public_paths(client):
    """Every URL the sitemap lists, plus the account pages in several languages."""
    body = client.get("/sitemap.xml").content.decode()
    paths = re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", body)
    assert paths, "the sitemap lists no pages"
    paths = [path for path in paths if _prefix(path) in SITEMAP_PREFIXES]
    paths += [f"{prefix}{path}" for prefix in PREFIXES for path in ACCOUNT_PATHS]
    return sorted(set(paths))


def _prefix(path):
    match = LANGUAGE_PREFIX.match(path)
    return f"/{match.group(1)}" if match else ""


def assert_no_server_errors(responses):
    failures = [f"{status} {label}" for label, status in responses if status >= 500]
    assert failures == [], "\n".join(failures)


@pytest.fixture
def paths(client, home_page):
    return public_paths(client)


# A signed-in volunteer takes other branches in some views (my pages, forms that
# prefill); they get the kinds of junk most likely to reach those branches.
SIGNED_IN_QUERIES = ["null bytes", "arrays", "wrong types"]
SIGNED_IN_POSTS = ["arrays", "null bytes", "wrong types"]


def _who(client, request, persona):
    if persona == "volunteer":
        client.force_login(request.getfixturevalue("volunteer_user"))
    return client


@pytest.mark.parametrize(
    ("persona", "kind"),
    [("visitor", kind) for kind in JUNK_QUERIES]
    + [("volunteer", kind) for kind in SIGNED_IN_QUERIES],
)
def test_junk_query_strings_never_give_500(client, request, paths, persona, kind):
    who = _who(client, request, persona)
    query = JUNK_QUERIES[kind]
    responses = []
    for path in paths:
        response = who.get(f"{path}?{query}")
        responses.append((f"GET {path}?<{kind}>", response.status_code))
    assert_no_server_errors(responses)


@pytest.mark.parametrize(
    ("persona", "kind"),
    [("visitor", kind) for kind in JUNK_POSTS] + [("volunteer", kind) for kind in SIGNED_IN_POSTS],
)
def test_malformed_posts_never_give_500(client, request, paths, persona, kind):
    who = _who(client, request, persona)
    body, content_type = JUNK_POSTS[kind]
    responses = []
    for path in paths:
        response = who.post(path, data=body, content_type=content_type)
        responses.append((f"POST {path} <{kind}>", response.status_code))
    assert_no_server_errors(responses)


def test_posts_without_csrf_token_are_refused_not_crashed(paths):
    client = Client(enforce_csrf_checks=True)
    responses = []
    for path in paths:
        response = client.post(path, {"email": "a@example.org", "password": "x"})
        responses.append((f"POST {path} without CSRF", response.status_code))
    assert_no_server_errors(responses)
    statuses = dict(responses)
    for path in ("/accounts/login/", "/ar/accounts/signup/", "/en/accounts/password/reset/"):
        assert statuses[f"POST {path} without CSRF"] == 403, path


@pytest.mark.parametrize("path", JUNK_PATHS)
def test_junk_paths_are_404_not_500(client, home_page, path):
    response = client.get(path)
    assert response.status_code in (404, 302, 200), response.status_code
    assert response.status_code < 500


def test_404_page_is_in_the_visitors_language(client, home_page):
    for prefix, lang, direction in (("", "sv", "ltr"), ("/en", "en", "ltr"), ("/fa", "fa", "rtl")):
        response = client.get(f"{prefix}/finns-inte/")
        assert response.status_code == 404
        assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


def _field_html(html, name):
    """The form-field wrapper holding the input called `name`."""
    for block in re.findall(r'<div class="form-field[^"]*">(.*?)</div>', html, re.S):
        if f'name="{name}"' in block:
            return block
    raise AssertionError(f"no field {name}")


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_signup_with_mismatched_passwords_keeps_the_email_and_marks_the_field(
    client, home_page, prefix
):
    response = client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "behall@example.org",
            "password1": "ett-långt-lösenord",
            "password2": "ett-annat-lösenord",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    # What was typed is still there (passwords are never echoed back).
    email_field = _field_html(html, "email")
    assert 'value="behall@example.org"' in email_field
    assert "ett-långt-lösenord" not in html
    # The error sits next to the field, which points at it.
    field = _field_html(html, "password2")
    assert 'aria-invalid="true"' in field
    error_id = re.search(r'<ul class="errorlist" id="([^"]+)"', field).group(1)
    assert re.search(rf'aria-describedby="[^"]*\b{error_id}\b', field)
    assert 'aria-invalid="true"' not in email_field
    # And a summary at the top links to it.
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#id_password2"' in html


def test_login_with_wrong_password_keeps_the_address(client, home_page, volunteer_user):
    response = client.post(
        "/accounts/login/", {"login": volunteer_user.email, "password": "inte-rätt"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{volunteer_user.email}"' in html
    assert 'class="error-summary" role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_signup_with_junk_email_shows_the_error_at_the_field(client, home_page):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "inte en adress", "password1": "x", "password2": "x"},
    )
    assert response.status_code == 200
    field = _field_html(response.content.decode(), "email")
    assert 'value="inte en adress"' in field
    assert 'aria-invalid="true"' in field
    assert 'class="errorlist"' in field


def test_login_never_redirects_off_site(client, home_page, volunteer_user):
    from samverka.core.demo import demo_login

    response = client.post(
        "/accounts/login/?next=//evil.example/",
        {
            "login": volunteer_user.email,
            "password": demo_login("volunteer").password,
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


# --- Junk ids and NUL bytes in every filter and every public form field ------------------

JUNK_VALUES = [
    "9223372036854775808",  # 2**63: one past the largest id (SQLite: OverflowError)
    "9" * 40,
    "-1",
    "0",
    "abc",
    "\x00",
    "1\x00",
    "²",  # str.isdigit() says yes, int() says no
    "1e3",
]


def _listing_params():
    """Every filter of every public listing, read from the filter sets themselves, so a
    new filter is swept too."""
    from associations.filters import DirectoryFilter
    from events.listing import OccurrenceFilter

    return {
        "events:list": [*OccurrenceFilter.base_filters, "page"],
        "associations:directory": [*DirectoryFilter.base_filters, "page"],
        "search": ["q", "page"],
    }


@pytest.fixture
def listed(home_page):
    """An event with a meeting place and an organiser, so every filter has choices."""
    from events.models import EventIndexPage
    from samverka.orientation.models import MeetingPlaceIndexPage, MeetingPlacePage
    from tests.associations.conftest import make_organisation
    from tests.events.conftest import make_event

    places = MeetingPlaceIndexPage(title="Mötesplatser", slug="motesplatser")
    home_page.add_child(instance=places)
    place = MeetingPlacePage(
        title="Årby", slug="arby", street_address="Årbygatan 1", city="Ålunda", district="Årby"
    )
    places.add_child(instance=place)
    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home_page.add_child(instance=index)
    organisation = make_organisation(name="Röda Korset")
    make_event(index, place=place, organiser=organisation)
    return place, organisation


@pytest.mark.parametrize("value", JUNK_VALUES, ids=repr)
def test_junk_in_every_listing_filter_is_ignored_not_a_500(client, listed, value):
    from django.urls import reverse

    failures = []
    for name, params in _listing_params().items():
        for param in params:
            response = client.get(reverse(name), {param: value})
            if response.status_code != 200:
                failures.append(f"{name}?{param}={value!r}: {response.status_code}")
    assert failures == []


def test_a_valid_place_filter_still_filters(client, listed):
    from django.urls import reverse

    place, organisation = listed
    response = client.get(reverse("events:list"), {"place": place.pk})
    assert len(response.context["occurrences"]) == 1
    assert response.content.decode().count('<li class="event-card') == 1
    response = client.get(reverse("events:list"), {"organiser": organisation.pk + 1000})
    assert len(response.context["occurrences"]) == 1  # an unknown id is ignored


@pytest.mark.parametrize("value", JUNK_VALUES, ids=repr)
def test_junk_ids_posted_to_check_in_are_refused_not_a_500(client, coordinator, listed, value):
    from django.urls import reverse

    from events.models import Attendance, EventOccurrence

    occurrence = EventOccurrence.objects.get()
    client.force_login(coordinator)
    for kind in ("registration", "participant"):
        response = client.post(
            reverse("events:checkin_staff", args=[occurrence.pk]),
            {"action": "tick", "kind": kind, "id": value},
        )
        assert response.status_code in (302, 404), (kind, response.status_code)
    response = client.post(reverse("events:self_checkin"), {"code": "123456", "date": value})
    assert response.status_code in (400, 302)
    response = client.get(reverse("events:self_checkin"), {"date": value, "code": value})
    assert response.status_code == 200
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("value", ["\x00", "9223372036854775808"], ids=["NUL", "2**63"])
def test_junk_in_every_public_form_field_saves_nothing(client, volunteer_user, value):
    """Every field of every public form (found by reading the form on the page) gets the
    same junk: a clear answer, never a 500, nothing saved."""
    from .public_form_urls import en_url, make_world, url_args
    from .test_public_forms import ANONYMOUS_FORMS, SIGNED_IN_FORMS, _state

    args = url_args(make_world())
    failures = []
    for signed_in, names in ((False, ANONYMOUS_FORMS), (True, SIGNED_IN_FORMS)):
        if signed_in:
            client.force_login(volunteer_user)
        # The cancel link's form has nothing to fill in: posting it is the cancellation.
        for name in sorted(names - {"events:cancel"}):
            url = en_url(name, args[name])
            page = client.get(url).content.decode()
            fields = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', page))
            fields -= {"csrfmiddlewaretoken", "next", "q"}
            fields = {field for field in fields if not field.endswith("homepage")}
            before = _state()
            response = client.post(url, dict.fromkeys(fields, value))
            if response.status_code >= 500 or _state() != before:
                failures.append(f"{name}: {response.status_code}")
    assert failures == []
