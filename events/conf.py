"""Settings of the events app, read in this one place, each with a default (issue 20).

Code reads ``from events.conf import settings`` and ``settings.HORIZON_DAYS``; a host sets
``SAMVERKA_EVENTS_HORIZON_DAYS`` only to change it. None is required.
"""

from samverka.core.conf import AppSettings

settings = AppSettings(
    "SAMVERKA_EVENTS_",
    {
        # Days ahead for which a series' dates exist as rows (the rest follow daily).
        "HORIZON_DAYS": 400,
        # Days a cancellation link from a confirmation works at most (it also stops once the
        # date has taken place). Dates exist up to HORIZON_DAYS ahead, so a link for the
        # furthest date lasts until it.
        "CANCEL_LINK_MAX_AGE_DAYS": 400,
        # Days after an event when visitors' names and contact details are anonymised.
        "ANONYMISE_AFTER_DAYS": 30,
        # The model of an event's place ("app_label.ModelName"), swappable like
        # AUTH_USER_MODEL: events.Place by default; the reference site uses its
        # meeting-place pages (orientation.MeetingPlacePage). A place model has `title`
        # and `full_address`. Set it before the first migrate; it cannot change afterwards.
        "PLACE_MODEL": "events.Place",
        # Page types under which editors may add the events index page (None: any page).
        "INDEX_PARENT_PAGE_TYPES": None,
    },
)

PLACE_MODEL_SETTING = settings.setting_name("PLACE_MODEL")


def place_model_label() -> str:
    return settings.PLACE_MODEL


def get_place_model():
    """The model class of an event's place."""
    from django.apps import apps

    return apps.get_model(settings.PLACE_MODEL, require_ready=False)
