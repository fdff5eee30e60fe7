from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationConfig(AppConfig):
    name = "samverka.orientation"
    label = "orientation"
    verbose_name = _("Civic orientation and meeting places")
    # Stated here so a host site with another DEFAULT_AUTO_FIELD keeps these migrations valid.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samverka.orientation import signals, upkeep

        signals.connect()
        upkeep.connect()
        keep_review_dates_per_language()


# Fields each language keeps for itself: wagtail-localize neither translates them nor
# copies them from the Swedish page, so the yearly review of the Swedish page
# (a new "last reviewed" date) does not touch its translations.
PER_LANGUAGE_FIELDS = {"last_reviewed"}


def keep_review_dates_per_language():
    from wagtail_localize.fields import get_translatable_fields

    from samverka.orientation.models import ReviewedPage

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for model in subclasses(ReviewedPage):
        if model._meta.abstract or "translatable_fields" in model.__dict__:
            continue
        model.translatable_fields = [
            field
            for field in get_translatable_fields(model)
            if field.field_name not in PER_LANGUAGE_FIELDS
        ]
