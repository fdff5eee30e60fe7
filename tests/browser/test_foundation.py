"""A visitor in a real browser: language switching, right-to-left, accessibility, keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def test_visitor_switches_from_swedish_to_arabic_and_reads_right_to_left(
    page, live_server, site_with_demo
):
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Samverka")

    switcher = page.locator("nav.language-switcher")
    switcher.locator('a[lang="ar"]').click()

    page.wait_for_url(f"{live_server.url}/ar/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("مرحبًا بك في ساموركا")
    # The layout really is mirrored: the brand sits at the right-hand edge.
    brand = page.locator(".site-header__brand").bounding_box()
    viewport = page.viewport_size
    assert brand["x"] + brand["width"] > viewport["width"] / 2
    # The Arabic page's switcher marks Arabic as the current language.
    expect(switcher.locator('a[aria-current="true"]')).to_have_attribute("lang", "ar")


@pytest.mark.parametrize("path", ["/", "/ar/", "/accounts/login/", "/ar/accounts/login/"])
def test_no_wcag_aa_violations_at_desktop_width(page, live_server, site_with_demo, axe, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize("path", ["/", "/ar/", "/accounts/login/", "/ar/accounts/login/"])
def test_no_wcag_aa_violations_on_a_phone(phone_page, live_server, site_with_demo, axe, path):
    phone_page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(axe, phone_page)
    # Nothing sticks out sideways at 360 px.
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("path", ["/", "/ar/"])
def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(
    page, live_server, site_with_demo, path
):
    page.goto(f"{live_server.url}{path}")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class("skip-link")
    expect(focused).to_have_attribute("href", "#main")
    # It is visible once focused (not left off-screen).
    box = focused.bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
