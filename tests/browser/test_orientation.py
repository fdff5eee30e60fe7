"""Civic orientation in a real browser: axe, 360 px phones, keyboard, fonts.

One live-server test per concern; each seeds a small part of the demo (the
health topic and the Ekby meeting place in Swedish, Arabic and Tigrinya).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    "/samhallsorientering/halsa/",
    "/ar/samhallsorientering/halsa/",
    "/ti/samhallsorientering/halsa/",
    "/motesplatser/motesplats-ekby/",
    "/ar/motesplatser/motesplats-ekby/",
    "/ti/motesplatser/motesplats-ekby/",
]


@pytest.fixture
def orientation_demo(site_with_demo):
    """The orientation index, the health topic and Ekby, in sv, ar and ti."""
    from samverka.orientation import demo, demo_content
    from samverka.orientation.models import OrientationTopicPage

    quiet = lambda message: None  # noqa: E731
    home = demo._home(quiet)
    index = demo._orientation_index(home, quiet)
    health = next(spec for spec in demo_content.TOPICS if spec["slug"] == "halsa")
    topic = demo._topic(index, health, quiet)
    for code in ("ar", "ti"):
        demo._translate(topic, code, demo._fill_topic(health, code), quiet)
    demo_content_places = demo_content.MEETING_PLACES[:1]
    original = demo_content.MEETING_PLACES
    demo_content.MEETING_PLACES = demo_content_places
    try:
        demo.seed_meeting_places(quiet)
    finally:
        demo_content.MEETING_PLACES = original
    assert OrientationTopicPage.objects.filter(slug="halsa").count() == 3
    return topic


def test_topic_and_meeting_place_pass_axe_on_desktop(page, live_server, orientation_demo, axe):
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(axe, page)


def test_topic_and_meeting_place_work_at_360px(phone_page, live_server, orientation_demo, axe):
    for path in PAGES:
        phone_page.goto(f"{live_server.url}{path}")
        # Open every answer so that their content is checked too.
        for summary in phone_page.locator("details summary").all():
            summary.click()
        assert_no_axe_violations(axe, phone_page)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)


def test_questions_open_and_close_by_keyboard(page, live_server, orientation_demo):
    page.goto(f"{live_server.url}/ar/samhallsorientering/halsa/")
    question = page.locator("details.question").first
    summary = question.locator("summary")
    answer = question.locator(".question__answer")
    expect(answer).to_be_hidden()
    # Reach the question with Tab, as a keyboard user would.
    for _ in range(80):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the question never received keyboard focus")
    page.keyboard.press("Enter")
    expect(question).to_have_attribute("open", "")
    expect(answer).to_be_visible()
    page.keyboard.press("Space")
    expect(answer).to_be_hidden()
    assert question.get_attribute("open") is None


SCRIPTS = {
    "Noto Sans Arabic": ["مرحبا بك", "خوب است بدانید"],  # Arabic, Persian
    "Noto Sans Ethiopic": ["ሰላም ብዛዕባ ጥዕና"],  # Tigrinya (Ge'ez)
    "Noto Sans": ["Здоров'я та медична допомога", "Hälsa och vård"],  # Ukrainian, Swedish
}


def test_site_fonts_cover_arabic_persian_tigrinya_and_ukrainian(
    phone_page, live_server, orientation_demo
):
    phone_page.goto(f"{live_server.url}/ti/samhallsorientering/halsa/")
    for family, samples in SCRIPTS.items():
        for sample in samples:
            faces = phone_page.evaluate(
                """async ([family, sample]) => {
                    const faces = await document.fonts.load(`16px "${family}"`, sample);
                    return faces.map(face => [face.family, face.status]);
                }""",
                [family, sample],
            )
            # The site's own @font-face rules cover these glyphs and loaded from us.
            assert faces, (family, sample)
            assert all(status == "loaded" for _family, status in faces), faces
    # And the Tigrinya heading is really drawn with the Ethiopic font.
    font = phone_page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Noto Sans Ethiopic" in font
    used = phone_page.evaluate(
        """async () => { await document.fonts.ready;
            return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }"""
    )
    assert any("Ethiopic" in family for family in used), used
