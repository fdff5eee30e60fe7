import pytest

from samverka.core import sms
from tests.events.conftest import event, event_index, make_event, make_participant  # noqa: F401
from tests.mentors.conftest import amina, eva, policy  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def person(db):
    from samverka.people.models import Person

    return Person.objects.create(
        first_name="Hodan", last_name="Ali", phone="+46701234567", preferred_language="ar"
    )
