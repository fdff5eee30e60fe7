"""App settings with defaults, read in one place per app (issue 20, item 2), and events'
swappable place model."""

import pytest
from django.test import override_settings

from events.conf import get_place_model
from events.conf import settings as events_settings
from events.models import EventPage, Place
from samverka.core.conf import content_languages, rtl_languages, site_url
from samverka.core.conf import settings as core_settings
from samverka.orientation.models import MeetingPlacePage


def test_a_setting_the_site_leaves_out_has_its_default(settings):
    del settings.SAMVERKA_MUNICIPALITY
    del settings.SAMVERKA_PAGE_CACHE_SECONDS
    assert core_settings.MUNICIPALITY == ""
    assert core_settings.PAGE_CACHE_SECONDS == 0
    assert events_settings.HORIZON_DAYS == 400


@override_settings(SAMVERKA_MUNICIPALITY="Svedala kommun", SAMVERKA_EVENTS_HORIZON_DAYS=30)
def test_a_setting_the_site_sets_wins():
    assert core_settings.MUNICIPALITY == "Svedala kommun"
    assert events_settings.HORIZON_DAYS == 30


def test_an_unknown_name_is_an_error():
    with pytest.raises(AttributeError):
        core_settings.MUNICIPALITI  # noqa: B018


def test_site_url_falls_back_to_wagtails_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://samverka.example.org/"
    assert site_url() == "https://samverka.example.org"
    settings.SAMVERKA_SITE_URL = "https://www.alunda.se"
    assert site_url() == "https://www.alunda.se"


def test_right_to_left_languages_default_to_djangos(settings):
    assert rtl_languages() == {"ar", "fa"}
    del settings.RTL_LANGUAGES
    assert {"ar", "fa", "he"} <= rtl_languages()


def test_content_languages_are_wagtails():
    assert [code for code, _name in content_languages()] == [
        "sv",
        "en",
        "ar",
        "fa",
        "so",
        "ti",
        "uk",
    ]


def test_the_reference_site_points_events_at_its_meeting_place_pages():
    assert get_place_model() is MeetingPlacePage
    assert EventPage._meta.get_field("place").related_model is MeetingPlacePage
    # events.Place is swapped out: it has no table and no manager here.
    assert Place._meta.swapped == "orientation.MeetingPlacePage"
    assert not Place._meta.can_migrate("default")
