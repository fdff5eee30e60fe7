"""Coordinators' forms for programmes: the programme itself, enrolments with
slots, absences, flag decisions, bulk enrolment and the CSV/Excel import.

(events/admin_forms.py is imported by models.py; these forms import the models,
so they live here.)"""

from __future__ import annotations

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from samverka.people import phones
from samverka.people.models import Person

from .models import Absence, ProgrammeSlot, SlotFull

REASON_CHOICES = [
    (value, label) for value, label in Absence.Reason.choices if value != Absence.Reason.NONE
]


class ProgrammeAdminForm(WagtailAdminModelForm):
    absence_reasons = forms.MultipleChoiceField(
        label=_("Valid absence reasons"),
        choices=REASON_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The reasons coordinators may record. An absence with one of them neither "
            "counts nor breaks a run. None ticked: all of them."
        ),
    )


class EnrolmentAdminForm(WagtailAdminModelForm):
    """Slots are checked against their places here and again, under a row lock,
    when they are saved (Enrolment.book)."""

    slots = forms.ModelMultipleChoiceField(
        label=_("Slots"),
        queryset=ProgrammeSlot.objects.select_related("programme"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        programme, slots = cleaned.get("programme"), cleaned.get("slots") or []
        if programme is not None:
            wrong = [slot for slot in slots if slot.programme_id != programme.pk]
            if wrong:
                self.add_error("slots", _("Choose slots of the enrolment's own programme."))
            full = [slot for slot in slots if _is_full(slot, self.instance)]
            if full:
                self.add_error(
                    "slots",
                    _("No places left in %(slots)s.") % {"slots": ", ".join(map(str, full))},
                )
        return cleaned

    def _save_m2m(self):
        slots = self.cleaned_data.pop("slots", [])
        super()._save_m2m()
        self.instance.book(slots)


class BookingViewMixin:
    """The add and edit views of enrolments. The form checks the slots' places, and
    `Enrolment.book` checks them again under a row lock when they are saved: a place taken
    by another coordinator in between is a message on the form, which keeps what was typed,
    and nothing of the enrolment is saved (the view's transaction is rolled back)."""

    def form_valid(self, form):
        adding = form.instance._state.adding
        try:
            return super().form_valid(form)
        except SlotFull as error:
            if adding:  # the rolled-back row's id must not stay on the form's instance
                form.instance.pk = None
                form.instance._state.adding = True
            form.add_error("slots", error)
            # as Wagtail's own validation does: "could not be saved" above the form
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _is_full(slot, enrolment) -> bool:
    if slot.capacity is None:
        return False
    taken = slot.enrolments.filter(ended_on__isnull=True).exclude(pk=enrolment.pk).count()
    return taken >= slot.capacity


class AbsenceAdminForm(WagtailAdminModelForm):
    """Only the reasons the programme accepts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "reason" in self.fields:
            self.fields["reason"].choices = self.instance.enrolment.programme.reason_choices()


class FlagDecisionForm(WagtailAdminModelForm):
    def save(self, commit=True):
        flag = super().save(commit=False)
        flag.decide(self.cleaned_data["decision"], self.cleaned_data.get("note", ""), self.for_user)
        return flag


# --- Bulk enrolment ---------------------------------------------------------------------


class BulkEnrolForm(forms.Form):
    """Tick people from a searchable list (or everyone listed) and their slots."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    everyone_listed = forms.BooleanField(label=_("Enrol everyone in the list"), required=False)
    slots = forms.ModelMultipleChoiceField(
        label=_("Slots"),
        queryset=ProgrammeSlot.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    enrolled_on = forms.DateField(label=_("Enrolled on"), initial=timezone.localdate)

    def __init__(self, *args, programme, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.candidates = candidates
        self.fields["people"].queryset = candidates
        self.fields["slots"].queryset = programme.slots.all()

    def clean(self):
        cleaned = super().clean()
        people = list(self.candidates) if cleaned.get("everyone_listed") else cleaned.get("people")
        if not people:
            raise ValidationError(_("Choose at least one person."))
        if self.programme.slots.exists() and not cleaned.get("slots"):
            self.add_error("slots", _("Choose at least one slot."))
        cleaned["people"] = list(people)
        return cleaned

    def entries(self):
        slots = list(self.cleaned_data["slots"])
        on = self.cleaned_data["enrolled_on"]
        return [(person, slots, on) for person in self.cleaned_data["people"]]


def candidates_for(programme, query: str = ""):
    """People not yet enrolled in the programme, matching a search."""
    people = (
        Person.objects.filter(anonymised_at__isnull=True)
        .exclude(participant__enrolments__programme=programme)
        .order_by("first_name", "last_name", "pk")
    )
    for word in query.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(phone__icontains=phones.normalise(word) or word)
            | Q(email__icontains=word)
            | Q(district__icontains=word)
        )
    return people


# --- Import -------------------------------------------------------------------------------

IMPORT_COLUMNS = ["person", "slots", "enrolled_on"]


class EnrolmentImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "A header row and the columns person (phone number, email or person number "
            "in Samverka), slots (for example “tue 09:00|thu 09:00”) and, optionally, "
            "enrolled_on (YYYY-MM-DD)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 5 MB."))
        name = upload.name.lower()
        if name.endswith(".xlsx"):
            return _read_xlsx(upload)
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8” or as Excel (.xlsx).")
            ) from error
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [list(row) for row in csv.reader(io.StringIO(text), dialect=dialect)]


