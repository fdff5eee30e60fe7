from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "samverka.home"
    label = "home"
    verbose_name = _("Home and standard pages")
    # Stated here so a host site with another DEFAULT_AUTO_FIELD keeps these migrations valid.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from samverka.core.layout import clear
        from samverka.home.models import FooterLink, FooterSettings

        # The footer links are kept in the layout cache: a change shows at once.
        for model in (FooterSettings, FooterLink):
            post_save.connect(clear, sender=model, dispatch_uid=f"footer_saved_{model.__name__}")
            post_delete.connect(
                clear, sender=model, dispatch_uid=f"footer_deleted_{model.__name__}"
            )
