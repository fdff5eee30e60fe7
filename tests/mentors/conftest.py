import datetime

import pytest
from django.utils import timezone

from associations.models import Volunteer
from mentors.models import MatchingPolicy, Newcomer

JAKOBSBERG = {"latitude": 59.4236, "longitude": 17.8340, "district": "Ålunda centrum"}


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


def make_mentor(first_name="Eva", user=None, capacity=1, **extra):
    fields = {
        "first_name": first_name,
        "last_name": "Holm",
        "email": f"{first_name.lower()}@example.org",
        "languages": {"sv": 5, "en": 4},
        "roles": [Volunteer.Role.BUDDY],
        "status": Volunteer.Status.VETTED,
        "availability": ["tue_evening", "sat_morning"],
        "interests": ["matlagning"],
        "gender": Volunteer.Gender.FEMALE,
        "capacity": capacity,
        "user": user,
        **JAKOBSBERG,
    }
    fields.update(extra)
    return Volunteer.objects.create(**fields)


def make_newcomer(first_name="Amina", days=30, **extra):
    fields = {
        "first_name": first_name,
        "last_name": "Yousef",
        "phone": "070-111 22 33",
        "languages": {"ar": 5, "sv": 2},
        "availability": ["tue_evening"],
        "interests": ["cooking"],
        "gender": Newcomer.Gender.FEMALE,
        "waiting_since": timezone.now() - datetime.timedelta(days=days),
        **JAKOBSBERG,
    }
    fields.update(extra)
    return Newcomer.objects.register(**fields)


@pytest.fixture
def policy(db):
    return MatchingPolicy.objects.current()


@pytest.fixture
def eva(volunteer_user):
    return make_mentor("Eva", user=volunteer_user)


@pytest.fixture
def amina(db):
    return make_newcomer("Amina")


@pytest.fixture
def coordinator(coordinator):
    """Karin reads the admin in English, the language of the msgids the tests assert on."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    return coordinator
