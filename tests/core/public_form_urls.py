"""Every URL of Samverka's own apps, with arguments that reach a real object, for the sweeps
that post to all of them (the public-form guard, and NUL bytes in every form field)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

# The apps whose URLs are swept. allauth's forms (sign-in, sign-up, password reset) carry
# allauth's own limits (ACCOUNT_RATE_LIMITS); the Wagtail admin needs a signed-in
# coordinator.
SWEPT_NAMESPACES = {"associations", "mentors", "internships", "events", "core"}


def url_names() -> list[str]:
    names = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace:
                if namespace in SWEPT_NAMESPACES:
                    names.append(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return sorted(set(names))


@dataclass
class World:
    """One of each object a public link points at."""

    organisation: object
    occurrence: object
    registration: object
    invitation: object
    match: object


def make_world() -> World:
    from associations.models import Invitation
    from events.models import EventIndexPage
    from mentors.models import Match
    from samverka.home.demo import seed_home
    from tests.associations.conftest import make_organisation
    from tests.events.conftest import make_event
    from tests.mentors.conftest import make_mentor, make_newcomer

    home = seed_home(lambda message: None)
    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home.add_child(instance=index)
    index.save_revision().publish()
    occurrence = make_event(index).occurrences.get()
    registration, _created = occurrence.register(
        name="Amal Hassan", email="amal@example.com", notify=False
    )
    organisation = make_organisation(name="Röda Korset Ålunda")
    invitation = Invitation.objects.create(
        organisation=organisation,
        kind=Invitation.Kind.REPRESENTATIVE,
        email="ny@example.com",
        role="admin",
    )
    match = Match.propose(make_newcomer("Amina"), make_mentor("Eva"))
    return World(organisation, occurrence, registration, invitation, match)


def url_args(world: World) -> dict[str, list]:
    """Arguments for every swept URL name; a name missing here fails the sweep, so a new
    view is looked at before it goes live."""
    from events import codes
    from mentors import links as mentor_links
    from samverka.core import tokens

    o, r = world.occurrence, world.registration
    slug, number = world.organisation.slug, world.organisation.organisation_number
    return {
        "associations:become_volunteer": [],
        "associations:become_volunteer_thanks": [],
        "associations:change_role": [slug, 1],
        "associations:decide_access_request": [slug, 1],
        "associations:detail": [slug],
        "associations:directory": [],
        "associations:edit": [slug],
        "associations:end_membership": [slug, 1],
        "associations:invitation": [world.invitation.token()],
        "associations:invite_representative": [slug],
        "associations:invite_volunteer": [slug],
        "associations:manage": [slug],
        "associations:register": [],
        "associations:remove_representative": [slug, 1],
        "associations:request_access": [number],
        "associations:volunteer_data": [],
        "associations:volunteer_erase": [],
        "associations:volunteer_profile": [],
        "associations:withdraw_invitation": [slug, 1],
        "core:my_pages": [],
        "events:cancel": [codes.cancel_token(r.pk)],
        "events:certificate": [1],
        "events:checked_in": [o.pk],
        "events:checkin_code": [o.pk],
        "events:checkin_staff": [o.pk],
        "events:date": [o.pk],
        "events:date_ics": [o.pk],
        "events:delegates": [o.pk],
        "events:feed": [],
        "events:feed_category": ["language_cafe"],
        "events:feed_organiser": [world.organisation.pk],
        "events:feed_place": [1],
        "events:feed_private": ["junk"],
        "events:feedback": [codes.feedback_token("r", r.pk)],
        "events:list": [],
        "events:registered": [r.token],
        "events:renew_private_feed": [],
        "events:self_checkin": [],
        "internships:add_contact": [1],
        "internships:detail": [1],
        "internships:edit_place": [1],
        "internships:follow_up": [1, "mid"],
        "internships:index": [],
        "internships:new_place": [slug],
        "mentors:answer": [world.match.pk],
        "mentors:answer_link": [world.match.answer_token()],
        "mentors:apply": [],
        "mentors:apply_thanks": [],
        "mentors:log_meeting": [world.match.pk],
        "mentors:match": [world.match.pk],
        "mentors:newcomer_answer": [tokens.make(mentor_links.PURPOSE, world.match.pk)],
    }


def en_url(name: str, args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)
