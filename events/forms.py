import uuid

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samverka.core.ids import IdChoiceField, IdField
from samverka.core.public_forms import PublicFormMixin

from .models import FeedbackResponse


class RegistrationForm(PublicFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("We send the confirmation and a reminder here."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("If you have no email. The organiser may call you."),
    )
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("Including yourself."),
    )
    language = forms.ChoiceField(label=_("Language for our messages"), choices=settings.LANGUAGES)
    access_needs = forms.CharField(
        label=_("Access needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example an interpreter, a wheelchair place or childcare."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organiser keeps my details for this event. Details of visitors "
            "without an account are removed after the event."
        ),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    field_order = [
        "name",
        "email",
        "phone",
        "people",
        "language",
        "access_needs",
        "consent",
        "homepage",
        "idempotency_key",
    ]

    def __init__(self, *args, user=None, language="sv", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].initial = language
        self.fields["idempotency_key"].initial = uuid.uuid4().hex
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        if user is not None and user.is_authenticated:
            # A logged-in person registers with their account's name and email.
            self.fields["name"].initial = user.get_full_name() or user.email
            self.fields["email"].initial = user.email
            self.fields["email"].disabled = True

    def clean(self):
        data = super().clean()
        anonymous = self.user is None or not self.user.is_authenticated
        if anonymous and not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(
                _("Give an email address or a phone number so that we can reach you.")
            )
        return data


class DelegateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("email") or data.get("phone")) and not data.get("name"):
            raise forms.ValidationError(_("Give the delegate's name."))
        return data


DelegateFormSet = forms.formset_factory(DelegateForm, extra=6, max_num=50)


class DelegatesForm(forms.Form):
    organisation = IdChoiceField(label=_("Organisation"), queryset=None)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["idempotency_key"].initial = uuid.uuid4().hex
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=50, initial=1)


class CheckInCodeForm(PublicFormMixin, forms.Form):
    code = forms.CharField(
        label=_("The code shown at the meeting place"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
    )
    date = IdField(widget=forms.HiddenInput, required=False)


class FeedbackForm(PublicFormMixin, forms.ModelForm):
    class Meta:
        model = FeedbackResponse
        fields = ["satisfaction", "job_knowledge", "comment"]
        widgets = {
            "satisfaction": forms.RadioSelect,
            "job_knowledge": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satisfaction"].choices = FeedbackResponse.Satisfaction.choices
        self.fields["job_knowledge"].choices = FeedbackResponse.Agreement.choices
        self.fields["job_knowledge"].required = False


class CancelForm(PublicFormMixin, forms.Form):
    """Cancelling by the emailed link: nothing to fill in but the guard's honeypot."""


class SurveyFilterForm(forms.Form):
    """The survey report's filters: period, kind of event, programme and each group
    (`surveys.DIMENSIONS`)."""

    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    programme = IdChoiceField(label=_("Programme"), queryset=None, required=False)

    def __init__(self, *args, municipalities=None, **kwargs):
        """``municipalities``: the home municipalities to offer ({id as text: name}), by
        default every one (the report offers those the user sees)."""
        from .models import EventPage, Programme
        from .surveys import DIMENSIONS

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("All kinds, each apart")),
            *EventPage.Category.choices,
        ]
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        for d in DIMENSIONS:
            labels = municipalities if d.key == "municipality" else None
            labels = d.labels() if labels is None else labels
            self.fields[f"group_{d.key}"] = forms.ChoiceField(
                label=d.label, required=False, choices=[("", _("All")), *labels.items()]
            )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period comes before its start."))
        return data

    def filters(self):
        from .reports import SurveyFilters
        from .surveys import DIMENSIONS

        data = self.cleaned_data if self.is_valid() else {}
        return SurveyFilters(
            start=data.get("start"),
            end=data.get("end"),
            kind=data.get("kind") or "",
            programme=data.get("programme"),
            groups={d.key: data.get(f"group_{d.key}") or "" for d in DIMENSIONS},
        )
