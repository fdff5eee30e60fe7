"""The privacy section on /my/: see and download one's data, delete one's account."""

from django.utils.translation import gettext as _


def privacy(request):
    return {"title": _("Your data and your account"), "template": "people/my_pages/privacy.html"}


SECTIONS = [privacy]