def _read_xlsx(upload) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # noqa: BLE001 - any unreadable workbook gets the same answer
        raise ValidationError(_("The Excel file could not be read.")) from error
    rows = []
    for values in sheet.iter_rows(values_only=True):
        row = []
        for value in values:
            if value is None:
                row.append("")
            elif hasattr(value, "date") and not isinstance(value, str):
                row.append(value.date().isoformat() if hasattr(value, "hour") else str(value))
            elif isinstance(value, float) and value.is_integer():
                row.append(str(int(value)))
            else:
                row.append(str(value))
        rows.append(row)
    return rows


class ImportRow:
    def __init__(self, number, person_text):
        self.number = number
        self.person_text = person_text
        self.errors: list[str] = []
        self.person = None
        self.slots: list = []
        self.enrolled_on = None

    @property
    def name(self):
        return self.person.full_name if self.person else self.person_text


def parse_enrolment_rows(programme, table, people=None) -> tuple[list[ImportRow], list[str]]:
    """Validate every row; nothing is saved here (Programme.enrol_many saves all
    rows in one transaction, and only when no row has an error)."""
    table = [row for row in table if any((cell or "").strip() for cell in row)]
    if not table:
        return [], [str(_("The file has no rows."))]
    headers = [(cell or "").strip().lower() for cell in table[0]]
    missing = [column for column in ("person", "slots") if column not in headers]
    if missing:
        return [], [str(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})]
    index = {name: headers.index(name) for name in IMPORT_COLUMNS if name in headers}

    def cell(row, name):
        at = index.get(name)
        return (row[at] if at is not None and at < len(row) else "").strip()

    body = table[1:]
    if not body:
        return [], [str(_("The file has no rows."))]
    keys = [cell(row, "person") for row in body]
    people = _people_for(keys, people)  # `people`: whom the importer may see
    enrolled = set(programme.enrolments.values_list("participant__person_id", flat=True))
    rows, seen = [], {}
    for number, raw in enumerate(body, start=2):
        row = ImportRow(number, cell(raw, "person"))
        person = people.get(row.person_text.lower())
        if not row.person_text:
            row.errors.append(str(_("No person given.")))
        elif person is None:
            row.errors.append(str(_("Unknown person “%(value)s”.") % {"value": row.person_text}))
        else:
            row.person = person
            if person.pk in enrolled:
                row.errors.append(str(_("Already enrolled in this programme.")))
            if person.pk in seen:
                row.errors.append(
                    str(_("The same person as row %(row)s.") % {"row": seen[person.pk]})
                )
            seen.setdefault(person.pk, number)
        for text in [t for t in cell(raw, "slots").split("|") if t.strip()]:
            slot = ProgrammeSlot.parse(programme, text)
            if slot is None:
                row.errors.append(str(_("Unknown slot “%(value)s”.") % {"value": text.strip()}))
            else:
                row.slots.append(slot)
        if not row.slots and programme.slots.exists() and not row.errors:
            row.errors.append(str(_("No slot given.")))
        on = cell(raw, "enrolled_on")
        if on:
            try:
                row.enrolled_on = forms.DateField().clean(on)
            except ValidationError:
                row.errors.append(str(_("Not a date: “%(value)s”.") % {"value": on}))
        rows.append(row)
    _check_places(programme, rows)
    return rows, []


def _people_for(keys, people=None) -> dict[str, Person]:
    """People by the phone, email or id given in the file, in three queries."""
    found: dict[str, Person] = {}
    by_phone = {phones.normalise(k): k for k in keys if k and "@" not in k and len(k) > 6}
    by_email = {k.lower(): k for k in keys if "@" in k}
    by_id = {int(k): k for k in keys if k.isdigit() and len(k) <= 6}
    live = (Person.objects if people is None else people).filter(anonymised_at__isnull=True)
    for person in live.filter(phone__in=[p for p in by_phone if p]):
        key = by_phone.get(person.phone.as_e164 if person.phone else "")
        if key:
            found[key.lower()] = person
    for person in live.filter(email__in=list(by_email)):
        found[by_email[person.email.lower()].lower()] = person
    for person in live.filter(pk__in=list(by_id)):
        found[by_id[person.pk].lower()] = person
    return found


def _check_places(programme, rows) -> None:
    """Mark the rows that would take a slot past its places."""
    wanted: dict[int, int] = {}
    left = {}
    for slot in programme.slots.all():
        if slot.capacity is not None:
            left[slot.pk] = slot.capacity - slot.enrolments.filter(ended_on__isnull=True).count()
    for row in rows:
        for slot in row.slots:
            wanted[slot.pk] = wanted.get(slot.pk, 0) + 1
            if slot.pk in left and wanted[slot.pk] > left[slot.pk]:
                row.errors.append(
                    str(
                        _("%(slot)s is full (%(places)s places).")
                        % {"slot": slot, "places": slot.capacity}
                    )
                )


def entries_of(rows):
    return [(row.person, row.slots, row.enrolled_on) for row in rows]
