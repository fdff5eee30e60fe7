from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# Languages an event can be held in: the site's languages and those most
# spoken among newcomers.
EVENT_LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian/Dari")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("uk", _("Ukrainian")),
    ("ku", _("Kurdish")),
    ("ru", _("Russian")),
]


class EventPageForm(WagtailAdminPageForm):
    """Languages as checkboxes (stored as a JSON list of codes)."""

    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=EVENT_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
