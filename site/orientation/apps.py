from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationConfig(AppConfig):
    name = "samverka.orientation"
    label = "orientation"
    verbose_name = _("Civic orientation and meeting places")
    # Stated here so a host site with another DEFAULT_AUTO_FIELD keeps these migrations valid.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samverka.orientation import signals

        signals.connect()
