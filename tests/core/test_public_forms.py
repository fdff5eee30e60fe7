"""The public-form guard (samverka.core.public_forms): every form an outsider can post has a
honeypot, a limit per real client address, and a cap on mail to unconfirmed addresses."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from associations.models import Invitation, Organisation, Representative, Volunteer
from events.models import EventOccurrence, FeedbackResponse, Registration
from mentors.models import Match, Newcomer
from samverka.core.models import OutboundEmail
from samverka.core.public_forms import HONEYPOT_NAME, MAIL_CAP, may_mail

from .public_form_urls import en_url, make_world, url_args, url_names

pytestmark = pytest.mark.django_db

# The forms an anonymous visitor can post. The sweep below finds them by posting to every
# URL; this list only makes a form that loses its guard (or a new one) visible in review.
ANONYMOUS_FORMS = {
    "associations:become_volunteer",
    "associations:invitation",
    "events:cancel",
    "events:date",
    "events:feedback",
    "mentors:answer_link",
    "mentors:apply",
    "mentors:newcomer_answer",
}
# URLs an anonymous post reaches that are not forms for the guard, each with its reason and
# the answer a visitor's post gets (nothing is saved either way).
NOT_PUBLIC_FORMS = {
    # The kiosk's code form runs only on a screen paired by staff (a device cookie bound to
    # the screen); without it the post is refused. Wrong codes lock the screen by its own
    # limit per kiosk (events.kiosk), not per client address.
    "events:kiosk": 403,
    # A text-message link page that shows the next sessions; it has no form. The sweep's
    # token is not a valid one (the world has no enrolment), so the page says so.
    "events:next_session": 404,
    # A text-message link that hands over to the cancellation page (events:cancel), which
    # asks before it cancels and is guarded.
    "events:sms_cancel": 302,
}
# Forms for any signed-in account, guarded the same way.
SIGNED_IN_FORMS = {"associations:register", "events:self_checkin"}

HONEYPOT_HTML = re.compile(
    r'<div class="visually-hidden" aria-hidden="true">\s*<label for="id_(?:\w+-)?homepage">'
    r"Leave this field empty:?</label>\s*<input [^>]*name=\"(?:\w+-)?homepage\"[^>]*>",
)


REFUSED = "Your form could not be sent"
LIMITED = "Too many forms have been sent from your connection"


def _state():
    """Everything a public form could save or change."""
    return {
        "users": get_user_model().objects.count(),
        "volunteers": Volunteer.objects.count(),
        "newcomers": Newcomer.objects.count(),
        "organisations": Organisation.objects.count(),
        "representatives": Representative.objects.count(),
        "registrations": list(Registration.objects.values_list("pk", "status")),
        "feedback": FeedbackResponse.objects.count(),
        "invitations": list(Invitation.objects.values_list("pk", "accepted_at")),
        "matches": list(Match.objects.values_list("pk", "status", "volunteer_answer")),
        "emails": OutboundEmail.objects.count(),
    }


def _post_everything(data):
    """A post that would pass most public forms, with `data` on top."""
    return {
        "name": "Bot",
        "email": "bot@example.com",
        "first_name": "Bot",
        "last_name": "Bot",
        "phone": "070-000 00 00",
        "people": "1",
        "language": "sv",
        "consent": "on",
        "accept": "yes",
        "satisfaction": "5",
        "district": "Västerby",
        "gender": "female",
        "sfi_course": "B",
        "language_sv": "5",
        "capacity": "1",
        "account-first_name": "Bot",
        "account-last_name": "Bot",
        "account-password1": "ett-långt-lösenord-42",
        "account-password2": "ett-långt-lösenord-42",
        **data,
    }


def _text_message_url_args(world):
    """Arguments for the links sent by text message (samverka.core.tokens), which the
    shared url_args does not give yet."""
    from events import links as event_links
    from mentors import links as mentor_links
    from samverka.core import tokens

    return {
        "events:kiosk": [],
        "events:kiosk_pair": [],
        "events:kiosk_qr": ["x"],
        "events:next_session": ["x"],
        "events:sms_cancel": [tokens.make(event_links.CANCEL, world.registration.pk)],
        "mentors:newcomer_answer": [tokens.make(mentor_links.PURPOSE, world.match.pk)],
    }


def test_every_anonymous_form_is_guarded(client):
    """Posts a filled-in honeypot to every URL of the site's apps as a visitor: each answers
    with the sign-in page, 405 (it takes no posts) or the guard's refusal, and nothing is
    saved. A new anonymous form without the guard fails here."""
    world = make_world()
    args = {**url_args(world), **_text_message_url_args(world)}
    names = url_names()
    missing = sorted(set(names) - set(args))
    assert not missing, f"give the sweep arguments for: {missing}"
    guarded, unguarded = set(), []
    for name in names:
        url = en_url(name, args[name])
        before = _state()
        response = client.post(url, _post_everything({HONEYPOT_NAME: "http://spam.example"}))
        body = response.content.decode()
        if response.status_code == 400 and REFUSED in body:
            guarded.add(name)
            assert _state() == before, name
            page = client.get(url).content.decode()
            assert HONEYPOT_HTML.search(page), f"{name}: no hidden honeypot in the form"
        elif name in NOT_PUBLIC_FORMS:
            assert response.status_code == NOT_PUBLIC_FORMS[name], (name, response.status_code)
            assert _state() == before, name
        elif response.status_code == 405:
            assert _state() == before, name
        elif response.status_code == 302 and "/accounts/login/" in response["Location"]:
            assert _state() == before, name
        else:
            unguarded.append(f"{name}: {response.status_code}")
    assert unguarded == [], "anonymous posts that the guard did not see"
    assert guarded == ANONYMOUS_FORMS


def test_forms_for_any_account_are_guarded_too(client, volunteer_user, home_page):
    client.force_login(volunteer_user)
    for name in sorted(SIGNED_IN_FORMS):
        url = en_url(name, [])
        assert HONEYPOT_HTML.search(client.get(url).content.decode()), name
        before = _state()
        response = client.post(
            url,
            _post_everything({HONEYPOT_NAME: "x", "organisation_number": "802000-0001"}),
        )
        assert response.status_code == 400 and REFUSED in response.content.decode(), name
        assert _state() == before


VOLUNTEER = {
    "first_name": "Maria",
    "last_name": "Lindberg",
    "district": "Ålunda centrum",
    "roles": ["buddy"],
    "availability": ["mon_evening"],
    "capacity": "1",
    "gender": "female",
    "languages": ["sv"],
    "language_sv": "5",
    "consent": "on",
}


def test_fifteen_posts_from_one_address_queue_a_bounded_number_of_emails(
    client, home_page, coordinator
):
    """The finding: 15 anonymous posts to the volunteer form queued 30 emails, 15 of them
    to addresses the sender chose. Now the client address runs out after five."""
    url = en_url("associations:become_volunteer", [])
    statuses = [
        client.post(url, {**VOLUNTEER, "email": f"offer{n}@example.net"}).status_code
        for n in range(15)
    ]
    assert statuses == [302] * 5 + [429] * 10
    assert Volunteer.objects.count() == 5
    chosen = OutboundEmail.objects.exclude(to=[coordinator.email])
    assert chosen.count() == 5
    assert OutboundEmail.objects.count() <= 10
    response = client.post(url, {**VOLUNTEER, "email": "late@example.net"})
    assert response.status_code == 429 and LIMITED in response.content.decode()
    # What was typed stays in the form (carried by its steps: samverka.core.steps).
    assert response.context["steps"].data["email"] == ["late@example.net"]


def _dates(count):
    from events.models import EventIndexPage
    from samverka.home.demo import seed_home
    from tests.events.conftest import make_event

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home = seed_home(lambda message: None)
    home.add_child(instance=index)
    index.save_revision().publish()
    event = make_event(index)
    first = event.occurrences.get()
    EventOccurrence.objects.bulk_create(
        EventOccurrence(
            event=event,
            original_start=first.start + timedelta(hours=n),
            start=first.start + timedelta(hours=n),
            end=first.end + timedelta(hours=n),
        )
        for n in range(1, count)
    )
    return list(EventOccurrence.objects.order_by("start"))


def _register(client, occurrence, n, **extra):
    return client.post(
        en_url("events:date", [occurrence.pk]),
        {
            "name": "Offer",
            "email": "Victim@Example.org",
            "people": "1",
            "language": "sv",
            "consent": "on",
            "idempotency_key": f"k{n}",
        },
        **extra,
    )


def test_an_unconfirmed_address_gets_at_most_the_cap_from_one_client(client, db):
    dates = _dates(15)
    statuses = [_register(client, occurrence, n).status_code for n, occurrence in enumerate(dates)]
    assert statuses == [302] * 10 + [429] * 5
    assert Registration.objects.count() == 10
    assert OutboundEmail.objects.filter(to=["victim@example.org"]).count() == MAIL_CAP


def test_an_unconfirmed_address_gets_at_most_the_cap_from_many_clients(client, settings, db):
    """Behind the trusted proxy every visitor has their own allowance, but the victim's
    inbox does not: the forms are accepted, the mail stops at the cap."""
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = 1
    dates = _dates(15)
    for n, occurrence in enumerate(dates):
        response = _register(
            client,
            occurrence,
            n,
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}",
        )
        assert response.status_code == 302
    assert Registration.objects.count() == 15
    assert OutboundEmail.objects.filter(to=["victim@example.org"]).count() == MAIL_CAP


def test_forged_forwarded_for_does_not_reset_the_limit(client, settings, home_page):
    """No trusted proxy: an X-Forwarded-For header is the client's own word, and changing it
    on every post gives no new allowance."""
    settings.SAMVERKA_TRUSTED_PROXY_COUNT = 0
    settings.SAMVERKA_PUBLIC_FORM_LIMITS = {"kompis": (2, 3600)}
    url = en_url("mentors:apply", [])
    statuses = [
        client.post(url, {"first_name": "x"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


def test_a_confirmed_address_is_not_capped(volunteer_user):
    assert all(may_mail(volunteer_user.email.upper()) for _ in range(MAIL_CAP + 3))
    assert [may_mail("Ny@Example.com") for _ in range(MAIL_CAP + 1)] == [True] * MAIL_CAP + [False]
    assert may_mail("ny@example.com") is False  # the same address, whatever its case
    assert may_mail("") is False


# --- Other emailed links are bound to the person they were made for ------------------------


def test_answer_link_speaks_only_for_its_volunteer(client, volunteer_user, representative_user):
    from tests.mentors.conftest import make_mentor, make_newcomer

    match = Match.propose(make_newcomer("Amina"), make_mentor("Eva", user=volunteer_user))
    url = en_url("mentors:answer_link", [match.answer_token()])
    client.force_login(representative_user)  # a forwarded link, someone else signed in
    assert client.get(url).status_code == 403
    assert client.post(url, {"accept": "yes"}).status_code == 403
    match.refresh_from_db()
    assert match.volunteer_answer == Match.Answer.PENDING
    # Given to another volunteer since: the old link names the old one and stops working.
    other = make_mentor("Lena")
    token = match.answer_token()
    Match.objects.filter(pk=match.pk).update(volunteer=other)
    client.logout()
    response = client.post(en_url("mentors:answer_link", [token]), {"accept": "yes"})
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.volunteer_answer == Match.Answer.PENDING


def test_cancel_and_feedback_links_reach_only_their_registration(client):
    from events import codes

    world = make_world()
    other, _created = world.occurrence.register(name="B", email="b@example.com", notify=False)
    token = codes.cancel_token(world.registration.pk)
    for forged in (token[:-1] + ("A" if token[-1] != "A" else "B"), f"{other.pk}:{token}", "\x00"):
        response = client.post(en_url("events:cancel", [forged]))
        assert response.status_code == 400, forged
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
    response = client.post(en_url("events:cancel", [token]))
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.status == "confirmed"
    response = client.post(en_url("events:feedback", ["\x00"]), {"satisfaction": "5"})
    assert response.status_code == 400 and not FeedbackResponse.objects.exists()
