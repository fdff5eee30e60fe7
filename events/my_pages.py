"""The events section of a signed-in person's page: their dates, programmes
and the private calendar address."""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import codes
from .course import progress_of
from .models import CalendarToken, Enrolment, Registration


def section(request):
    user = request.user
    registrations = list(
        Registration.objects.active()
        .filter(user=user, occurrence__end__gte=timezone.now())
        .select_related("occurrence__event")
        # Only what the section shows: an event page is a wide row to build a model from.
        .only(
            "id",
            "status",
            "occurrence_id",
            "occurrence__id",
            "occurrence__start",
            "occurrence__end",
            "occurrence__status",
            "occurrence__event_id",
            "occurrence__event__page_ptr_id",
            "occurrence__event__title",
        )
        .order_by("occurrence__start")[:20]
    )
    for registration in registrations:
        registration.cancel_url = reverse(
            "events:cancel", args=[codes.cancel_token(registration.pk)]
        )
    # Enrolments are a Person's: the consent check of /my/ has read the user's Person
    # already, so someone without one (most volunteers) costs no query here.
    try:
        has_person = user.person is not None
    except (AttributeError, ObjectDoesNotExist):
        has_person = False
    enrolments = (
        list(
            Enrolment.objects.active()
            .filter(participant__person__user=user)
            .select_related("programme", "participant", "survey_receipt")
        )
        if has_person
        else []
    )
    for enrolment in enrolments:
        enrolment.hours = enrolment.hours_attended()
        # Civic orientation: hours towards the law's minimum and the course's goal.
        enrolment.course = progress_of(enrolment)
        if not hasattr(enrolment, "survey_receipt"):
            enrolment.survey_url = reverse(
                "events:feedback", args=[codes.feedback_token("e", enrolment.pk)]
            )
    token = CalendarToken.for_user(user)
    return {
        "title": _("My events"),
        # A date's registration leaves the list when the date ends.
        "fresh_until": min((r.occurrence.end for r in registrations), default=None),
        "template": "events/my_pages_section.html",
        "registrations": registrations,
        "enrolments": enrolments,
        "calendar_url": request.build_absolute_uri(
            reverse("events:feed_private", args=[token.token])
        ),
    }


SECTIONS = [section]

# Whose /my/ a row of these models is on (paths from the row to a user), and rows shown on
# many people's /my/: a change makes their kept sections new (samverka.core.my_pages_cache).
SHOWN_TO = {
    "events.Registration": ["user"],
    "events.Enrolment": ["participant__person__user"],
    "events.Participant": ["person__user"],
    "events.Attendance": ["user", "registration__user", "participant__person__user"],
    "events.SurveyReceipt": ["registration__user", "enrolment__participant__person__user"],
    "events.CalendarToken": ["user"],
}
# A date's time and status, a programme's name and goal (an event's title is a page's: the
# content generation).
SHOWN_TO_MANY = ["events.EventOccurrence", "events.Programme"]
