"""Events in a real browser: registering in Arabic, cancelling by the emailed
link with the waitlist moving up, self check-in by the code on the screen, and
WCAG 2.1 AA on the listing, an event page and the registration form."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def event_index(site_with_demo):
    from events.models import EventIndexPage

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    site_with_demo.add_child(instance=index)
    index.save_revision().publish()
    return index


def _event(index, **fields):
    from tests.events.conftest import make_event

    return make_event(index, **fields)


@pytest.fixture
def cafe(event_index):
    return _event(
        event_index,
        title="Språkcafé på biblioteket",
        capacity=1,
        languages=["sv", "ar"],
        accessibility="Entré utan trappsteg.",
    )


def login_browser(page, live_server, client, user):
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


def test_visitor_registers_in_arabic_cancels_by_link_and_waitlist_moves_up(page, live_server, cafe):
    from events.models import Registration

    occurrence = cafe.occurrences.get()
    mail.outbox.clear()
    page.goto(f"{live_server.url}/ar/events/date/{occurrence.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.fill('input[name="name"]', "أمل حسن")
    page.fill('input[name="email"]', "amal@example.com")
    page.select_option('select[name="language"]', "ar")
    page.check('input[name="consent"]')
    page.locator("section.registration button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/events/registered/"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")

    amal = Registration.objects.get(email="amal@example.com")
    assert amal.status == Registration.Status.CONFIRMED and amal.language == "ar"
    (confirmation,) = [m for m in mail.outbox if m.to == ["amal@example.com"]]
    assert confirmation.attachments[0][0] == "event.ics"

    # Someone else registers and goes on the waitlist.
    page.goto(f"{live_server.url}/events/date/{occurrence.pk}/")
    page.fill('input[name="name"]', "Bo Ek")
    page.fill('input[name="email"]', "bo@example.com")
    page.check('input[name="consent"]')
    page.locator("section.registration button[type=submit]").click()
    page.wait_for_url(re.compile(r"/events/registered/"))
    bo = Registration.objects.get(email="bo@example.com")
    assert bo.status == Registration.Status.WAITLISTED

    # Amal cancels with the link in her confirmation.
    cancel_url = re.search(r"https?://\S+/cancel/\S+/", confirmation.body).group(0)
    path = cancel_url.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("ar/events/cancel/")
    page.goto(f"{live_server.url}/{path}")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_be_visible()
    amal.refresh_from_db()
    bo.refresh_from_db()
    assert amal.status == Registration.Status.CANCELLED
    assert bo.status == Registration.Status.CONFIRMED
    assert [m for m in mail.outbox if m.to == ["bo@example.com"]][-1].attachments

    # The same link a second time: a clear message, nothing changes.
    response = page.goto(f"{live_server.url}/{path}")
    assert response.status == 410
    bo.refresh_from_db()
    assert bo.status == Registration.Status.CONFIRMED


def test_self_check_in_with_the_code_on_the_screen(
    page, browser, live_server, event_index, client, coordinator, volunteer_user
):
    from events.models import Attendance

    running = _event(
        event_index,
        title="Jobbhörnet",
        starts_at=timezone.now() - timedelta(minutes=5),
        registration_required=False,
        capacity=None,
    ).occurrences.get()
    # The coordinator's screen at the meeting place.
    screen_context = browser.new_context()
    try:
        screen = screen_context.new_page()
        login_browser(screen, live_server, client, coordinator)
        screen.goto(f"{live_server.url}/en/events/date/{running.pk}/code/")
        code = screen.locator(".checkin-screen__code").inner_text().replace(" ", "")
        assert re.fullmatch(r"\d{6}", code)
        expect(screen.locator(".checkin-screen__qr svg")).to_be_visible()
    finally:
        screen_context.close()

    # A participant on their phone types the code.
    client.logout()
    login_browser(page, live_server, client, volunteer_user)
    page.goto(f"{live_server.url}/en/events/check-in/")
    page.fill('input[name="code"]', "000000" if code != "000000" else "111111")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_contain_text("not valid")
    page.fill('input[name="code"]', code)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text("You are checked in")
    attendance = Attendance.objects.get()
    assert attendance.user == volunteer_user and attendance.method == "self"


@pytest.mark.parametrize("language", ["", "/ar"])
def test_no_wcag_aa_violations_on_events_pages(phone_page, live_server, cafe, axe, language):
    occurrence = cafe.occurrences.get()
    for path in (
        f"{language}/events/",
        f"{language}/evenemang/{cafe.slug}/",
        f"{language}/events/date/{occurrence.pk}/",
    ):
        response = phone_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert_no_axe_violations(axe, phone_page)
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_registration_form_errors_are_accessible(page, live_server, cafe, axe):
    occurrence = cafe.occurrences.get()
    page.goto(f"{live_server.url}/events/date/{occurrence.pk}/")
    page.locator("section.registration button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(axe, page)


def test_check_in_pages_are_accessible_on_a_phone(
    phone_page, live_server, cafe, axe, client, coordinator
):
    occurrence = cafe.occurrences.get()
    occurrence.register(name="Amal Hassan", email="amal@example.com")
    # The café is under way (check-in opens an hour before a date starts, never earlier).
    from datetime import timedelta

    from django.utils import timezone

    occurrence.start = timezone.now() - timedelta(minutes=5)
    occurrence.end = occurrence.start + timedelta(hours=2)
    occurrence.save(update_fields=["start", "end"])
    login_browser(phone_page, live_server, client, coordinator)
    for path in (
        f"/events/date/{occurrence.pk}/check-in/",
        f"/events/date/{occurrence.pk}/code/",
        "/ar/events/check-in/",
    ):
        phone_page.goto(f"{live_server.url}{path}")
        assert_no_axe_violations(axe, phone_page)
    # Tick Amal on the phone list.
    phone_page.goto(f"{live_server.url}/en/events/date/{occurrence.pk}/check-in/")
    phone_page.get_by_role("button", name="Check in Amal Hassan").click()
    expect(phone_page.locator(".checkin-row--present")).to_contain_text("Amal Hassan")
