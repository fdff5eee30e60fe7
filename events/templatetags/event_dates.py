"""`{% date_change_note occurrence event as note %}`: the note of a cancelled or moved date as
the visitor reads it on `event` (the event's page in their language, or the Swedish page);
see `events.models.date_change_notes`."""

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def date_change_note(occurrence, event=None):
    from events.models import date_change_notes

    source = occurrence.event
    notes = date_change_notes(source, event or source)
    return notes.get(timezone.localtime(occurrence.original_start).date())
