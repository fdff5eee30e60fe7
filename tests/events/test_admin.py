"""Coordinators' admin views, the "My pages" section, menu and sitemap entries."""

import pytest
from django.urls import reverse

from events.models import Attendance, Enrolment, FeedbackResponse, Programme

from .conftest import en, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(event, coordinator):
    programme = Programme.objects.create(name="SO-grupp", event=event, coordinator=coordinator)
    Enrolment.objects.create(programme=programme, participant=make_participant(name="Hodan"))
    return programme


def test_coordinator_has_events_permissions(coordinator):
    assert coordinator.has_perm("events.change_registration")
    assert coordinator.has_perm("events.view_enrolment")


def test_admin_lists_and_reports(client, coordinator, occurrence, programme):
    occurrence.register(name="Amal", email="amal@example.com")
    Attendance.objects.create(occurrence=occurrence, name="Walk-in", method="walk_in")
    for _n in range(5):  # fewer answers show no figures
        FeedbackResponse.objects.create(event=occurrence.event, satisfaction=5)
    client.force_login(coordinator)
    for name in ("eventoccurrence", "registration", "programme", "enrolment", "absence"):
        response = client.get(reverse(f"{name}:index"))
        assert response.status_code == 200, name
    response = client.get(reverse("events_admin:registrations", args=[occurrence.pk]))
    assert response.status_code == 200 and "Amal" in response.content.decode()
    response = client.get(reverse("events_admin:programme", args=[programme.pk]))
    assert response.status_code == 200 and "Hodan" in response.content.decode()
    assert (
        client.post(
            reverse("events_admin:programme", args=[programme.pk]), {"action": "evaluate"}
        ).status_code
        == 302
    )
    response = client.get(reverse("events_admin:feedback"))
    assert response.status_code == 200 and "100 %" in response.content.decode()


def test_reports_need_permission(client, editor, occurrence, programme):
    client.force_login(editor)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    for url in (
        reverse("events_admin:registrations", args=[occurrence.pk]),
        reverse("events_admin:programme", args=[programme.pk]),
    ):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, "/admin/")


def test_my_pages_section(client, volunteer_user, occurrence):
    occurrence.register(name="Eva", email=volunteer_user.email, user=volunteer_user)
    client.force_login(volunteer_user)
    html = client.get(en("core:my_pages")).content.decode()
    assert occurrence.event.title in html
    assert "/events/calendar/private/" in html


def test_menu_and_sitemap(client, event):
    from samverka.core.discovery import collect

    assert "events:list" in [name for name, _label in collect("nav", "NAV_ITEMS")]
    assert "events:list" in collect("sitemaps", "PUBLIC_URL_NAMES")
    html = client.get(en("events:list")).content.decode()
    assert 'href="/en/events/"' in html


def test_editor_creates_a_weekly_series_in_the_admin(client, coordinator, event_index):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from events.models import EventPage

    client.force_login(coordinator)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Språkcafé i Fröången",
            "slug": "sprakcafe-froangen",
            "intro": "",
            "category": "language_cafe",
            "audience": "everyone",
            "languages": ["sv", "so"],
            "address": "Fröangsvägen 2",
            "accessibility": "",
            "starts_at": "2030-01-08 18:00",
            "duration_minutes": "90",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=5",
            "registration_required": "on",
            "capacity": "20",
            "waitlist_enabled": "on",
            "registration_opens_days": "60",
            "registration_closes_hours": "0",
            "date_changes": inline_formset(
                [{"original_date": "2030-01-15", "action": "cancel", "new_start": "", "note": ""}]
            ),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    data["languages"] = ["sv", "so"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = EventPage.objects.get(slug="sprakcafe-froangen")
    assert page.languages == ["sv", "so"]
    assert page.occurrences.count() == 5
    assert page.occurrences.filter(status="cancelled").count() == 1
