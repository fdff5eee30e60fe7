"""The civic-orientation course in a real browser, on a 360 px phone: the survey link opens
in the participant's language (Arabic, right to left) and is answered by keyboard; the
certificate shows both goals and prints without the site's header. WCAG 2.1 AA on both."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_events import login_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def course(site_with_demo):
    from events.models import EventIndexPage, Programme
    from tests.events.conftest import make_event

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    site_with_demo.add_child(instance=index)
    index.save_revision().publish()
    event = make_event(
        index,
        title="Samhällsorientering",
        category="civic_orientation",
        starts_at=timezone.now().replace(microsecond=0) - timedelta(days=5),
        duration_minutes=300,
        recurrence_rule="FREQ=DAILY;COUNT=3",
        registration_required=False,
        capacity=None,
    )
    return Programme.objects.create(
        name="SO Trelleborg", kind="civic_orientation", event=event, hours_goal=200
    )


def test_survey_in_arabic_and_certificate_on_a_phone(
    page, live_server, client, django_user_model, course, axe
):
    from events.models import Attendance, Enrolment, FeedbackResponse, SurveyReceipt
    from events.notifications import survey_url
    from tests.events.conftest import make_participant

    account = django_user_model.objects.create_user("amal", "amal@example.org", "pw-12345678")
    participant = make_participant(
        name="Amal Haddad", user=account, preferred_language="ar", gender="female"
    )
    enrolment = Enrolment.objects.create(
        programme=course,
        participant=participant,
        enrolled_on=timezone.localdate() - timedelta(days=30),
    )
    for session in course.event.occurrences.all():
        session.topics = ["supporting"]
        session.save()
        Attendance.objects.create(occurrence=session, participant=participant, method="staff")

    page.set_viewport_size({"width": 360, "height": 740})
    link = re.sub(r"^https?://[^/]+", live_server.url, survey_url(enrolment))
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(axe, page)
    # By keyboard: the first satisfaction choice, then arrows to "very satisfied".
    page.locator('input[name="satisfaction"]').first.focus()
    for _n in range(4):
        page.keyboard.press("ArrowDown")
    expect(page.locator('input[name="satisfaction"][value="5"]')).to_be_checked()
    page.locator("form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_be_visible()
    answer = FeedbackResponse.objects.get()
    assert answer.satisfaction == 5 and answer.programme == course
    assert SurveyReceipt.objects.get().enrolment == enrolment

    login_browser(page, live_server, client, account)
    page.goto(f"{live_server.url}/ar/events/certificate/{enrolment.pk}/")
    expect(page.locator(".certificate__goal")).to_have_count(2)
    assert_no_axe_violations(axe, page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("button[data-print]")).to_be_hidden()
    expect(page.locator(".certificate table").first).to_be_visible()
