"""The coordinators' admin for events: dates with their registrations and
check-in, programmes with attendance and absence flags, feedback results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from samverka.core.listings import ExportingIndexView

from .codes import feedback_token
from .models import (
    Absence,
    Enrolment,
    EventOccurrence,
    EventPage,
    FeedbackResponse,
    Participant,
    Place,
    Programme,
    Registration,
)

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
    form_fields = ["capacity"]
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
        return buttons


class ProgrammeViewSet(ModelViewSet):
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
    ]
    form_fields = [
        "name",
        "kind",
        "event",
        "coordinator",
        "absence_limit",
        "hours_goal",
        "description",
    ]
    copy_view_enabled = False


class ParticipantViewSet(ModelViewSet):
    model = Participant
    icon = "user"
    menu_label = gettext_lazy("Participants")
    list_display = [
        "name",
        Column("phone", label=gettext_lazy("Phone"), accessor="person.phone_display"),
        "email",
        "user",
    ]
    search_fields = ["person__first_name", "person__last_name", "person__phone", "person__email"]
    search_backend_name = None
    # Name, phone, email, language and account are edited on the Person (People).
    form_fields = ["person"]
    copy_view_enabled = False


class EnrolmentIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("programme", "participant__person")


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "list-ul"
    menu_label = gettext_lazy("Enrolments")
    index_view_class = EnrolmentIndexView
    list_display = [
        "participant",
        "programme",
        "enrolled_on",
        "absence_streak",
        DateColumn("flagged_at", label=gettext_lazy("Flagged")),
    ]
    list_filter = ["programme", "ended_on"]
    search_fields = ["participant__person__first_name", "participant__person__last_name"]
    search_backend_name = None
    form_fields = ["programme", "participant", "enrolled_on", "ended_on", "flagged_at"]
    copy_view_enabled = False


class AbsenceIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "enrolment__participant__person", "enrolment__programme", "occurrence__event"
            )
        )


class AbsenceViewSet(ModelViewSet):
    """Absences are derived after each session; coordinators record the reason."""

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


class FeedbackIndexView(ExportingIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "programme")


class FeedbackViewSet(ModelViewSet):
    model = FeedbackResponse
    icon = "pick"
    index_view_class = FeedbackIndexView
    menu_label = gettext_lazy("Feedback")
    list_display = [
        "event",
        "satisfaction",
        "job_knowledge",
        "comment",
        DateColumn("created_at", label=gettext_lazy("Answered")),
    ]
    list_filter = ["event__category", "programme", "satisfaction"]
    list_export = ["event.title", "programme.name", "satisfaction", "job_knowledge", "comment"]
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
        ParticipantViewSet,
        EnrolmentViewSet,
        AbsenceViewSet,
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
            "feedback": FeedbackResponse.objects.filter(occurrence=occurrence).summary(),
            "feedback_url": request.build_absolute_uri(
                reverse("events:feedback", args=[feedback_token("o", occurrence.pk)])
            ),
        },
    )


def programme_report(request, pk):
    if not request.user.has_perm("events.view_enrolment"):
        raise PermissionDenied
    programme = get_object_or_404(Programme.objects.select_related("event"), pk=pk)
    if request.method == "POST":
        if not request.user.has_perm("events.change_enrolment"):
            raise PermissionDenied
        if request.POST.get("action") == "evaluate":
            flagged = programme.evaluate()
            messages.success(
                request, _("Absences updated; %(n)s newly flagged.") % {"n": len(flagged)}
            )
        elif request.POST.get("action") == "clear":
            programme.enrolments.filter(pk=request.POST.get("enrolment")).update(flagged_at=None)
            messages.success(request, _("Flag cleared."))
        return redirect("events_admin:programme", pk=programme.pk)
    hours = programme.hours_by_participant()
    enrolments = list(
        programme.enrolments.select_related("participant__person").order_by(
            "-flagged_at", "participant__person__first_name"
        )
    )
    for enrolment in enrolments:
        enrolment.hours = hours.get(enrolment.participant_id, 0)
        enrolment.feedback_url = request.build_absolute_uri(
            reverse("events:feedback", args=[feedback_token("e", enrolment.pk)])
        )
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
            "feedback": FeedbackResponse.objects.filter(
                Q(programme=programme) | Q(event=programme.event)
            ).summary(),
        },
    )


def feedback_summary(request):
    if not request.user.has_perm("events.view_feedbackresponse"):
        raise PermissionDenied
    rows = []
    events = EventPage.objects.filter(feedback__isnull=False).distinct().order_by("title")
    for event in events:
        rows.append((event, FeedbackResponse.objects.filter(event=event).summary()))
    return TemplateResponse(
        request,
        "events/admin/feedback.html",
        {"rows": rows, "total": FeedbackResponse.objects.summary()},
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("dates/<int:pk>/registrations/", occurrence_registrations, name="registrations"),
        path("programmes/<int:pk>/", programme_report, name="programme"),
        path("feedback/", feedback_summary, name="feedback"),
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
