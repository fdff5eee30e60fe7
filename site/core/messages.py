"""Every kind of message Samverka sends, declared once, with its templates per channel.

A kind named "events.reminder" has
- an email: `<email prefix>_subject.txt`, `_body.txt` (and optionally `_body.html`); the
  prefix is the app's existing `<app>/email/<name>` unless the kind names another
  (new kinds keep theirs in `notifications/<kind>/email`);
- a text message, when `sms` is set: `notifications/<kind>/sms.txt`, short, ending in the
  link or code the reader acts on (see `sms.segments.fit`).

`staff` kinds go to municipal staff and organisations' representatives (email only, in the
language chosen by the caller); the others go to residents, in their own language.

Editors may replace a kind's texts in the CMS (`samverka.core.message_texts`). They write
plain text with the kind's `placeholders` (`{event}`, `{link}`...), never template code: each
placeholder is a template expression declared here, over the context the caller passes,
giving a plain string. `action` names the placeholder the reader acts on (the link or code),
which an edited text must keep. A kind whose built-in text chooses between two messages
(`editable=False`) keeps its templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Placeholder:
    """`{name}` in an edited text: `expression` (a template variable with its filters,
    over the kind's context) in emails, `sms_expression` (when set) in text messages."""

    name: str
    expression: str
    sms_expression: str = ""
    sample: str = ""

    def source(self, channel: str) -> str:
        """Template source giving the value (a loop, when it starts with `{%`)."""
        expression = self.expression
        if channel == "sms" and self.sms_expression:
            expression = self.sms_expression
        return expression if expression.startswith("{%") else "{{ " + expression + " }}"


def _p(name, expression, sms_expression="", sample=""):
    return Placeholder(name, expression, sms_expression, sample or SAMPLES.get(name, name))


# What the preview puts in each placeholder.
SAMPLES = {
    "name": "Amina",
    "event": "Språkcafé",
    "programme": "Svenska för föräldrar",
    "date": "12/3",
    "time": "17:30",
    "start": "17:30",
    "end": "19:00",
    "place": "Biblioteket, Storgatan 1",
    "link": "https://example.org/s/Ab3dE",
    "event_link": "https://example.org/evenemang/sprakcafe/",
    "position": "2",
    "code": "482913",
    "minutes": "10",
    "organisation": "Föreningen Gemenskap",
    "message": "Välkomna!",
    "person": "Sara Nilsson",
    "email": "sara@example.org",
    "inviter": "Sara Nilsson",
    "days": "14",
    "district": "Centrum",
    "number": "802400-0000",
    "type": "Ideell förening",
    "newcomer": "Hodan",
    "kompis": "Eva",
    "step": "Efter en månad",
    "count": "3",
    "matches": "- Hodan Ali – Eva Berg",
    "employer": "Bageriet AB",
    "title": "Bagarbiträde",
    "when": "efter sex månader",
    "actor": "Arbetsförmedlingen",
    "from_actor": "Vuxenutbildningen",
}

ORGANISATION = _p("organisation", "organisation.name")
EVENT = (
    _p("name", "registration.name"),
    _p("event", "event.title"),
    _p("date", "occurrence.start|date:'j F'", "occurrence.start|date:'j/n'"),
    _p("time", "occurrence.start|time:'H:i'"),
    _p("place", "event.location_text|default:'-'"),
    _p("event_link", "event_url"),
)
EVENT_CANCEL = (*EVENT, _p("link", "cancel_url", "sms_cancel_url"))
INTERNSHIP_STEP = _p("step", "follow_up.get_kind_display")


@dataclass(frozen=True)
class Kind:
    key: str
    sms: bool = False
    email: bool = True
    staff: bool = False
    email_prefix: str = ""
    placeholders: tuple[Placeholder, ...] = ()
    action: str = ""
    editable: bool = True

    @property
    def in_cms(self) -> bool:
        """Whether editors may replace its texts (Message texts): declared editable, with
        placeholders to write them with."""
        return self.editable and bool(self.placeholders)

    @property
    def email_template_prefix(self) -> str:
        if self.email_prefix:
            return self.email_prefix
        app, name = self.key.split(".", 1)
        return f"{app}/email/{name}"

    @property
    def sms_template(self) -> str:
        return f"notifications/{self.key}/sms.txt"

    @property
    def label(self) -> str:
        """What editors call the message (the Message texts admin)."""
        return LABELS.get(self.key, self.key)

    @property
    def placeholder_names(self) -> list[str]:
        return [placeholder.name for placeholder in self.placeholders]


def _new(key: str, **kwargs) -> Kind:
    """A kind added with notify: all its templates live under notifications/<kind>/."""
    return Kind(key, email_prefix=f"notifications/{key}/email", **kwargs)


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        # associations: volunteers, organisations and their representatives
        Kind("associations.volunteer_signup", placeholders=(_p("name", "volunteer.first_name"),)),
        Kind(
            "associations.volunteer_to_vet",
            staff=True,
            placeholders=(
                _p("name", "volunteer.full_name"),
                _p("district", "volunteer.district|default:'–'"),
            ),
        ),
        Kind("associations.organisation_registered", staff=True, placeholders=(ORGANISATION,)),
        Kind(
            "associations.organisation_to_approve",
            staff=True,
            placeholders=(
                ORGANISATION,
                _p("number", "organisation.organisation_number"),
                _p("type", "organisation.get_kind_display"),
            ),
        ),
        *(
            Kind(
                f"associations.organisation_{outcome}",
                staff=True,
                placeholders=(ORGANISATION, _p("message", "message")),
            )
            for outcome in ("approved", "rejected", "suspended")
        ),
        Kind(
            "associations.access_request",
            staff=True,
            placeholders=(
                ORGANISATION,
                _p(
                    "person",
                    "access_request.user.get_full_name|default:access_request.user.email",
                ),
                _p("email", "access_request.user.email"),
                _p("message", "access_request.message"),
                _p("link", "url"),
            ),
            action="link",
        ),
        Kind("associations.access_granted", staff=True, placeholders=(ORGANISATION,)),
        Kind("associations.access_declined", staff=True, placeholders=(ORGANISATION,)),
        Kind(
            "associations.representative_invitation",
            staff=True,
            placeholders=(
                ORGANISATION,
                _p("inviter", "inviter.get_full_name|default:inviter.email"),
                _p("days", "days"),
                _p("link", "url"),
            ),
            action="link",
        ),
        Kind(
            "associations.volunteer_invitation",
            placeholders=(
                _p("name", "invitation.first_name"),
                ORGANISATION,
                _p("days", "days"),
                _p("link", "url"),
            ),
            action="link",
        ),
        # events: registrations (residents, often by phone) and programmes
        Kind("events.confirmed", sms=True, placeholders=EVENT_CANCEL, action="link"),
        Kind(
            "events.waitlisted",
            sms=True,
            placeholders=(*EVENT_CANCEL, _p("position", "position")),
            action="link",
        ),
        Kind("events.promoted", sms=True, placeholders=EVENT_CANCEL, action="link"),
        Kind("events.cancelled", sms=True, placeholders=EVENT),
        # A date of the series is cancelled (with the event's page for the other dates), or
        # has a new time (the registration stands; the link cancels it).
        Kind("events.date_cancelled", sms=True, placeholders=EVENT),
        Kind("events.date_moved", sms=True, placeholders=EVENT_CANCEL, action="link"),
        Kind("events.reminder", sms=True, placeholders=EVENT_CANCEL, action="link"),
        Kind(
            "events.feedback",
            placeholders=(*EVENT, _p("link", "feedback_url")),
            action="link",
        ),
        Kind(
            "events.course_survey",
            sms=True,
            placeholders=(
                _p("name", "person.first_name"),
                _p("programme", "programme.name"),
                _p("link", "feedback_url"),
            ),
            action="link",
        ),
        Kind(
            "events.absence_flag",
            staff=True,
            placeholders=(
                _p("name", "enrolment.participant.name"),
                _p("programme", "programme.name"),
                _p("count", "streak"),
            ),
        ),
        _new(
            "events.session_reminder",
            sms=True,
            placeholders=(
                _p("name", "participant.person.first_name"),
                _p("programme", "programme.name"),
                _p("date", "occurrence.start|date:'l j F'", "occurrence.start|date:'j/n'"),
                _p("start", "occurrence.start|time:'H:i'"),
                _p("end", "occurrence.end|time:'H:i'"),
                _p("place", "occurrence.event.location_text|default:'-'"),
                _p("link", "next_session_url"),
            ),
            action="link",
        ),
        # mentors: kompis matching
        Kind(
            "mentors.proposal",
            placeholders=(
                _p("name", "volunteer.first_name"),
                _p("newcomer", "match.newcomer.first_name"),
                _p("district", "match.newcomer.district"),
                _p("link", "url"),
            ),
            action="link",
        ),
        _new(
            "mentors.newcomer_proposal",
            sms=True,
            placeholders=(
                _p("name", "newcomer.first_name"),
                _p("kompis", "volunteer.first_name"),
                _p("link", "answer_url"),
            ),
            action="link",
        ),
        Kind(
            "mentors.follow_up",
            placeholders=(
                _p("name", "match.volunteer.first_name"),
                _p("newcomer", "match.newcomer.first_name"),
                INTERNSHIP_STEP,
                _p("link", "url"),
            ),
            action="link",
        ),
        Kind(
            "mentors.no_contact",
            staff=True,
            placeholders=(
                _p("count", "matches|length"),
                _p(
                    "matches",
                    "{% for match in matches %}- {{ match.newcomer.full_name }} – "
                    "{{ match.volunteer.full_name }}\n{% endfor %}",
                ),
            ),
        ),
        # internships
        Kind(
            "internships.follow_up_reminder",
            staff=True,
            placeholders=(
                INTERNSHIP_STEP,
                _p("date", "follow_up.due_on|date:'j F Y'"),
                _p("place", "internship.place.title"),
                _p("employer", "internship.place.employer.name"),
                _p("link", "url"),
            ),
            action="link",
        ),
        _new(
            "internships.intern_follow_up",
            sms=True,
            placeholders=(
                _p("place", "internship.place"),
                _p("date", "follow_up.due_on|date:'j F'", "follow_up.due_on|date:'j/n'"),
            ),
        ),
        Kind(
            "internships.follow_up_overdue",
            staff=True,
            placeholders=(
                INTERNSHIP_STEP,
                _p("name", "internship.newcomer"),
                _p("place", "internship.place.title"),
                _p("date", "follow_up.due_on|date:'j F Y'"),
            ),
        ),
        Kind(
            "internships.outcome_reminder",
            staff=True,
            placeholders=(
                _p("name", "internship.newcomer"),
                _p("place", "internship.place.title"),
                _p("when", "checkpoint_label|lower"),
                _p("date", "due_on|date:'j F Y'"),
            ),
        ),
        Kind(
            "internships.place_to_approve",
            staff=True,
            placeholders=(
                _p("title", "place.title"),
                _p("employer", "place.employer.name"),
                _p("count", "place.number_of_places"),
                _p("start", "place.starts_on"),
                _p("end", "place.ends_on"),
            ),
        ),
        # coaching: a referral waits for the receiving actor's answer
        Kind(
            "coaching.referral_received",
            staff=True,
            placeholders=(
                _p("actor", "actor"),
                _p("from_actor", "from_actor"),
                _p("link", "link"),
            ),
            action="link",
        ),
        # coaching: the sending counsellor learns that their referral was accepted or
        # declined (the email leaves out who the person is) ...
        Kind(
            "coaching.referral_accepted",
            staff=True,
            placeholders=(_p("actor", "actor"), _p("link", "link")),
            action="link",
        ),
        Kind(
            "coaching.referral_declined",
            staff=True,
            placeholders=(_p("actor", "actor"), _p("link", "link")),
            action="link",
        ),
        # ... and that the receiving actor completed it
        _new(
            "coaching.referral_completed",
            staff=True,
            placeholders=(_p("actor", "actor"), _p("link", "link")),
            action="link",
        ),
        # people
        _new(
            "people.phone_code",
            sms=True,
            email=False,
            placeholders=(_p("code", "code"), _p("minutes", "minutes")),
            action="code",
        ),
    ]
}


