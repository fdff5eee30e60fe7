"""The public forms on a 360 × 740 phone, in a real browser: the kompis form in Arabic in
steps that each fit one screen, errors that keep earlier answers, axe on every step, the
header's height, targets of at least 24 px and a focus ring of at least 3:1."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

SCREEN = 740


def _fits_one_screen(page):
    """The step's whole form, down to its buttons, is on the first screen."""
    assert page.evaluate("window.scrollY") == 0
    buttons = page.locator("form.form-steps .form-steps__buttons").bounding_box()
    assert buttons["y"] + buttons["height"] <= SCREEN, page.locator("h2").first.inner_text()


def _next(page):
    page.locator("form.form-steps button[type=submit]").first.click()
    page.wait_for_load_state()


def _small_targets(page):
    """Checkboxes, radio buttons, selects, inputs and buttons in the form under 24 × 24 px."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'form.form-steps input:not([type=hidden]), form.form-steps select,'
              + ' form.form-steps button')]
            .filter(el => el.offsetParent !== null && !el.closest('.visually-hidden'))
            .map(el => [el.name || el.textContent, el.getBoundingClientRect()])
            .filter(([, box]) => box.width < 24 || box.height < 24)
            .map(([name]) => name)"""
    )


def test_kompis_form_in_arabic_at_360_px(phone_page, live_server, site_with_demo, axe):
    from mentors.models import Newcomer

    page = phone_page
    page.goto(f"{live_server.url}/ar/mentors/apply/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # Step 1: name and phone.
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    assert _small_targets(page) == []
    page.locator("#id_first_name").fill("هوى")
    page.locator("#id_last_name").fill("علي")
    page.locator("#id_phone").fill("070-555 66 77")
    _next(page)

    # Step 2 with two errors (an address that is not one, no district): both listed in the
    # summary, each linking to its field.
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    page.locator("#id_email").fill("hawa.example")
    _next(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("li")).to_have_count(2)
    expect(summary.locator('a[href="#id_district"]')).to_be_visible()
    expect(page.locator("#id_email")).to_have_value("hawa.example")
    assert_no_axe_violations(axe, page)
    # Step 1's answers are kept: back to it, they are in the inputs.
    page.locator("button[name=_back]").click()
    expect(page.locator("#id_first_name")).to_have_value("هوى")
    expect(page.locator("#id_phone")).to_have_value("070-555 66 77")
    _next(page)
    page.locator("#id_email").fill("")
    page.locator("#id_district").select_option(index=1)
    _next(page)
    # Step 3: about you.
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    page.locator("#id_birth_year").fill("1990")
    _next(page)

    # Step 4: the language picker, searched by the language's own name.
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    search = page.get_by_role("searchbox")
    expect(search).to_be_visible()
    search.fill("soomaali")
    visible = page.locator(".language-picker__list input[type=checkbox]:visible")
    expect(visible).to_have_count(1)
    visible.check()
    search.fill("")
    assert _small_targets(page) == []
    _next(page)

    # Step 5: one level for the one language chosen.
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    page.locator("#id_language_so").select_option("5")
    _next(page)

    # Steps 6 to 8: the kompis, interests, the week as a grid.
    for _step in range(3):
        _fits_one_screen(page)
        assert_no_axe_violations(axe, page)
        assert _small_targets(page) == []
        _next(page)

    # Step 9: consent and send.
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    assert _small_targets(page) == []
    page.locator("#id_consent").check()
    _next(page)
    page.wait_for_url("**/mentors/apply/thanks/")
    newcomer = Newcomer.objects.get()
    assert newcomer.person.first_name == "هوى" and newcomer.languages == {"so": 5}


@pytest.mark.parametrize("path", ["/", "/ar/", "/ar/mentors/apply/"])
def test_the_header_leaves_most_of_a_phone_screen_to_the_content(
    phone_page, live_server, site_with_demo, path
):
    phone_page.goto(f"{live_server.url}{path}")
    header = phone_page.locator("header.site-header").bounding_box()
    # Was 333–367 px: now under a quarter of the screen.
    assert header["height"] <= SCREEN / 4, header["height"]
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


CONTRAST = """(el) => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  // What the ring is drawn on: the first opaque background of the element's ancestors.
  let node = el.parentElement, behind = [255, 255, 255];
  while (node) {
    const parts = rgb(getComputedStyle(node).backgroundColor);
    if (parts.length === 3 || (parts.length === 4 && parts[3] > 0.5)) { behind = parts.slice(0, 3); break; }
    node = node.parentElement;
  }
  const style = getComputedStyle(el);
  const ring = rgb(style.outlineColor).slice(0, 3);
  const [a, b] = [lum(ring), lum(behind)].sort((x, y) => y - x);
  return {ratio: (a + 0.05) / (b + 0.05), width: parseFloat(style.outlineWidth),
          style: style.outlineStyle, what: el.outerHTML.slice(0, 80)};
}"""


@pytest.mark.parametrize("path", ["/", "/ar/mentors/apply/", "/accounts/login/"])
def test_the_focus_ring_has_three_to_one_contrast_everywhere(
    page, live_server, site_with_demo, path
):
    """Tabs through the page and measures the ring of every stop against what is behind it
    (the dark header, the white page, the grey footer). Was 2.0:1 on white."""
    page.goto(f"{live_server.url}{path}")
    seen = 0
    for _stop in range(60):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        if focused.count() == 0:
            break
        ring = focused.evaluate(CONTRAST)
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        assert ring["ratio"] >= 3, ring
        seen += 1
    assert seen >= 10


def test_become_a_volunteer_steps_pass_axe_on_a_phone(phone_page, live_server, site_with_demo, axe):
    """Its first steps, the language picker and the week grid, in Arabic at 360 px."""
    page = phone_page
    page.goto(f"{live_server.url}/ar/organisations/volunteer/")
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    page.locator("#id_first_name").fill("Maria")
    page.locator("#id_last_name").fill("Lindberg")
    page.locator("#id_email").fill("maria@example.com")
    _next(page)
    _fits_one_screen(page)
    assert_no_axe_violations(axe, page)
    _next(page)
    assert_no_axe_violations(axe, page)  # the language picker
    page.locator('input[name=languages][value="sv"]').check()
    _next(page)
    page.locator("#id_language_sv").select_option("4")
    _next(page)
    _next(page)  # roles
    assert_no_axe_violations(axe, page)  # the week as a grid
    assert _small_targets(page) == []
    _fits_one_screen(page)
