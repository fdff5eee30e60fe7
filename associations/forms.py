from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
from samverka.people.models import ConsentVersion

from .districts import all_district_choices, district_options
from .models import (
    AVAILABILITY_CHOICES,
    LANGUAGE_CHOICES,
    Organisation,
    Representative,
    Volunteer,
)
from .validators import LOGO_EXTENSIONS

# Languages asked about in the volunteer form, each with a level.
FORM_LANGUAGES = vocabulary.FORM_LANGUAGES
LEVEL_CHOICES = [("", _("Not spoken"))] + [(str(n), label) for n, label in vocabulary.LEVELS]
TRANSLATION_LANGUAGES = [
    (code, name) for code, name in LANGUAGE_CHOICES if code in {"en", "ar", "fa", "so", "ti", "uk"}
]


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


class OrganisationForm(forms.ModelForm):
    """The fields an organisation fills in about itself."""

    district = forms.ChoiceField(label=_("District"), choices=all_district_choices, required=False)
    districts_served = forms.MultipleChoiceField(
        label=_("Districts you work in"),
        choices=district_options,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken in the organisation"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    activities = forms.MultipleChoiceField(
        label=_("Activities you offer"),
        choices=Organisation.Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in LOGO_EXTENSIONS)}
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "description",
            "logo",
            "website",
            "email",
            "phone",
            "street_address",
            "postcode",
            "city",
            "district",
            "districts_served",
            "languages",
            "activities",
            "meeting_times",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "meeting_times": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "meeting_times": _("For example: language café every Tuesday 17–19 at the library."),
            "contact_name": _("Only the municipality sees the contact person."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        translations = (self.instance.description_translations or {}) if self.instance else {}
        for code, name in TRANSLATION_LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description in %(language)s (optional)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
                initial=translations.get(code, ""),
            )

    def save(self, commit=True):
        self.instance.description_translations = {
            code: self.cleaned_data[f"description_{code}"].strip()
            for code, _name in TRANSLATION_LANGUAGES
            if self.cleaned_data.get(f"description_{code}", "").strip()
        }
        return super().save(commit=commit)


class OrganisationRegistrationForm(PublicFormMixin, OrganisationForm):
    class Meta(OrganisationForm.Meta):
        fields = ["name", "organisation_number", *OrganisationForm.Meta.fields[1:]]

    existing_organisation = None

    def clean_organisation_number(self):
        number = self.cleaned_data["organisation_number"]
        existing = Organisation.objects.filter(organisation_number=number).first()
        if existing is not None:
            # The template offers to ask this organisation's admins for access.
            self.existing_organisation = existing
            raise forms.ValidationError(
                _(
                    "An organisation with this organisation number is already registered. "
                    "You can ask its administrators for access instead."
                ),
                code="duplicate",
            )
        return number

    def validate_unique(self):
        # clean_organisation_number has given a clearer message than the model's.
        if "organisation_number" in self._errors:
            return
        super().validate_unique()


class OrganisationEditForm(OrganisationForm):
    class Meta(OrganisationForm.Meta):
        fields = [*OrganisationForm.Meta.fields, "is_listed"]
        labels = {"is_listed": _("Show us in the public directory")}
        help_texts = {
            **OrganisationForm.Meta.help_texts,
            "is_listed": _("Only approved organisations are shown."),
        }


class RepresentativeInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Representative.Role.choices,
        initial=Representative.Role.CONTACT,
        help_text=_("Administrators may also change the profile and the representatives."),
    )

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.organisation.representatives.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a representative."))
        return email


class VolunteerInviteForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    email = forms.EmailField(label=_("Email"))

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.organisation.memberships.filter(volunteer__email__iexact=email).exists():
            raise forms.ValidationError(_("This person already volunteers with you."))
        return email


class AccessRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the administrators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and what you do in the organisation."),
    )


