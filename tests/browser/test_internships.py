"""A coordinator places a newcomer in an internship, assigns a mentor, records a
mid-point evaluation and a job outcome, and the report shows it; the mentor
then opens the internship on the public site (no WCAG 2.1 AA violations)."""

from datetime import timedelta

import pytest
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


def test_coordinator_runs_an_internship_to_a_job_and_the_report_shows_it(
    page, browser, live_server, site_with_demo, axe
):
    from django.utils import timezone
    from wagtail.users.models import UserProfile

    from mentors.internships.models import Internship
    from samverka.core.demo import demo_login, ensure_user
    from tests.internships.conftest import (
        make_employer,
        make_mentor,
        make_newcomer,
        make_place,
        make_user,
    )

    today = timezone.localdate()
    coordinator = ensure_user(demo_login("coordinator"))
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"  # assertions read the English msgids
    profile.save()
    employer = make_employer("Ålunda Bygg AB")
    make_place(
        employer,
        starts_on=today - timedelta(days=120),
        ends_on=today + timedelta(days=120),
    )
    newcomer = make_newcomer()
    mentor_user = make_user("maja@example.com", "Maja", "Mentor")
    make_mentor("Maja", user=mentor_user)

    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/admin/internships/new/")
    page.get_by_label("Newcomer", exact=True).first.select_option(str(newcomer.pk))
    page.get_by_role("button", name="Show suggested places").click()
    expect(page.get_by_role("heading", name="Suggested places for Amal Yousef")).to_be_visible()
    page.get_by_role("link", name="Choose this place").first.click()

    start, end = today - timedelta(days=60), today - timedelta(days=5)
    page.get_by_label("First day").fill(start.isoformat())
    page.get_by_label("Last day").fill(end.isoformat())
    page.get_by_label("Goals").fill("Läsa ritningar\nSäkerhet på bygget")
    page.get_by_role("button", name="Place the newcomer").click()
    expect(page.get_by_text("Amal Yousef is placed at Snickare, praktik")).to_be_visible()

    page.get_by_role("button", name="Choose Maja Mentor").click()
    expect(page.get_by_text("Maja Mentor is the internship mentor.")).to_be_visible()

    status = page.locator("form[action$='/status/']")
    status.get_by_label("The internship has started").check()
    status.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text("The status is now: Ongoing")).to_be_visible()

    page.get_by_role("link", name="Record Mid-point evaluation").click()
    page.get_by_label("Held on").fill((start + timedelta(days=28)).isoformat())
    page.get_by_label("Well", exact=True).check()
    page.get_by_label("Present as agreed").check()
    page.get_by_label("The supervisor says").fill("Punktlig och nyfiken.")
    page.get_by_role("button", name="Save the follow-up").click()
    expect(page.get_by_text("The follow-up is recorded.")).to_be_visible()

    status.get_by_label("Completed as planned").check()
    status.get_by_label("Date").fill(end.isoformat())
    status.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text("The status is now: Completed")).to_be_visible()

    outcome = page.locator("form[action$='/outcome/']")
    outcome.get_by_label("When").select_option("end")
    outcome.get_by_label("Outcome").select_option("job")
    outcome.get_by_label("As of").fill(end.isoformat())
    outcome.get_by_label("Job started on").fill((end + timedelta(days=2)).isoformat())
    outcome.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_text("The outcome is recorded.")).to_be_visible()

    internship = Internship.objects.get()
    assert internship.mentor.first_name == "Maja"
    assert internship.follow_ups.get(kind="midpoint").supervisor_view == "Punktlig och nyfiken."
    assert internship.job_started_on == end + timedelta(days=2)

    page.goto(f"{live_server.url}/admin/internships/report/")
    expect(page.locator("[data-figure=headline]")).to_have_text(
        "1 into real jobs and 0 into subsidised jobs."
    )
    expect(page.locator("[data-figure=median]")).to_contain_text("over 1 people")
    expect(page.locator("table[data-table=outcomes_by_sector] tbody tr").first).to_contain_text(
        "Bygg"
    )

    # the mentor sees the internship on the public site, and it passes axe
    mentor_page = browser.new_page()
    login(mentor_page, live_server, mentor_user)
    mentor_page.goto(f"{live_server.url}/en/internships/{internship.pk}/")
    expect(mentor_page.get_by_role("heading", level=1)).to_contain_text("Snickare, praktik")
    expect(mentor_page.get_by_role("cell", name="Mid-point evaluation", exact=True)).to_be_visible()
    assert_no_axe_violations(axe, mentor_page)
    mentor_page.close()
