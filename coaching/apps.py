from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching (Jobbcentrum)")
    # Stated here so a host site with another DEFAULT_AUTO_FIELD keeps these migrations valid.
    default_auto_field = "django.db.models.BigAutoField"