class VolunteerFieldsForm(forms.ModelForm):
    """What a volunteer tells about themselves, without their languages; lists as checkboxes."""

    district = forms.ChoiceField(label=_("District"), choices=all_district_choices, required=False)
    roles = forms.MultipleChoiceField(
        label=_("What would you like to do?"),
        choices=Volunteer.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("When can you usually?"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=vocabulary.INTERESTS,
        widget=CheckboxList,
        required=False,
    )
    capacity = forms.TypedChoiceField(
        label=_("How many newcomers at the same time?"),
        choices=[(n, str(n)) for n in range(4)],
        coerce=int,
        initial=1,
    )

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "phone",
            "district",
            "postcode",
            "gender",
            "birth_year",
            "roles",
            "availability",
            "capacity",
            "interests",
            "profession",
            "sector",
            "about",
        ]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].required = True
        mark_autocomplete(self)
        limit_birth_year(self)

    def save(self, commit=True):
        from .districts import centroid

        volunteer = super().save(commit=False)
        volunteer.latitude, volunteer.longitude = centroid(volunteer.district)
        if commit:
            volunteer.save()
        return volunteer


class VolunteerProfileForm(VolunteerFieldsForm):
    """The volunteer's own profile: one level select per language the forms ask about."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = (self.instance.languages if self.instance else None) or {}
        names = dict(LANGUAGE_CHOICES)
        for code in FORM_LANGUAGES:
            self.fields[f"language_{code}"] = forms.ChoiceField(
                label=_("%(language)s: level") % {"language": names[code]},
                choices=LEVEL_CHOICES,
                required=False,
                initial=str(levels.get(code, "")),
            )

    def clean(self):
        cleaned = super().clean()
        languages = {
            code: int(cleaned[f"language_{code}"])
            for code in FORM_LANGUAGES
            if cleaned.get(f"language_{code}")
        }
        # Keep levels for languages the form does not ask about.
        for code, level in (self.instance.languages or {}).items():
            if code not in FORM_LANGUAGES:
                languages[code] = level
        if not languages:
            self.add_error(None, _("Tell us at least one language you speak."))
        self.instance.languages = languages
        return cleaned


class ConsentMixin(forms.Form):
    consent = forms.BooleanField(
        label=_("I have read the text above and agree that my information is stored for this."),
        required=True,
    )


class BecomeVolunteerForm(PublicFormMixin, VolunteerFieldsForm):
    """Anyone offers to volunteer, in short steps (samverka.core.steps)."""

    availability = forms.MultipleChoiceField(
        label=_("When can you usually?"),
        choices=AVAILABILITY_CHOICES,
        widget=AvailabilityGrid,
        required=False,
    )

    email = forms.EmailField(label=_("Email"))
    languages = LanguagePickerField()
    consent = ConsentMixin.base_fields["consent"]

    class Meta(VolunteerFieldsForm.Meta):
        fields = ["first_name", "last_name", "email", *VolunteerFieldsForm.Meta.fields[2:]]

    STEPS = (
        Step(
            pgettext_lazy("form step", "Your name and how to reach you"),
            ("first_name", "last_name", "email", "phone"),
        ),
        Step(
            pgettext_lazy("form step", "About you"),
            ("district", "postcode", "gender", "birth_year"),
        ),
        Step(pgettext_lazy("form step", "Languages you speak"), ("languages",)),
        Step(pgettext_lazy("form step", "How well you speak them"), ("language_*",)),
        Step(pgettext_lazy("form step", "What you would like to do"), ("roles", "capacity")),
        Step(pgettext_lazy("form step", "When you can"), ("availability",)),
        Step(pgettext_lazy("form step", "Your interests"), ("interests",)),
        Step(pgettext_lazy("form step", "Your work"), ("profession", "sector", "about")),
        Step(pgettext_lazy("form step", "Your consent"), ("consent",)),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        add_level_fields(self, label=_("%(language)s: level"))

    def clean(self):
        cleaned = super().clean()
        languages = picked_levels(self)
        if not cleaned.get("languages") and "languages" not in self.errors:
            self.add_error("languages", _("Tell us at least one language you speak."))
        self.instance.languages = languages
        return cleaned

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Volunteer.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Someone with this email has already signed up as a volunteer. "
                    "Log in to see your profile, or contact the municipality."
                )
            )
        return email


class AccountForm(PublicFormMixin, forms.Form):
    """A new account for someone who followed an invitation link: the link
    proves the email address, so there is no separate confirmation step."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email="", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(username=self.email, email=self.email)
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class VolunteerConsentForm(ConsentMixin):
    pass


def current_consent() -> ConsentVersion | None:
    return ConsentVersion.objects.current(Volunteer.CONSENT_PURPOSE)
