from django.utils.translation import gettext_lazy as _

NAV_ITEMS = [("search", _("Search"))]
