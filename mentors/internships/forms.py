from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from associations.districts import all_district_choices
from associations.models import (
    AVAILABILITY_CHOICES,
    LANGUAGE_CHOICES,
)

from .models import ContactLogEntry, FollowUp, Internship, InternshipPlace, Outcome

WORK_LANGUAGES = [(c, n) for c, n in LANGUAGE_CHOICES]
SLOT_CHOICES = AVAILABILITY_CHOICES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def apply_errors(form, error: ValidationError):
    """Attach a model ValidationError to the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class PlaceForm(forms.ModelForm):
    """A place as an employer's representative or a coordinator describes it."""

    competences_text = forms.CharField(
        label=_("Competences needed"),
        required=False,
        help_text=_("Separate with commas, for example: truck licence, customer service."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages used at work"),
        choices=WORK_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        initial=["sv"],
    )
    district = forms.ChoiceField(label=_("District"), choices=all_district_choices, required=False)
    work_slots = forms.MultipleChoiceField(
        label=_("Working hours"),
        choices=SLOT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = InternshipPlace
        fields = [
            "title",
            "occupation",
            "sector",
            "description",
            "languages",
            "district",
            "starts_on",
            "ends_on",
            "hours_per_week",
            "work_slots",
            "number_of_places",
            "supervisor_name",
            "supervisor_email",
            "supervisor_phone",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    field_order = ["title", "occupation", "sector", "description", "competences_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["competences_text"].initial = ", ".join(self.instance.competences)
        elif not self.is_bound:
            self.fields["work_slots"].initial = list(
                InternshipPlace._meta.get_field("work_slots").get_default()
            )

    def clean(self):
        data = super().clean()
        self.instance.competences = [
            c.strip() for c in (data.get("competences_text") or "").split(",") if c.strip()
        ]
        return data


class PlaceAdminForm(WagtailAdminModelForm):
    """The place in the Wagtail admin: lists as checkboxes and comma-separated text."""

    competences = forms.CharField(
        label=_("Competences needed"),
        required=False,
        help_text=_("Separate with commas, for example: truck licence, customer service."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages used at work"),
        choices=WORK_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    work_slots = forms.MultipleChoiceField(
        label=_("Working hours"),
        choices=SLOT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["competences"] = ", ".join(self.instance.competences or [])

    def clean_competences(self):
        value = self.cleaned_data.get("competences") or ""
        return [c.strip() for c in value.split(",") if c.strip()]


class InternshipForm(forms.ModelForm):
    """A coordinator places a newcomer at a place."""

    class Meta:
        model = Internship
        fields = [
            "newcomer",
            "place",
            "start_date",
            "end_date",
            "hours_per_week",
            "supervisor_name",
            "supervisor_email",
            "supervisor_phone",
            "plan",
            "goals",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "plan": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "supervisor_name": _("Leave empty to use the place's supervisor."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = (
            InternshipPlace.objects.approved()
            .exclude(status=InternshipPlace.Status.CLOSED)
            .select_related("employer")
        )
        self.fields["hours_per_week"].required = False

    def _post_clean(self):
        # The model's own checks run in `Internship.objects.place`, under the
        # place's row lock; running them here too would check capacity unlocked.
        pass

    def save(self, coordinator=None):
        data = self.cleaned_data
        try:
            return Internship.objects.place(
                newcomer=data["newcomer"],
                place=data["place"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                coordinator=coordinator,
                hours_per_week=data.get("hours_per_week"),
                supervisor_name=data.get("supervisor_name", ""),
                supervisor_email=data.get("supervisor_email", ""),
                supervisor_phone=data.get("supervisor_phone", ""),
                plan=data.get("plan", ""),
                goals=data.get("goals", ""),
            )
        except ValidationError as error:
            apply_errors(self, error)
            return None


class DetailsForm(forms.ModelForm):
    """A coordinator changes an internship's dates, hours, supervisor, plan and goals."""

    class Meta:
        model = Internship
        fields = [
            "start_date",
            "end_date",
            "hours_per_week",
            "supervisor_name",
            "supervisor_email",
            "supervisor_phone",
            "plan",
            "goals",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "plan": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        # The rules run in `Internship.change_details`, with the newcomer's row locked.
        pass

    def save(self, commit=True):
        try:
            self.instance.change_details(**self.cleaned_data)
        except ValidationError as error:
            self.instance.refresh_from_db()
            apply_errors(self, error)
            return None
        return self.instance


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = [
            "completed_on",
            "rating",
            "attendance",
            "goals_progress",
            "newcomer_view",
            "supervisor_view",
            "mentor_view",
            "next_steps",
        ]
        widgets = {
            "completed_on": DateInput(),
            "rating": forms.RadioSelect,
            "attendance": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in (
                    "goals_progress",
                    "newcomer_view",
                    "supervisor_view",
                    "mentor_view",
                    "next_steps",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].required = True
        self.fields["rating"].required = True
        self.fields["rating"].choices = FollowUp.Rating.choices
        self.fields["attendance"].choices = FollowUp.Attendance.choices

    def save_as(self, user):
        with transaction.atomic():
            follow_up = super().save(commit=False)
            follow_up.completed_by = user
            follow_up.save()
        return follow_up


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactLogEntry
        fields = ["date", "party", "channel", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["checkpoint", "kind", "recorded_on", "job_start_date", "employer_name", "notes"]
        widgets = {
            "recorded_on": DateInput(),
            "job_start_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, internship=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.internship = internship

    def validate_unique(self):
        # A second outcome at the same checkpoint replaces the first (see the view).
        pass


class StatusForm(forms.Form):
    class Action:
        START = "start"
        COMPLETE = "complete"
        INTERRUPT = "interrupt"
        CANCEL = "cancel"

    action = forms.ChoiceField(
        label=_("Change"),
        choices=[
            (Action.START, _("The internship has started")),
            (Action.COMPLETE, _("Completed as planned")),
            (Action.INTERRUPT, _("Ended early")),
            (Action.CANCEL, _("Cancelled before it started")),
        ],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    reason = forms.CharField(
        label=_("Why it ended early"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def apply(self, internship) -> bool:
        action = self.cleaned_data["action"]
        try:
            if action == self.Action.START:
                internship.start()
            elif action == self.Action.CANCEL:
                internship.cancel()
            else:
                internship.finish(
                    self.cleaned_data.get("on"),
                    early=action == self.Action.INTERRUPT,
                    reason=self.cleaned_data.get("reason", ""),
                )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "end_reason" in error.error_dict:
                self.add_error("reason", error.error_dict["end_reason"])
            else:
                apply_errors(self, error)
            return False
        return True


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    granularity = forms.ChoiceField(
        label=_("Per"),
        choices=[("month", _("month")), ("quarter", _("quarter")), ("year", _("year"))],
        initial="month",
    )
    checkpoint = forms.ChoiceField(
        label=_("Outcomes counted"), choices=Outcome.Checkpoint.choices, initial="end"
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("The period cannot end before it starts."))
        return data
