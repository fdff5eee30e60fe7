"""The coordinators' admin for events: dates with their registrations and
check-in, programmes with attendance and absence flags, feedback results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from samverka.core import audit
from samverka.core.listings import ExportingIndexView
from samverka.people.municipalities import (
    MunicipalityFilter,
    ScopedViewSetMixin,
    enrolment_candidates,
    organises,
    programme_municipality_ids,
    scope,
)

from . import attendance as attendance_report
from . import municipality_report  # noqa: F401  (figures per home municipality)
from .access import (
    ENROLMENT_SCOPE,
    PARTICIPANT_SCOPE,
    PROGRAMME_SCOPE,
    enrolments_for,
    get_programme_for,
)
from .codes import feedback_token
from .models import (
    Absence,
    AbsenceFlag,
    Enrolment,
    EnrolmentPause,
    EventOccurrence,
    FeedbackResponse,
    KioskPairing,
    Participant,
    Place,
    Programme,
    ProgrammeSlot,
    Registration,
)
from .notifications import survey_url
from .programme_forms import (
    AbsenceAdminForm,
    BookingViewMixin,
    BulkEnrolForm,
    EnrolmentAdminForm,
    EnrolmentImportForm,
    FlagDecisionForm,
    ProgrammeAdminForm,
    candidates_for,
    entries_of,
    parse_enrolment_rows,
)
from .report_views import course_report_view, survey_report
from .surveys import week_of

# --- Dates and registrations ------------------------------------------------------------


class OccurrenceIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event")
            .defer("event__body")
            .annotate(
                confirmed=Coalesce(
                    Sum("registrations__people", filter=Q(registrations__status="confirmed")), 0
                ),
                waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(
            0,
            ButtonMenuItem(
                _("Registrations"),
                url=reverse("events_admin:registrations", args=[instance.pk]),
                icon_name="list-ul",
                priority=5,
            ),
        )
        buttons.insert(
            1,
            ButtonMenuItem(
                _("Check-in list"),
                url=reverse("events:checkin_staff", args=[instance.pk]),
                icon_name="tick",
                priority=6,
            ),
        )
        return buttons


class OccurrenceViewSet(ModelViewSet):
    model = EventOccurrence
    icon = "date"
    menu_label = gettext_lazy("Event dates")
    index_view_class = OccurrenceIndexView
    list_display = [
        "event",
        DateColumn("start", label=gettext_lazy("Starts")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("confirmed", label=gettext_lazy("Confirmed seats")),
        Column("waiting", label=gettext_lazy("Waitlist")),
        Column("capacity", label=gettext_lazy("Seats"), accessor="effective_capacity"),
    ]
    list_filter = ["status", "event__category"]
    search_fields = ["event__title"]
    search_backend_name = None
    ordering = ["start"]
    form_fields = ["capacity", "topics", "organisations"]
    add_view_enabled = False
    copy_view_enabled = False


class RegistrationIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("occurrence__event", "organisation")


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "form"
    menu_label = gettext_lazy("Registrations")
    index_view_class = RegistrationIndexView
    list_display = [
        "name",
        "occurrence",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        "people",
        "email",
        "phone",
        "organisation",
        DateColumn("created_at", label=gettext_lazy("Registered")),
    ]
    list_filter = ["status", "occurrence__event__category"]
    search_fields = ["name", "email", "phone", "occurrence__event__title"]
    search_backend_name = None
    list_export = [
        "occurrence.event.title",
        "occurrence.start",
        "name",
        "email",
        "phone",
        "people",
        "language",
        "access_needs",
        "status",
        "organisation.name",
        "created_at",
    ]
    export_filename = "registrations"
    form_fields = ["name", "email", "phone", "people", "language", "access_needs"]
    add_view_enabled = False
    copy_view_enabled = False


# --- Programmes -----------------------------------------------------------------------


class FormViewSet(ModelViewSet):
    """A ModelViewSet whose form_fields are rendered with a custom base form."""

    edit_handler_form = None

    def get_edit_handler(self):
        if self.edit_handler_form is None:
            return super().get_edit_handler()
        return ObjectList(
            [FieldPanel(name) for name in self.form_fields], base_form_class=self.edit_handler_form
        ).bind_to_model(self.model)


class ProgrammeIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event", "coordinator")
            .annotate(
                enrolled=Count("enrolments", filter=Q(enrolments__ended_on__isnull=True)),
                flagged=Count("enrolments", filter=Q(enrolments__flagged_at__isnull=False)),
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(
            0,
            ButtonMenuItem(
                _("Attendance and flags"),
                url=reverse("events_admin:programme", args=[instance.pk]),
                icon_name="table",
                priority=5,
            ),
        )
        buttons.insert(
            1,
            ButtonMenuItem(
                _("Course report"),
                url=reverse("events_admin:course_report", args=[instance.pk]),
                icon_name="doc-full",
                priority=6,
            ),
        )
        extra = [
            (_("Enrol people"), "events_admin:enrol", "group", 6),
            (_("Import enrolments"), "events_admin:import_enrolments", "upload", 7),
            (_("Attendance per slot and week"), "events_admin:attendance", "table", 8),
        ]
        for n, (label, name, icon, priority) in enumerate(extra, start=2):
            buttons.insert(
                n,
                ButtonMenuItem(
                    label,
                    url=reverse(name, args=[instance.pk]),
                    icon_name=icon,
                    priority=priority,
                ),
            )
        buttons.append(
            ButtonMenuItem(
                _("Pair a check-in screen"),
                url=reverse("events:kiosk_pair") + f"?programme={instance.pk}",
                icon_name="mobile-alt",
                priority=9,
            )
        )
        return buttons


class ProgrammeViewSet(ScopedViewSetMixin, FormViewSet):
    municipality_paths = PROGRAMME_SCOPE
    # a shared course is seen by the municipalities it accepts, changed by its organiser's
    municipality_write_paths = ("organising_municipality",)
    model = Programme
    icon = "group"
    menu_label = gettext_lazy("Programmes")
    index_view_class = ProgrammeIndexView
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("enrolled", label=gettext_lazy("Enrolled")),
        Column("flagged", label=gettext_lazy("Flagged")),
        "absence_limit",
        BooleanColumn("is_private", label=gettext_lazy("Private")),
    ]
    form_fields = [
        "name",
        "kind",
        "event",
        "organising_municipality",
        "accepted_municipalities",
        "is_private",
        "coordinator",
        "absence_limit",
        "absence_reasons",
        "hours_goal",
        "description",
    ]

    edit_handler_form = ProgrammeAdminForm

    copy_view_enabled = False


class SlotIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("programme")
            .annotate(
                booked=Count("enrolments", filter=Q(enrolments__ended_on__isnull=True)),
            )
        )


class SlotViewSet(ScopedViewSetMixin, ModelViewSet):
    """A programme's weekly slots (weekday, time, room and places)."""

    # the course's municipalities see its slots; its organiser's change them
    municipality_paths = tuple(f"programme__{path}" for path in PROGRAMME_SCOPE)
    municipality_write_paths = ("programme__organising_municipality",)

    model = ProgrammeSlot
    icon = "time"
    menu_label = gettext_lazy("Slots")
    index_view_class = SlotIndexView
    list_display = [
        "programme",
        Column("weekday", label=gettext_lazy("Weekday"), accessor="get_weekday_display"),
        "starts_at",
        "room",
        "capacity",
        Column("booked", label=gettext_lazy("Booked")),
    ]
    list_filter = ["programme"]
    form_fields = ["programme", "weekday", "starts_at", "room", "capacity"]
    copy_view_enabled = False


class PauseIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("enrolment__participant__person", "enrolment__programme")
        )


class PauseViewSet(ScopedViewSetMixin, ModelViewSet):
    """Pauses (internship, illness, parental leave, a course): paused dates never
    count as absences."""

    municipality_paths = tuple(f"enrolment__{path}" for path in ENROLMENT_SCOPE)

    model = EnrolmentPause
    icon = "pause"
    menu_label = gettext_lazy("Pauses")
    index_view_class = PauseIndexView
    list_display = [
        "enrolment",
        Column("reason", label=gettext_lazy("Reason"), accessor="get_reason_display"),
        "starts_on",
        "ends_on",
        "note",
    ]
    list_filter = ["reason", "enrolment__programme"]
    form_fields = ["enrolment", "starts_on", "ends_on", "reason", "note"]
    copy_view_enabled = False


class FlagIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "enrolment__participant__person", "enrolment__programme", "decided_by", "run_start"
            )
        )


class FlagViewSet(ScopedViewSetMixin, FormViewSet):
    """Absence flags and what people decided (the platform only flags)."""

    # a resident's flags are seen by both municipalities, decided by the organiser's
    municipality_paths = tuple(f"enrolment__{path}" for path in ENROLMENT_SCOPE)
    municipality_write_paths = ("enrolment__programme__organising_municipality",)

    model = AbsenceFlag
    icon = "warning"
    menu_label = gettext_lazy("Absence flags")
    index_view_class = FlagIndexView
    list_display = [
        "enrolment",
        DateColumn("flagged_at", label=gettext_lazy("Flagged")),
        "streak",
        Column("decision", label=gettext_lazy("Decision"), accessor="get_decision_display"),
        "note",
        DateColumn("decided_at", label=gettext_lazy("Decided")),
    ]
    list_filter = ["decision", "enrolment__programme"]
    list_export = [
        "enrolment.participant.name",
        "enrolment.programme.name",
        "flagged_at",
        "streak",
        "decision",
        "note",
        "decided_by",
        "decided_at",
    ]
    export_filename = "absence-flags"
    form_fields = ["decision", "note"]
    add_view_enabled = False
    copy_view_enabled = False

    edit_handler_form = FlagDecisionForm


class KioskIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("programme", "occurrence__event", "paired_by")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active:
            buttons.insert(
                0,
                ButtonMenuItem(
                    _("Revoke"),
                    url=reverse("events_admin:kiosk_revoke", args=[instance.pk]),
                    icon_name="cross",
                    priority=5,
                ),
            )
        return buttons


class KioskViewSet(ModelViewSet):
    """Paired check-in screens. Pairing happens on the screen itself
    (events:kiosk_pair); here they are listed and revoked."""

    model = KioskPairing
    icon = "mobile-alt"
    menu_label = gettext_lazy("Check-in kiosks")
    index_view_class = KioskIndexView
    list_display = [
        "name",
        Column("target", label=gettext_lazy("For")),
        "paired_by",
        DateColumn("paired_at", label=gettext_lazy("Paired")),
        DateColumn("last_used_at", label=gettext_lazy("Last used")),
        DateColumn("revoked_at", label=gettext_lazy("Revoked")),
    ]
    form_fields = ["name"]
    add_view_enabled = False
    copy_view_enabled = False


class ParticipantViewSet(ScopedViewSetMixin, ModelViewSet):
    municipality_paths = PARTICIPANT_SCOPE
    model = Participant
    icon = "user"
    menu_label = gettext_lazy("Participants")
    list_display = [
        Column("name", label=gettext_lazy("Name")),
        Column("phone", label=gettext_lazy("Phone"), accessor="person.phone_display"),
        Column("email", label=gettext_lazy("Email")),
        Column("user", label=gettext_lazy("Account")),
    ]
    search_fields = ["person__first_name", "person__last_name", "person__phone", "person__email"]
    search_backend_name = None
    # Name, phone, email, language and account are edited on the Person (People).
    form_fields = ["person"]
    copy_view_enabled = False


class EnrolmentIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("programme", "participant__person")


class EnrolmentCreateView(BookingViewMixin, ModelViewSet.add_view_class):
    pass


class EnrolmentEditView(BookingViewMixin, ModelViewSet.edit_view_class):
    pass


class EnrolmentViewSet(ScopedViewSetMixin, FormViewSet):
    municipality_paths = ENROLMENT_SCOPE
    model = Enrolment
    icon = "list-ul"
    menu_label = gettext_lazy("Enrolments")
    index_view_class = EnrolmentIndexView
    list_display = [
        "participant",
        "programme",
        "enrolled_on",
        "checkin_code",
        "absence_streak",
        DateColumn("flagged_at", label=gettext_lazy("Flagged")),
    ]
    list_filter = ["programme", "ended_on"]
    search_fields = ["participant__person__first_name", "participant__person__last_name"]
    search_backend_name = None
    form_fields = ["programme", "participant", "slots", "enrolled_on", "ended_on", "flagged_at"]
    copy_view_enabled = False

    edit_handler_form = EnrolmentAdminForm
    add_view_class = EnrolmentCreateView
    edit_view_class = EnrolmentEditView


class AbsenceIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "enrolment__participant__person", "enrolment__programme", "occurrence__event"
            )
        )


