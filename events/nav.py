from django.utils.translation import gettext_lazy as _

NAV_ITEMS = [("events:list", _("What's on"))]
