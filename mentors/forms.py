"""Forms: the public "I want a kompis" application, answers, meetings, ending a match."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.districts import DISTRICT_CHOICES, centroid
from associations.forms import FORM_LANGUAGES, LEVEL_CHOICES
from associations.models import (
    AVAILABILITY_CHOICES,
    LANGUAGE_CHOICES,
)
from samverka.core.public_forms import PublicFormMixin

from .models import INTERESTS, Match, Meeting, Newcomer


class KompisApplicationForm(PublicFormMixin, forms.ModelForm):
    """A newcomer applies for a kompis. Plain words; a coordinator checks every application."""

    district = forms.ChoiceField(label=_("Where do you live?"), choices=DISTRICT_CHOICES)
    interests = forms.MultipleChoiceField(
        label=_("What do you like to do?"),
        choices=INTERESTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    goals = forms.MultipleChoiceField(
        label=_("What do you want to do with a kompis?"),
        choices=Newcomer.Goal.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("When can you meet?"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the municipality saves this information to find a kompis for me. "
            "I can ask to have it removed at any time."
        ),
    )

    class Meta:
        model = Newcomer
        fields = [
            "first_name",
            "last_name",
            "phone",
            "email",
            "district",
            "gender",
            "birth_year",
            "sfi_course",
            "mentor_gender",
            "interests",
            "goals",
            "availability",
        ]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "phone": _("Phone number"),
            "email": _("Email (if you have one)"),
            "gender": _("You are"),
            "birth_year": _("Year you were born"),
            "sfi_course": _("Your SFI course"),
            "mentor_gender": _("I want my kompis to be"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["mentor_gender"].help_text = _("Leave empty if it does not matter.")
        names = dict(LANGUAGE_CHOICES)
        for code in FORM_LANGUAGES:
            if code == "sv":
                continue  # Swedish comes from the SFI course
            self.fields[f"language_{code}"] = forms.ChoiceField(
                label=_("%(language)s: how well?") % {"language": names[code]},
                choices=LEVEL_CHOICES,
                required=False,
            )

    def language_fields(self):
        return [self[f"language_{code}"] for code in FORM_LANGUAGES if code != "sv"]

    def clean(self):
        cleaned = super().clean()
        languages = {
            code: int(cleaned[f"language_{code}"])
            for code in FORM_LANGUAGES
            if code != "sv" and cleaned.get(f"language_{code}")
        }
        if not languages and not cleaned.get("sfi_course"):
            self.add_error(None, _("Tell us at least one language you speak."))
        self.instance.languages = languages
        return cleaned

    def save(self, commit=True):
        newcomer = super().save(commit=False)
        newcomer.latitude, newcomer.longitude = centroid(newcomer.district)
        newcomer.status = Newcomer.Status.PENDING
        newcomer.source = Newcomer.Source.PUBLIC_FORM
        newcomer.consent_method = Newcomer.ConsentMethod.ONLINE
        newcomer.consent_given_at = timezone.now()
        if commit:
            newcomer.save()
        return newcomer


class AnswerForm(PublicFormMixin, forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("Yes, I want to be kompis")), ("no", _("No, not this time"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If no: why? (helps us find a better pair)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accept") is False and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please say briefly why."))
        return cleaned


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "minutes", "activity"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class EndMatchForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why did it end?"), choices=Match.EndReason.choices)
    feedback = forms.CharField(
        label=_("Feedback"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