class AbsenceViewSet(ScopedViewSetMixin, FormViewSet):
    """Absences are derived after each session; coordinators record the reason."""

    municipality_paths = tuple(f"enrolment__{path}" for path in ENROLMENT_SCOPE)
    # the reason counts for the organiser's flags: recorded by the organiser's coordinators
    municipality_write_paths = ("enrolment__programme__organising_municipality",)

    model = Absence
    icon = "warning"
    menu_label = gettext_lazy("Absences")
    index_view_class = AbsenceIndexView
    list_display = [
        Column("participant", label=gettext_lazy("Participant"), accessor="enrolment.participant"),
        "occurrence",
        Column("reason", label=gettext_lazy("Reason"), accessor="get_reason_display"),
        "note",
    ]
    list_filter = ["reason", "enrolment__programme"]
    search_fields = [
        "enrolment__participant__person__first_name",
        "enrolment__participant__person__last_name",
    ]
    search_backend_name = None
    form_fields = ["reason", "note"]
    add_view_enabled = False
    copy_view_enabled = False

    edit_handler_form = AbsenceAdminForm


class FeedbackIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "programme").defer("event__body")


class FeedbackViewSet(ScopedViewSetMixin, ModelViewSet):
    """Single anonymous answers (comments to read). No groups here: a listing of single
    answers by gender would show small groups; the survey results split them safely."""

    municipality_paths = tuple(f"programme__{path}" for path in PROGRAMME_SCOPE)
    municipality_unassigned = "programme"  # feedback on public events belongs to no one
    model = FeedbackResponse
    icon = "pick"
    index_view_class = FeedbackIndexView
    menu_label = gettext_lazy("Feedback")
    list_display = [
        "event",
        Column("kind", label=gettext_lazy("Kind of event"), accessor="get_kind_display"),
        Column("week", label=gettext_lazy("Week"), accessor="week_label"),
        "satisfaction",
        "job_knowledge",
        "comment",
    ]
    list_filter = ["kind", "programme", "satisfaction"]
    list_export = [
        "event.title",
        "programme.name",
        "kind",
        "week",
        "satisfaction",
        "job_knowledge",
        "comment",
    ]
    export_filename = "feedback"
    form_fields = ["satisfaction", "job_knowledge", "comment"]
    add_view_enabled = False
    copy_view_enabled = False


class EventsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Events")
    menu_icon = "date"
    menu_order = 210
    items = (
        OccurrenceViewSet,
        RegistrationViewSet,
        ProgrammeViewSet,
        SlotViewSet,
        ParticipantViewSet,
        EnrolmentViewSet,
        PauseViewSet,
        AbsenceViewSet,
        FlagViewSet,
        KioskViewSet,
        FeedbackViewSet,
    )


class PlaceViewSet(ModelViewSet):
    """events' own places, where the place model is not swapped for the site's (issue 20)."""

    model = Place
    name = "event_places"  # not "place": a host may have its own
    icon = "site"
    menu_label = gettext_lazy("Places")
    list_display = ["title", "address"]
    search_fields = ["title", "address"]
    search_backend_name = None
    form_fields = ["title", "address"]
    copy_view_enabled = False


if not Place._meta.swapped:
    EventsGroup.items += (PlaceViewSet,)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return EventsGroup()


# --- Reports --------------------------------------------------------------------------


def occurrence_registrations(request, pk):
    if not request.user.has_perm("events.view_registration"):
        raise PermissionDenied
    occurrence = get_object_or_404(EventOccurrence.objects.select_related("event"), pk=pk)
    registrations = occurrence.registrations.select_related("organisation").order_by(
        "status", "created_at"
    )
    present = set(
        occurrence.attendance.exclude(registration=None).values_list("registration_id", flat=True)
    )
    return TemplateResponse(
        request,
        "events/admin/registrations.html",
        {
            "occurrence": occurrence,
            "registrations": registrations,
            "present": present,
            "confirmed": occurrence.confirmed_seats(),
            "attendance": occurrence.attendance.aggregate(n=Coalesce(Sum("people"), 0))["n"],
            "feedback": FeedbackResponse.objects.filter(
                event=occurrence.event, week=week_of(timezone.localdate(occurrence.start))
            ).summary(),
            "feedback_url": request.build_absolute_uri(
                reverse("events:feedback", args=[feedback_token("o", occurrence.pk)])
            ),
        },
    )


