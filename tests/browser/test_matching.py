"""A coordinator runs matching on the board, locks one pair, forbids another, re-runs and
approves; the volunteer accepts by the emailed link; the match becomes active."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def login(page, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def row(page, newcomer):
    return page.locator(f'tr[data-newcomer="{newcomer}"]')


def test_coordinator_matches_and_volunteer_accepts_by_link(page, live_server, site_with_demo, axe):
    from wagtail.users.models import UserProfile

    from mentors.models import Match, MatchRun
    from samverka.core.demo import demo_login, ensure_user
    from tests.mentors.conftest import make_mentor, make_newcomer

    coordinator = ensure_user(demo_login("coordinator"))
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"  # assertions read the English msgids
    profile.save()
    eva = make_mentor("Eva", languages={"sv": 5, "ar": 4})
    for name in ("Lena", "Maja", "Stina"):
        make_mentor(name)
    make_newcomer("Amina", days=90)
    make_newcomer("Sara", languages={"sv": 3}, days=60)
    make_newcomer("Yonas", languages={"ti": 5, "sv": 2}, gender="male", days=30)

    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/admin/kompis/")
    expect(page.get_by_role("heading", name="3 newcomers waiting")).to_be_visible()
    page.get_by_role("button", name="Run matching").click()
    expect(page.get_by_role("heading", name="Proposals")).to_be_visible()
    expect(page.locator("tr[data-proposal]")).to_have_count(3)
    expect(row(page, "Amina Yousef")).to_have_attribute("data-mentor", "Eva Holm")
    sara_first = row(page, "Sara Yousef").get_attribute("data-mentor")

    # lock Amina–Eva, forbid Sara's pair, re-run
    row(page, "Amina Yousef").get_by_role("button", name="Lock").click()
    expect(row(page, "Amina Yousef")).to_contain_text("Locked")
    row(page, "Sara Yousef").get_by_role("button", name="Forbid").click()
    expect(row(page, "Sara Yousef")).to_contain_text("Forbidden")
    page.get_by_role("button", name="Re-run").click()
    expect(page.get_by_text("Re-run done")).to_be_visible()
    expect(row(page, "Amina Yousef")).to_have_attribute("data-mentor", "Eva Holm")
    expect(row(page, "Amina Yousef")).to_contain_text("Locked")
    sara_now = row(page, "Sara Yousef").get_attribute("data-mentor")
    assert sara_now and sara_now != sara_first
    assert MatchRun.objects.count() == 2

    # approve Amina–Eva only
    row(page, "Amina Yousef").get_by_role("checkbox", name="Approve").check()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.get_by_text("1 proposal approved")).to_be_visible()
    match = Match.objects.get()
    assert (match.newcomer.first_name, match.volunteer) == ("Amina", eva)

    # the coordinator records Amina's yes on the board
    page.goto(f"{live_server.url}/admin/kompis/")
    page.locator('button[data-side="newcomer"]').click()
    expect(page.get_by_text("Answer recorded")).to_be_visible()

    # Eva answers by the link in her email, without logging in
    (email,) = [m for m in mail.outbox if m.to == [eva.email]]
    path = "/en" + email.body.split("http://testserver", 1)[1].split()[0]
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Yes, I want to be kompis").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("heading", name="Thank you for your answer")).to_be_visible()
    expect(page.locator("p.lead")).to_contain_text("You are now kompis with Amina")
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE
    # the link is stale now and says so
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_text("You have already said yes")).to_be_visible()


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_newcomer_applies_for_a_kompis_on_a_phone(
    phone_page, live_server, site_with_demo, axe, language
):
    from mentors.models import Newcomer

    prefix = "" if language == "sv" else f"/{language}"
    phone_page.goto(f"{live_server.url}{prefix}/mentors/apply/")
    assert_no_axe_violations(axe, phone_page)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

    # The form is in steps (samverka.core.steps; tests/everyday/test_phone_browser.py).
    def next_step():
        phone_page.locator("form.form-steps button[type=submit]").first.click()
        phone_page.wait_for_load_state()

    phone_page.locator("#id_first_name").fill("Hawa")
    phone_page.locator("#id_last_name").fill("Ali")
    phone_page.locator("#id_phone").fill("070-555 66 77")
    next_step()
    phone_page.locator("#id_district").select_option(index=1)
    next_step()
    next_step()
    phone_page.locator('input[name=languages][value="so"]').check()
    next_step()
    phone_page.locator("#id_language_so").select_option("5")
    for _step in range(4):
        next_step()
    phone_page.locator("#id_consent").check()
    next_step()
    phone_page.wait_for_url("**/mentors/apply/thanks/")
    assert Newcomer.objects.get().status == Newcomer.Status.PENDING