LABELS = {
    "associations.volunteer_signup": _("Volunteer: thank you for signing up"),
    "associations.volunteer_to_vet": _("Coordinators: new volunteer to meet"),
    "associations.organisation_registered": _("Organisation: registration received"),
    "associations.organisation_to_approve": _("Coordinators: new organisation to review"),
    "associations.organisation_approved": _("Organisation: approved"),
    "associations.organisation_rejected": _("Organisation: not approved"),
    "associations.organisation_suspended": _("Organisation: suspended"),
    "associations.access_request": _("Organisation: someone asks to represent it"),
    "associations.access_granted": _("Representative: request granted"),
    "associations.access_declined": _("Representative: request declined"),
    "associations.representative_invitation": _("Invitation to represent an organisation"),
    "associations.volunteer_invitation": _("Invitation to volunteer with an organisation"),
    "events.confirmed": _("Event: registration confirmed"),
    "events.waitlisted": _("Event: on the waitlist"),
    "events.promoted": _("Event: a seat freed up"),
    "events.cancelled": _("Event: registration cancelled"),
    "events.date_cancelled": _("Event: date cancelled"),
    "events.date_moved": _("Event: date moved to a new time"),
    "events.reminder": _("Event: reminder the day before"),
    "events.feedback": _("Event: feedback questions"),
    "events.course_survey": _("Course: survey"),
    "events.absence_flag": _("Course: repeated absence"),
    "events.session_reminder": _("Course: session reminder"),
    "mentors.proposal": _("Kompis: proposal to the volunteer"),
    "mentors.newcomer_proposal": _("Kompis: proposal to the newcomer"),
    "mentors.follow_up": _("Kompis: follow-up"),
    "mentors.no_contact": _("Coordinators: kompis matches without contact"),
    "internships.follow_up_reminder": _("Internship: follow-up due"),
    "internships.intern_follow_up": _("Internship: follow-up meeting for the intern"),
    "internships.follow_up_overdue": _("Internship: follow-up overdue"),
    "internships.outcome_reminder": _("Internship: record the outcome"),
    "internships.place_to_approve": _("Internship: place to approve"),
    "coaching.referral_received": _("Referral received"),
    "coaching.referral_accepted": _("Referral accepted"),
    "coaching.referral_declined": _("Referral declined"),
    "coaching.referral_completed": _("Referral completed"),
    "people.phone_code": _("Phone number code"),
}


def get(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(
            f"Unknown message kind {key!r}: declare it in samverka.core.messages"
        ) from None
