from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationConfig(AppConfig):
    name = "samverka.orientation"
    label = "orientation"
    verbose_name = _("Civic orientation and meeting places")

    def ready(self):
        from samverka.orientation import signals

        signals.connect()
