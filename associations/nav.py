from django.utils.translation import gettext_lazy as _

NAV_ITEMS = [
    ("associations:directory", _("Associations")),
    ("associations:become_volunteer", _("Become a volunteer")),
]
