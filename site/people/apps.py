from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "samverka.people"
    label = "people"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import municipalities

        for model in (municipalities.Municipality, municipalities.District):
            for signal in (post_save, post_delete):
                signal.connect(municipalities.forget, sender=model)
        post_migrate.connect(municipalities.forget, sender=self)
