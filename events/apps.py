from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # Stated here so a host site with another DEFAULT_AUTO_FIELD keeps these migrations valid.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from . import checks  # noqa: F401 - registers the place model's check
        from .models import EventPage

        # Publishing is the one moment an editor changes a series' dates; the
        # daily `extend_series` task rolls the horizon forward in between.
        page_published.connect(sync_dates_on_publish, sender=EventPage)

        # The listing's cards and filter choices show organisers' and places' names;
        # they are kept under the cards' and the listing's generations
        # (events.listing.card_html), so a renamed organiser or place starts new ones.
        from django.db.models.signals import post_delete, post_save

        from .conf import get_place_model
        from .models import EventOccurrence, Programme, Registration

        # A programme deleted (a private one lets its events back into the listing).
        post_delete.connect(dates_changed, sender=Programme, dispatch_uid="events_programme_gone")
        # Seats and dates however they change (registering, cancelling, the admin,
        # erasure, a deleted date): through the models' save and delete. Bulk writes
        # (`bulk_create`, `update()`) call `listing_changed()` themselves. A kept card's
        # key holds its date's row and seats, so these need no new cards.
        for model in (Registration, EventOccurrence):
            post_save.connect(dates_changed, sender=model, dispatch_uid=f"events_seats_{model}")
            post_delete.connect(
                dates_changed, sender=model, dispatch_uid=f"events_seats_{model}_gone"
            )
        # Organisers' and places' names are on the cards and the filter's choices.
        for model in (EventPage._meta.get_field("organiser").related_model, get_place_model()):
            post_save.connect(names_changed, sender=model, dispatch_uid=f"events_names_{model}")
            post_delete.connect(names_changed, sender=model, dispatch_uid=f"events_gone_{model}")


def sync_dates_on_publish(sender, instance, **kwargs):
    instance.sync_occurrences()


def dates_changed(sender, instance, **kwargs):
    from django.db import transaction

    from .listing import listing_changed

    transaction.on_commit(listing_changed)


def names_changed(sender, instance, **kwargs):
    from django.db import transaction

    from . import listing

    transaction.on_commit(listing.names_changed)
