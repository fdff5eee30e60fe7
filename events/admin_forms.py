from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from samverka.people import vocabulary

# Languages an event can be held in (from the one vocabulary): the site's languages and
# those most spoken among newcomers.
EVENT_LANGUAGES = vocabulary.language_choices(
    ["sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "ku", "ru"]
)


class EventPageForm(WagtailAdminPageForm):
    """Languages as checkboxes (stored as a JSON list of codes)."""

    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=EVENT_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