def programme_report(request, pk):
    if not request.user.has_perm("events.view_enrolment"):
        raise PermissionDenied
    programme = get_programme_for(request.user, pk)  # 404 for another municipality's
    if request.method == "POST":
        if not request.user.has_perm("events.change_enrolment"):
            raise PermissionDenied
        if not organises(request.user, programme):
            raise PermissionDenied  # only the organiser runs the course (issue 12)
        if request.POST.get("action") == "evaluate":
            flagged = programme.evaluate()
            messages.success(
                request, _("Absences updated; %(n)s newly flagged.") % {"n": len(flagged)}
            )
        elif request.POST.get("action") == "clear":
            enrolments_for(request.user, programme).filter(pk=request.POST.get("enrolment")).update(
                flagged_at=None
            )
            messages.success(request, _("Flag cleared."))
        return redirect("events_admin:programme", pk=programme.pk)
    hours = programme.hours_by_participant()
    enrolments = list(
        enrolments_for(request.user, programme)
        .select_related("participant__person")
        .order_by("-flagged_at", "participant__person__first_name")
    )
    for enrolment in enrolments:
        enrolment.hours = hours.get(enrolment.participant_id, 0)
        enrolment.feedback_url = survey_url(enrolment)
        enrolment.progress = (
            min(100, int(enrolment.hours * 100 / programme.hours_goal))
            if programme.hours_goal
            else None
        )
    sessions = programme.sessions()
    return TemplateResponse(
        request,
        "events/admin/programme.html",
        {
            "programme": programme,
            "enrolments": enrolments,
            "session_count": sessions.count(),
            "organises": organises(request.user, programme),
            "feedback": municipality_report.answers_for(
                request.user,
                FeedbackResponse.objects.filter(Q(programme=programme) | Q(event=programme.event)),
            ).summary(),
        },
    )


def _programme_for(request, pk, perm="events.add_enrolment"):
    """A programme of the coordinator's municipalities (404 otherwise), if they may `perm`."""
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_programme_for(request.user, pk)


