import pytest

from samverka.people.models import ConsentVersion, Person


@pytest.fixture
def coordinator_client(client, coordinator, home_page):
    from wagtail.users.models import UserProfile

    # The admin speaks the coordinator's chosen language; English, to match the msgids.
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    return client


def make_person(first_name="Amal", **fields):
    values = {"last_name": "Yousef", "phone": "070-111 22 33", "languages": {"ar": 5}}
    values.update(fields)
    return Person.objects.create(first_name=first_name, **values)


@pytest.fixture
def volunteering_v1(db):
    return ConsentVersion.objects.current(ConsentVersion.Purpose.VOLUNTEERING)
