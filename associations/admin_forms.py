"""Forms for the coordinators' Wagtail admin views."""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from samverka.people.models import ConsentVersion

from .districts import district_options
from .models import (
    AVAILABILITY_CHOICES,
    LANGUAGE_CHOICES,
    Organisation,
    Volunteer,
)


class OrganisationAdminForm(WagtailAdminModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    districts_served = forms.MultipleChoiceField(
        label=_("Districts served"),
        choices=district_options,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    activities = forms.MultipleChoiceField(
        label=_("Activities offered"),
        choices=Organisation.Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class VolunteerAdminForm(WagtailAdminModelForm):
    """A coordinator registers or edits a volunteer, possibly one with no email,
    and records that consent was signed on paper."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Volunteer.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("Availability"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent_on_paper = forms.BooleanField(
        label=_("Consent signed on paper"),
        required=False,
        help_text=_(
            "Tick when the person has signed the current consent text on paper. "
            "The version, the time and your name are stored."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        current = ConsentVersion.objects.current(Volunteer.CONSENT_PURPOSE)
        if not (self.instance.pk and self.instance.has_consent) and not cleaned.get(
            "consent_on_paper"
        ):
            self.add_error(
                "consent_on_paper",
                _("A volunteer can only be registered with their consent."),
            )
        if cleaned.get("consent_on_paper") and current is None:
            self.add_error("consent_on_paper", _("There is no consent text to agree to."))
        roles = set(cleaned.get("roles") or [])
        if (
            cleaned.get("status") == Volunteer.Status.VETTED
            and roles & Volunteer.ROLES_WITH_CHILDREN
            and not cleaned.get("criminal_record_checked_on")
        ):
            self.add_error(
                "criminal_record_checked_on",
                _("Enter the date you saw the extract from the criminal-records register."),
            )
        return cleaned

    def save(self, commit=True):
        volunteer = super().save(commit=False)
        if volunteer.pk is None:
            volunteer.source = Volunteer.Source.COORDINATOR
        if commit:
            volunteer.save()
            self._record_paper_consent()
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_consent():
                save_m2m()
                self._record_paper_consent()

            self.save_m2m = save_m2m_and_consent
        return volunteer

    def _record_paper_consent(self):
        # Added to the volunteer's history once the row exists; earlier consents stay.
        if self.cleaned_data.get("consent_on_paper"):
            self.instance.record_consent(
                ConsentVersion.objects.current(Volunteer.CONSENT_PURPOSE),
                Volunteer.ConsentMethod.PAPER,
                recorded_by=self.for_user,
            )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject")), ("suspend", _("Suspend"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Sent by email to the organisation's administrators. Required when you reject."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("message") or "").strip():
            self.add_error("message", _("Say why the organisation is rejected."))
        return cleaned


# --- CSV import --------------------------------------------------------------------

IMPORT_COLUMNS = [
    "name",
    "organisation_number",
    "kind",
    "description",
    "website",
    "email",
    "phone",
    "street_address",
    "postcode",
    "city",
    "district",
    "languages",
    "activities",
    "meeting_times",
    "contact_name",
    "contact_email",
    "contact_phone",
]
REQUIRED_COLUMNS = {"name", "organisation_number"}


def _lookup(choices) -> dict[str, str]:
    """Map each choice's value and its label in Swedish and English to the value."""
    table = {}
    for value, label in choices:
        table[str(value).lower()] = value
        for code in ("sv", "en"):
            with translation.override(code):
                table[str(label).lower()] = value
    return table


class OrganisationImportRowForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [column for column in IMPORT_COLUMNS if column not in {"languages", "activities"}]


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma or semicolon separated, with a header row. Columns: %(columns)s. "
            "Lists (languages, activities) are separated by “|”."
        )
        % {"columns": ", ".join(IMPORT_COLUMNS)},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 5 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8”.")
            ) from error


class ImportRow:
    def __init__(self, number, data, errors, instance=None):
        self.number = number
        self.data = data
        self.errors = errors
        self.instance = instance

    @property
    def name(self):
        return self.data.get("name", "")


def parse_organisation_csv(text: str) -> tuple[list[ImportRow], list[str]]:
    """Validate every row; return the rows (with their errors) and file-level errors.

    Nothing is saved here: the caller saves all rows in one transaction, and
    only when no row has an error.
    """
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = {(h or "").strip() for h in reader.fieldnames or []}
    missing = REQUIRED_COLUMNS - headers
    if missing:
        return [], [
            str(_("Missing columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))})
        ]
    kinds = _lookup(Organisation.Kind.choices)
    activities = _lookup(Organisation.Activity.choices)
    languages = _lookup(LANGUAGE_CHOICES)
    rows, seen_numbers = [], {}
    for number, raw in enumerate(reader, start=2):  # row 1 is the header
        data = {
            (key or "").strip(): (value or "").strip()
            for key, value in raw.items()
            if key and key.strip() in IMPORT_COLUMNS
        }
        errors = []
        kind = kinds.get(data.get("kind", "").lower() or "association")
        if kind is None:
            errors.append(str(_("Unknown kind “%(value)s”.") % {"value": data.get("kind")}))
        data_for_form = {**data, "kind": kind or ""}
        form = OrganisationImportRowForm(data_for_form)
        instance = None
        if form.is_valid():
            instance = form.save(commit=False)
        else:
            for field, field_errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                errors.extend(
                    f"{label}: {error}" if label else str(error) for error in field_errors
                )
        parsed = {}
        for column, table in (("languages", languages), ("activities", activities)):
            values = [item.strip() for item in data.get(column, "").split("|") if item.strip()]
            unknown = [value for value in values if value.lower() not in table]
            if unknown:
                errors.append(
                    str(
                        _("Unknown %(column)s: %(values)s")
                        % {"column": column, "values": ", ".join(unknown)}
                    )
                )
            parsed[column] = [table[value.lower()] for value in values if value.lower() in table]
        if instance is not None:
            instance.languages = parsed["languages"]
            instance.activities = parsed["activities"]
            instance.status = Organisation.Status.APPROVED
            instance.is_listed = True
            previous = seen_numbers.get(instance.organisation_number)
            if previous:
                errors.append(
                    str(_("The same organisation number as row %(row)s.") % {"row": previous})
                )
            seen_numbers.setdefault(instance.organisation_number, number)
        rows.append(ImportRow(number, data, errors, instance if not errors else None))
    if not rows:
        return [], [str(_("The file has no rows."))]
    return rows, []
