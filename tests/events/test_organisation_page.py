"""An organisation's public page lists its upcoming events (issue 4 asks for it once events exist)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import make_event, make_organisation

pytestmark = pytest.mark.django_db


def _listed(organisation):
    organisation.is_listed = True
    organisation.save()
    return organisation


def test_organisation_page_lists_its_upcoming_events_only(client, event_index):
    red_cross = _listed(make_organisation("Röda Korset Ålunda"))
    mosque = _listed(make_organisation("Ålunda moské"))
    make_event(event_index, title="Språkcafé på biblioteket", organiser=red_cross)
    make_event(event_index, title="Fredagsmingel", organiser=mosque)
    make_event(
        event_index,
        title="Förra veckans café",
        organiser=red_cross,
        starts_at=timezone.now().replace(microsecond=0) - timedelta(days=7),
    )

    html = client.get(f"/organisations/{red_cross.slug}/").content.decode()

    assert "Språkcafé på biblioteket" in html
    assert "Fredagsmingel" not in html
    assert "Förra veckans café" not in html
    assert f"/events/calendar/organiser/{red_cross.pk}.ics" in html


def test_organisation_without_events_has_no_events_section(client, event_index):
    quiet = _listed(make_organisation("Tyst förening"))
    html = client.get(f"/organisations/{quiet.slug}/").content.decode()
    assert f"/events/calendar/organiser/{quiet.pk}.ics" not in html


def test_many_events_link_to_the_filtered_listing(client, event_index):
    busy = _listed(make_organisation("Studieförbundet Ålunda"))
    for day in range(1, 8):
        make_event(
            event_index,
            organiser=busy,
            starts_at=timezone.now().replace(microsecond=0) + timedelta(days=day),
        )
    html = client.get(f"/organisations/{busy.slug}/").content.decode()
    assert html.count('<li class="event-card') == 5
    assert f"/events/?organiser={busy.pk}" in html


def test_query_count_does_not_grow_with_events(client, event_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    busy = _listed(make_organisation("Studieförbundet Ålunda"))
    make_event(event_index, organiser=busy)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/organisations/{busy.slug}/")
    for day in range(3, 12):
        make_event(
            event_index,
            organiser=busy,
            starts_at=timezone.now().replace(microsecond=0) + timedelta(days=day),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(f"/organisations/{busy.slug}/")
    assert len(many.captured_queries) == len(one.captured_queries)
