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


def sync_dates_on_publish(sender, instance, **kwargs):
    instance.sync_occurrences()