def enrol_people(request, pk):
    """Enrol many people at once: search, tick (or take everyone listed), choose slots."""
    programme = _programme_for(request, pk)
    query = request.GET.get("q", "").strip()
    # the people the user coordinates whose home municipality the course accepts
    candidates = enrolment_candidates(request.user, programme, candidates_for(programme, query))
    # At most 500 listed (narrow the search for more); the field's queryset is not a
    # slice, so that ticked people can be looked up in it.
    listed = candidates.filter(pk__in=list(candidates.values_list("pk", flat=True)[:500]))
    form = BulkEnrolForm(request.POST or None, programme=programme, candidates=listed)
    if request.method == "POST" and form.is_valid():
        try:
            enrolments = programme.enrol_many(form.entries(), by=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            for enrolment in enrolments:
                audit.log(
                    enrolment,
                    audit.IMPORT,
                    user=request.user,
                    source=_("bulk enrolment"),
                    count=len(enrolments),
                )
            messages.success(request, _("%(count)d people enrolled.") % {"count": len(enrolments)})
            return redirect("events_admin:programme", pk=programme.pk)
    return TemplateResponse(
        request,
        "events/admin/enrol.html",
        {"programme": programme, "form": form, "query": query, "count": candidates.count()},
    )


def import_enrolments(request, pk):
    """CSV or Excel: every row is checked first; nothing is saved if any row is wrong."""
    from samverka.people.models import Person

    programme = _programme_for(request, pk)
    form = EnrolmentImportForm(request.POST or None, request.FILES or None)
    rows, file_errors = [], []
    if request.method == "POST" and form.is_valid():
        rows, file_errors = parse_enrolment_rows(
            programme,
            form.cleaned_data["file"],
            # whom the user may see; one the course does not accept gets enrol_many's message
            scope(Person.objects.all(), request.user, ("home_municipality",)),
        )
        if rows and not file_errors and not any(row.errors for row in rows):
            try:
                enrolments = programme.enrol_many(entries_of(rows), by=request.user)
            except ValidationError as error:
                file_errors = error.messages
            else:
                source = request.FILES["file"].name
                for enrolment in enrolments:
                    audit.log(
                        enrolment,
                        audit.IMPORT,
                        user=request.user,
                        source=source,
                        count=len(enrolments),
                    )
                messages.success(
                    request, _("%(count)d people enrolled.") % {"count": len(enrolments)}
                )
                return redirect("events_admin:programme", pk=programme.pk)
    return TemplateResponse(
        request,
        "events/admin/import_enrolments.html",
        {
            "programme": programme,
            "form": form,
            "rows": rows,
            "file_errors": file_errors,
            "error_count": sum(1 for row in rows if row.errors),
        },
        status=400 if (file_errors or any(row.errors for row in rows)) else 200,
    )


def attendance_view(request, pk):
    """Attendance per slot and week, with a chart and CSV/Excel downloads."""
    programme = _programme_for(request, pk, "events.view_enrolment")
    dimensions = [d for d in request.GET.getlist("by") if d in attendance_report.DIMENSION_NAMES]
    # the participants the user sees (a sending municipality: its residents), narrowed by the
    # municipality filter (404 for a municipality whose residents they do not see)
    chosen = MunicipalityFilter(request, programme_municipality_ids(request.user, programme))
    enrolments = attendance_report.visible_enrolments(request.user, programme, chosen.selected)
    rows = attendance_report.attendance_by_slot_and_week(
        programme, dimensions, enrolments=enrolments
    )
    table = attendance_report.as_table(rows)
    header = attendance_report.header(dimensions)
    flags = list(attendance_report.flags(programme, enrolments))
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        sheets = [
            (str(_("Attendance")), header, table),
            (
                str(_("Absence flags")),
                attendance_report.flag_header(),
                attendance_report.flag_table(flags),
            ),
        ]
        from samverka.core.audit import log_export

        log_export(
            Enrolment,
            request.user,
            listing=_("Attendance per slot and week"),
            export_format=export,
            count=len(table),
            filters=request.GET.urlencode(),
        )
        return _spreadsheet(sheets, export, f"attendance-{programme.pk}")
    weeks = attendance_report.weekly_rates(rows)
    return TemplateResponse(
        request,
        "events/admin/attendance.html",
        {
            "programme": programme,
            "header": header,
            "table": table,
            "weeks": weeks,
            "chart_width": max(len(weeks), 1) * 40,
            "flags": flags,
            "municipality_filter": chosen,
            "dimensions": [
                (name, attendance_report.dimension(name).label, name in dimensions)
                for name in attendance_report.DIMENSION_NAMES
            ],
            "query": request.GET.urlencode(),
        },
    )


def _spreadsheet(sheets, export_format, filename):
    import csv
    import io

    from django.http import HttpResponse

    if export_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for n, (title, header, rows) in enumerate(sheets):
            if n:
                writer.writerow([])
            writer.writerow([title])
            writer.writerow(header)
            writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for title, header, rows in sheets:
            sheet = book.create_sheet(title[:31])
            sheet.append(header)
            for row in rows:
                sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    return response


def revoke_kiosk(request, pk):
    """Revoke a screen's pairing (logged); the screen refuses check-ins at once."""
    if not request.user.has_perm("events.change_kioskpairing"):
        raise PermissionDenied
    pairing = get_object_or_404(KioskPairing, pk=pk)
    if request.method == "POST":
        pairing.revoke(request.user)
        messages.success(
            request,
            _("The screen “%(name)s” can no longer check people in.") % {"name": pairing.name},
        )
        return redirect("kioskpairing:index")
    return TemplateResponse(request, "events/admin/kiosk_revoke.html", {"pairing": pairing})


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("dates/<int:pk>/registrations/", occurrence_registrations, name="registrations"),
        path("programmes/<int:pk>/", programme_report, name="programme"),
        path("feedback/", survey_report, name="feedback"),
        path("programmes/<int:pk>/course/", course_report_view, name="course_report"),
        path("programmes/<int:pk>/enrol/", enrol_people, name="enrol"),
        path("programmes/<int:pk>/import/", import_enrolments, name="import_enrolments"),
        path("programmes/<int:pk>/attendance/", attendance_view, name="attendance"),
        path("kiosks/<int:pk>/revoke/", revoke_kiosk, name="kiosk_revoke"),
    ]
    return [path("events/", include((urls, "events_admin")))]


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    from wagtail.admin.menu import MenuItem

    class FeedbackResultsMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("events.view_feedbackresponse")

    return FeedbackResultsMenuItem(
        gettext_lazy("Feedback results"),
        reverse("events_admin:feedback"),
        icon_name="pick",
        order=215,
    )
