from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samverka.core"
    label = "core"
    verbose_name = _("Samverka core")
    # Stated here so a host site with another DEFAULT_AUTO_FIELD keeps these migrations valid.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from anymail.signals import tracking

        from . import admin_sidebar, checks, layout, links, my_pages_cache  # noqa: F401 - checks registers the system checks
        from .email import mark_undeliverable

        layout.connect()
        admin_sidebar.connect()
        links.connect_signals()
        my_pages_cache.connect()

        tracking.connect(mark_undeliverable, dispatch_uid="samverka_core_mark_undeliverable")
