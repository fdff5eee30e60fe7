"""Forms: the public "I want a kompis" application, answers, meetings, ending a match."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from associations.districts import all_district_choices, district_municipality
from samverka.core.public_forms import PublicFormMixin
from samverka.core.steps import Step
from samverka.people import vocabulary
from samverka.people.fields import (
    AvailabilityGrid,
    CheckboxList,
    LanguagePickerField,
    add_level_fields,
    limit_birth_year,
    mark_autocomplete,
    picked_levels,
)
from samverka.people.models import ConsentRecord, ConsentVersion, Person

from .models import Match, Meeting, Newcomer


class KompisApplicationForm(PublicFormMixin, forms.ModelForm):
    """A newcomer applies for a kompis. Plain words; a coordinator checks every application.

    One form, two rows: who they are (the `people.Person`) and their kompis profile
    (`Newcomer`), saved together with their consent to the current kompis text."""

    district = forms.ChoiceField(label=_("Where do you live?"), choices=all_district_choices)
    sfi_course = forms.ChoiceField(
        label=_("Your SFI course"), choices=Newcomer.SfiCourse.choices, required=False
    )
    mentor_gender = forms.ChoiceField(
        label=_("I want my kompis to be"),
        choices=[("", "---------"), *Newcomer._meta.get_field("mentor_gender").choices],
        required=False,
        help_text=_("Leave empty if it does not matter."),
    )
    interests = forms.MultipleChoiceField(
        label=_("What do you like to do?"),
        choices=vocabulary.INTERESTS,
        # Short words: laid out as wrapping chips, so the whole list fits a phone's screen.
        widget=CheckboxList(attrs={"class": "checkbox-list checkbox-list--chips"}),
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
        choices=vocabulary.AVAILABILITY_CHOICES,
        widget=AvailabilityGrid,
        required=False,
    )
    # Swedish comes from the SFI course.
    languages = LanguagePickerField(exclude=("sv",))
    consent = forms.BooleanField(
        label=_(
            "I agree that the municipality saves this information to find a kompis for me. "
            "I can ask to have it removed at any time."
        ),
    )

    STEPS = (
        Step(
            pgettext_lazy("form step", "Your name and phone"), ("first_name", "last_name", "phone")
        ),
        Step(pgettext_lazy("form step", "Where you live"), ("email", "district")),
        Step(pgettext_lazy("form step", "About you"), ("gender", "birth_year", "sfi_course")),
        Step(pgettext_lazy("form step", "Languages you speak"), ("languages",)),
        Step(pgettext_lazy("form step", "How well you speak them"), ("language_*",)),
        Step(pgettext_lazy("form step", "Your kompis"), ("mentor_gender", "goals")),
        Step(pgettext_lazy("form step", "What you like to do"), ("interests",)),
        Step(pgettext_lazy("form step", "When you can meet"), ("availability",)),
        Step(pgettext_lazy("form step", "Send"), ("consent",)),
    )

    PROFILE_FIELDS = ("sfi_course", "mentor_gender", "interests", "goals", "availability")

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "phone", "email", "district", "gender", "birth_year"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "phone": _("Phone number"),
            "email": _("Email (if you have one)"),
            "gender": _("You are"),
            "birth_year": _("Year you were born"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        mark_autocomplete(self)
        limit_birth_year(self)
        add_level_fields(self)

    def clean(self):
        cleaned = super().clean()
        languages = picked_levels(self)
        chosen = cleaned.get("languages")
        if not chosen and not cleaned.get("sfi_course") and "languages" not in self.errors:
            self.add_error("languages", _("Tell us at least one language you speak."))
        self.instance.languages = languages
        return cleaned

    def save(self, commit=True):
        """The Person, their newcomer profile and their consent (callers wrap this in a
        transaction). Returns the newcomer."""
        person = super().save(commit=False)
        person.place_at_district_centre()
        # The district someone chose says which municipality they live in.
        person.home_municipality_id = (
            district_municipality(person.district) or person.home_municipality_id
        )
        person.preferred_language = get_language() or "sv"
        newcomer = Newcomer(
            person=person,
            status=Newcomer.Status.PENDING,
            source=Newcomer.Source.PUBLIC_FORM,
            **{
                name: self.cleaned_data.get(name) or Newcomer._meta.get_field(name).get_default()
                for name in self.PROFILE_FIELDS
            },
        )
        if commit:
            person.save()
            newcomer.person = person
            newcomer.save()
            consent = ConsentVersion.objects.current(ConsentVersion.Purpose.KOMPIS)
            if consent is not None:
                person.record_consent(
                    consent, ConsentRecord.Method.ONLINE, language=person.preferred_language
                )
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
