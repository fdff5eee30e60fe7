from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Associations")
    # Stated here so a host site with another DEFAULT_AUTO_FIELD keeps these migrations valid.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .listing import directory_changed
        from .models import Organisation

        # The public directory's kept pages (associations.listing.DIRECTORY).
        post_save.connect(directory_changed, sender=Organisation, dispatch_uid="directory_saved")
        post_delete.connect(
            directory_changed, sender=Organisation, dispatch_uid="directory_deleted"
        )
