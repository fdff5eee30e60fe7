"""Event fixtures: an events index under the demo home page, and a helper that
publishes an event page (publishing creates its dates)."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage

_numbers = itertools.count(1)


@pytest.fixture
def event_index(home_page):
    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def organisation(db):

    return make_organisation("Röda Korset Ålunda")


def make_organisation(name):
    from associations.models import Organisation

    return Organisation.objects.create(
        name=name,
        organisation_number=f"80{next(_numbers):04d}-0000",
        status=Organisation.Status.APPROVED,
    )


@pytest.fixture
def meeting_place(home_page):
    from samverka.orientation.models import MeetingPlaceIndexPage, MeetingPlacePage

    index = MeetingPlaceIndexPage(title="Mötesplatser", slug="motesplatser")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    place = MeetingPlacePage(
        title="Mötesplats Årby",
        slug="arby",
        street_address="Årbygatan 1",
        city="Ålunda",
        district="Årby",
    )
    index.add_child(instance=place)
    place.save_revision().publish()
    return place


def make_event(index, **fields) -> EventPage:
    number = next(_numbers)
    defaults = {
        "title": f"Språkcafé {number}",
        "slug": f"sprakcafe-{number}",
        "category": EventPage.Category.LANGUAGE_CAFE,
        "starts_at": timezone.now().replace(microsecond=0) + timedelta(days=2),
        "duration_minutes": 120,
        "languages": ["sv", "ar"],
        "capacity": 10,
    }
    defaults.update(fields)
    changes = defaults.pop("date_changes", [])
    page = EventPage(**defaults)
    for change in changes:
        page.date_changes.add(change)
    index.add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture
def event(event_index):
    return make_event(event_index)


@pytest.fixture
def occurrence(event):
    return event.occurrences.get()


def en(name, *args):
    """The English address of a view, so that tests read English messages."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(name, args=args)


def make_participant(name="Hodan Ali", phone="", user=None, **fields):
    """A participant and the Person they are (the way programmes enrol people)."""
    from events.models import Participant
    from samverka.people.models import Person

    first_name, _sep, last_name = name.partition(" ")
    person = Person.objects.create(
        first_name=first_name, last_name=last_name, phone=phone, user=user, **fields
    )
    return Participant.objects.for_person(person)
