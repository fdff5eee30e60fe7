"""At 360 px, without an account: a newcomer answers a kompis proposal from the link in a
text message (in Arabic, right to left), and a participant opens their next sessions."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def test_newcomer_answers_a_kompis_proposal_from_a_text(
    phone_page, live_server, site_with_demo, axe
):
    from mentors.models import Match
    from samverka.core.models import OutboundEmail
    from tests.mentors.conftest import make_mentor, make_newcomer

    eva = make_mentor("Eva", languages={"sv": 5, "ar": 4})
    amina = make_newcomer("Amina", days=90)
    amina.person.preferred_language = "ar"
    amina.person.save()
    match = Match.propose(amina, eva)
    text = OutboundEmail.objects.get(kind="mentors.newcomer_proposal")
    assert text.channel == "sms"
    path = text.body.split()[-1].removeprefix("http://testserver")
    assert path.startswith("/ar/")

    phone_page.goto(f"{live_server.url}{path}")
    expect(phone_page.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone_page.locator("h1")).to_contain_text("Amina")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(axe, phone_page)
    phone_page.locator("input[name=accept][value=yes]").check()
    phone_page.locator("form button[type=submit]").click()
    expect(phone_page.locator("h1")).to_be_visible()
    match.refresh_from_db()
    assert match.newcomer_answer == Match.Answer.ACCEPTED
    assert_no_axe_violations(axe, phone_page)


def test_participant_sees_next_sessions_from_a_text(phone_page, live_server, site_with_demo, axe):
    from django.utils import timezone

    from events.models import Enrolment, EventIndexPage, Programme
    from events.reminders import send_session_reminders
    from samverka.core.models import OutboundEmail
    from tests.events.conftest import make_event, make_participant

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    site_with_demo.add_child(instance=index)
    index.save_revision().publish()
    event = make_event(
        index,
        title="Jobbhörnet",
        starts_at=timezone.now().replace(microsecond=0) + timedelta(hours=20),
    )
    programme = Programme.objects.create(name="Jobbhörnet", event=event)
    participant = make_participant("Olena Kovalenko", phone="+46701234567", preferred_language="uk")
    Enrolment.objects.create(
        programme=programme, participant=participant, enrolled_on=timezone.localdate()
    )
    assert send_session_reminders() == 1
    path = OutboundEmail.objects.get(kind="events.session_reminder").body.split()[-1]
    phone_page.goto(f"{live_server.url}{path.removeprefix('http://testserver')}")
    expect(phone_page.locator("h1")).to_contain_text("Olena")
    expect(phone_page.locator(".session-list li")).to_have_count(1)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(axe, phone_page)
