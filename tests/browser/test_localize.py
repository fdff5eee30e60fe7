"""Issue 17, must show: an editor changes one paragraph of a Swedish topic; only that
segment is outdated in Arabic; machine translation (a LibreTranslate stand-in over real
HTTP) fills it; publishing the translation clears the visitors' notice."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_internships import login
from tests.browser.test_orientation import orientation_demo  # noqa: F401 - fixture
from tests.localize.conftest import FakeLibreTranslate

pytestmark = pytest.mark.browser

OUTDATED = '[data-notice="outdated"]'


def goto(page, url):
    """Open `url`; once more if the live server answered 500 because SQLite's shared
    in-memory test database was locked by a concurrent request (not on PostgreSQL)."""
    response = page.goto(url)
    if response is not None and response.status == 500:
        response = page.goto(url)
    assert response is None or response.status == 200, url
    return response


POST_FORM = """([url, fields]) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = url;
    const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
    for (const [name, value] of Object.entries({csrfmiddlewaretoken: token, ...fields})) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
}"""


def post_from_page(page, url, **fields):
    """Submit what a button of the translation editor submits (the editor's React forms
    post these same fields), from the page, with its session and CSRF token."""
    with page.expect_navigation():
        page.evaluate(POST_FORM, [url, fields])


@pytest.fixture
def libretranslate(settings):
    fake = FakeLibreTranslate()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "samverka.orientation.machine_translation.LibreTranslateTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": fake.url, "API_KEY": "", "TIMEOUT": 5},
    }
    yield fake
    fake.stop()


def test_one_changed_paragraph_is_machine_translated_and_published(
    page,
    live_server,
    orientation_demo,  # noqa: F811 - the imported fixture
    libretranslate,
    axe,
):
    from wagtail.models import Locale
    from wagtail.users.models import UserProfile
    from wagtail_localize.models import Translation

    from samverka.core.demo import demo_login, ensure_user
    from samverka.orientation.translation import translation_progress

    topic = orientation_demo
    arabic = topic.get_translation(Locale.objects.get(language_code="ar"))
    assert translation_progress(arabic).missing == 0
    editor = ensure_user(demo_login("editor"))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    login(page, live_server, editor)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The editor changes the introduction paragraph of the Swedish page and publishes.
    goto(page, f"{live_server.url}/admin/pages/{topic.pk}/edit/")
    intro = page.locator('textarea[name="intro"]')
    new_intro = "Vårdcentralen är öppen vardagar. Ring 1177 först om du är osäker."
    intro.fill(new_intro)
    # "Publish" sits in the footer's action menu; pressed as the menu item would be.
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=action-publish]').click()")
    expect(page.locator(".messages")).to_be_visible()

    # Only that segment is outdated in Arabic; the visitor is told.
    progress = translation_progress(arabic)
    assert progress.missing == 1 and progress.translated == progress.total - 1
    goto(page, f"{live_server.url}/ar/samhallsorientering/halsa/")
    expect(page.locator(OUTDATED)).to_be_visible()

    # In the translation editor: machine translation fills the one segment.
    edit_url = f"{live_server.url}/admin/pages/{arabic.pk}/edit/"
    goto(page, edit_url)
    translation = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=arabic.locale
    )
    post_from_page(
        page,
        f"{live_server.url}/admin/localize/translate/{translation.pk}/machine_translate/",
        next=edit_url,
    )
    assert [body["q"] for _path, body in libretranslate.requests] == [[new_intro]]
    progress = translation_progress(arabic)
    assert (progress.missing, progress.machine) == (0, 1)

    # Publishing in Arabic ("Publish in Arabic" posts action=publish to the editor)
    # clears the notice; the machine's text is what visitors read.
    post_from_page(page, edit_url, action="publish", next=edit_url)
    goto(page, f"{live_server.url}/ar/samhallsorientering/halsa/")
    expect(page.locator(OUTDATED)).to_have_count(0)
    expect(page.get_by_text(f"[ar] {new_intro}")).to_be_visible()
    assert_no_axe_violations(axe, page)
