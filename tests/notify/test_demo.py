import pytest

from events.demo import seed_events, seed_texts
from samverka.core import sms
from samverka.core.models import OutboundEmail
from samverka.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_outbox_holds_texts_in_several_languages_and_seeds_twice(
    home_page, coordinator, django_capture_on_commit_callbacks
):
    seed_events(lambda message: None)
    messages = []
    with django_capture_on_commit_callbacks(execute=True):
        seed_texts(messages.append)
    texts = OutboundEmail.objects.filter(channel="sms")
    first = texts.count()
    kinds = set(texts.values_list("kind", flat=True))
    assert {"events.confirmed", "events.session_reminder"} <= kinds
    reminded = {row.to[0] for row in texts.filter(kind="events.session_reminder")}
    languages = set(
        Person.objects.filter(phone__in=reminded).values_list("preferred_language", flat=True)
    )
    assert len(languages) >= 3
    confirmations = texts.filter(kind="events.confirmed")
    assert confirmations.count() == 4
    assert all(row.status == "sent" for row in texts)  # to the in-memory backend only
    assert len(sms.outbox) == first
    seed_texts(messages.append)
    assert texts.count() == first
