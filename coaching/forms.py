"""Forms of the counsellors' pages. The rules themselves live on the models; the forms
collect input, keep what was typed and show the models' messages beside the fields."""

from __future__ import annotations

from datetime import date

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Organisation
from samverka.people.models import Person
from samverka.people.outcomes import Outcome

from .models import MEETING_PLACE_MODEL, Case, CaseOutcome, Contact, Referral, actors_of


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


def meeting_place_model():
    return apps.get_model(MEETING_PLACE_MODEL)


def meeting_places_of(user):
    return meeting_place_model().objects.filter(staff_memberships__user=user).distinct()


def actors_of_user(user):
    return Organisation.objects.filter(actors_of(user)).distinct().order_by("name")


class CaseForm(forms.ModelForm):
    """Open a case: for a person already registered, or for a walk-in registered here."""

    person = forms.ModelChoiceField(
        label=_("Person already registered"),
        queryset=Person.objects.filter(anonymised_at__isnull=True),
        required=False,
        help_text=_("Or register a walk-in below."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Person.Gender.choices, initial=Person.Gender.UNSTATED
    )
    birth_year = forms.IntegerField(
        label=_("Birth year"), required=False, min_value=1900, max_value=date.today().year
    )
    date_of_settlement = forms.DateField(
        label=_("Settled in the municipality on"), required=False, widget=DateInput()
    )
    goals = forms.MultipleChoiceField(
        label=_("Goals"),
        choices=Case.Goal.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Case
        fields = [
            "actor",
            "meeting_place",
            "source",
            "referred_by",
            "goals",
            "started_on",
            "next_contact_on",
        ]
        widgets = {"started_on": DateInput(), "next_contact_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["actor"].queryset = actors_of_user(user)
        self.fields["meeting_place"].queryset = meeting_places_of(user)
        self.fields["referred_by"].queryset = Organisation.objects.approved().order_by("name")
        self.fields["person"].queryset = self.fields["person"].queryset.only(
            "pk", "first_name", "last_name"
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("first_name") or "").strip():
            self.add_error(
                "first_name", _("Choose a registered person or give the walk-in's first name.")
            )
        return cleaned

    def save(self, commit=True):
        raise NotImplementedError("use open_case()")

    def open_case(self) -> Case:
        """Save the person (a walk-in) and the case together, or neither."""
        from django.db import transaction

        data = self.cleaned_data
        with transaction.atomic():
            person = data.get("person")
            if person is None:
                person = Person(
                    first_name=data["first_name"].strip(),
                    last_name=(data.get("last_name") or "").strip(),
                    phone=data.get("phone") or "",
                    gender=data.get("gender") or Person.Gender.UNSTATED,
                    birth_year=data.get("birth_year"),
                    date_of_settlement=data.get("date_of_settlement"),
                )
                try:
                    person.full_clean()
                except ValidationError as error:
                    apply_errors(self, error)
                    raise
                person.save()
            case = self.instance
            case.person = person
            case.counsellor = self.user
            case.created_by = self.user
            case.goals = list(data.get("goals") or [])
            case.full_clean()
            case.save()
        return case


class ContactForm(forms.ModelForm):
    next_contact_on = forms.DateField(label=_("Next contact"), required=False, widget=DateInput())

    class Meta:
        model = Contact
        fields = ["date", "kind", "minutes", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["to_actor", "meeting_place", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["to_actor"].queryset = Organisation.objects.approved().order_by("name")
        self.fields["meeting_place"].queryset = (
            meeting_place_model()
            .objects.filter(Q(pk=case.meeting_place_id) | Q(staff_memberships__actor=case.actor))
            .distinct()
        )
        if not self.is_bound and case.meeting_place_id:
            self.initial.setdefault("meeting_place", case.meeting_place_id)

    def _post_clean(self):
        # Referral.send() validates the whole row (sender, receiver, meeting place).
        pass


class AnswerForm(forms.Form):
    class Action:
        ACCEPT = "accept"
        DECLINE = "decline"
        COMPLETE = "complete"

    action = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Action.ACCEPT, _("Accept")),
            (Action.DECLINE, _("Decline")),
            (Action.COMPLETE, _("Completed: tell the sender what became of it")),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer to the sender"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The sender reads this. Keep your own notes below."),
    )
    receiver_notes = forms.CharField(
        label=_("Our notes (only we read them)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    """Declining one referral or several: the sender is told why."""

    answer = forms.CharField(
        label=_("Why is the referral declined?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The sender reads this: say why, and where the person could turn instead."),
        error_messages={"required": _("Say briefly why the referral is declined.")},
    )


class CaseOutcomeForm(forms.ModelForm):
    class Meta:
        model = CaseOutcome
        fields = ["kind", "recorded_on", "job_start_date", "employer", "employer_name", "notes"]
        widgets = {
            "recorded_on": DateInput(),
            "job_start_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.case = case
        self.fields["kind"].choices = [
            (key, label) for key, label in Outcome.Kind.choices if key != Outcome.Kind.CONTINUED
        ]
        self.fields["employer"].queryset = Organisation.objects.approved().order_by("name")


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why is the case closed?"), choices=Case.CloseReason.choices)
    on = forms.DateField(
        label=_("Closed on"), widget=DateInput(), initial=timezone.localdate, required=False
    )


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        return cleaned
