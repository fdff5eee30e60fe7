"""The privacy section on /my/: see and download one's data, delete one's account."""

from django.utils.translation import gettext as _


def privacy(request):
    return {"title": _("Your data and your account"), "template": "people/my_pages/privacy.html"}


SECTIONS = [privacy]

# Whose /my/ a row of these models is on (paths from the row to a user), and rows shown on
# many people's /my/: a change makes their kept sections new (samverka.core.my_pages_cache).
SHOWN_TO = {}
# A person's name is on the /my/ of their kompis, their internship's mentor and supervisor.
SHOWN_TO_MANY = ["people.Person"]
