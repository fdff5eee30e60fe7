from django.utils.translation import gettext_lazy as _

NAV_ITEMS = [("mentors:apply", _("I want a kompis"))]
