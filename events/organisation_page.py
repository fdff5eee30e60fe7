"""The organisation's upcoming events on its public directory page."""

from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .listing import attach_events, attach_translations, listed_occurrences

UPCOMING_LIMIT = 5


def section(request, organisation):
    occurrences = list(
        listed_occurrences().filter(event__organiser=organisation)[: UPCOMING_LIMIT + 1]
    )
    if not occurrences:
        return None
    attach_events(occurrences)
    attach_translations(occurrences, translation.get_language())
    return {
        "title": _("Upcoming events"),
        "template": "events/organisation_section.html",
        "occurrences": occurrences[:UPCOMING_LIMIT],
        "more_url": f"{reverse('events:list')}?{urlencode({'organiser': organisation.pk})}"
        if len(occurrences) > UPCOMING_LIMIT
        else None,
        "feed_url": reverse("events:feed_organiser", args=[organisation.pk]),
    }


SECTIONS = [section]
