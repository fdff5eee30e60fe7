"""Kiosk check-in in a real browser at 360 px: two screens paired with the
Jobbhörnet programme (bound to this browser's user agent), a participant without
an account checks in with her personal code, her name clears from the screen,
and the second screen, whose pairing was revoked, refuses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def programme(site_with_demo, coordinator):
    from events.models import EventIndexPage, EventPage, Programme
    from tests.events.conftest import make_event

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    site_with_demo.add_child(instance=index)
    index.save_revision().publish()
    event = make_event(
        index,
        title="Jobbhörnet",
        category=EventPage.Category.DROP_IN,
        starts_at=timezone.now().replace(microsecond=0) - timedelta(minutes=5),
        duration_minutes=60,
        registration_required=False,
    )
    programme = Programme.objects.create(name="Jobbhörnet", event=event, coordinator=coordinator)
    programme.derive_slots(capacity=18)
    return programme


def _screen(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    return context, context.new_page()


def _pair(page, live_server, coordinator, programme, name):
    """Pair the screen for this browser (its user agent), as the pairing page does
    (that page is tested in tests/events/test_kiosk.py), and put the token in its cookie."""
    from events import kiosk
    from events.models import KioskPairing

    _pairing, token = KioskPairing.pair(
        name=name,
        programme=programme,
        user=coordinator,
        user_agent=page.evaluate("navigator.userAgent"),
    )
    page.context.add_cookies([{"name": kiosk.COOKIE, "value": token, "url": live_server.url}])
    page.goto(live_server.url + reverse("events:kiosk"))
    expect(page.get_by_label(gettext("Your check-in code"))).to_be_visible()


def test_participant_checks_in_at_a_paired_kiosk_and_a_revoked_one_refuses(
    browser, live_server, coordinator, programme, axe
):
    from events.models import Attendance, Enrolment, KioskPairing
    from tests.events.conftest import make_participant

    participant = make_participant(name="Hodan Ali", phone="0701234567")  # no account
    assert participant.user is None
    enrolment = Enrolment.objects.create(programme=programme, participant=participant)
    enrolment.book(programme.slots.all())

    first_context, first = _screen(browser)
    second_context, second = _screen(browser)
    try:
        _pair(first, live_server, coordinator, programme, "Entrén")
        _pair(second, live_server, coordinator, programme, "Datorsalen")
        # The screens show no site menu.
        assert first.locator(".site-header").count() == 0
        assert first.evaluate("document.documentElement.scrollWidth") <= 360
        assert_no_axe_violations(axe, first)

        first.get_by_label(gettext("Your check-in code")).fill(enrolment.checkin_code)
        first.get_by_role("button", name=gettext("Check in")).click()
        expect(first.get_by_role("heading", level=1)).to_have_text(
            gettext("Welcome, %(name)s!") % {"name": "Hodan"}
        )
        assert "Ali" not in first.content() and "070" not in first.content()
        assert Attendance.objects.filter(participant=participant, method="kiosk").count() == 1
        # After a few seconds the screen is empty again for the next person.
        expect(first.get_by_label(gettext("Your check-in code"))).to_be_visible(timeout=10_000)
        assert "Hodan" not in first.content()

        KioskPairing.objects.get(name="Datorsalen").revoke(coordinator)
        second.reload()
        expect(second.get_by_role("alert")).to_have_text(
            gettext("This screen's pairing has been revoked. Ask the staff to pair it again.")
        )
        assert second.get_by_label(gettext("Your check-in code")).count() == 0
        assert_no_axe_violations(axe, second)
        assert Attendance.objects.count() == 1
    finally:
        first_context.close()
        second_context.close()
