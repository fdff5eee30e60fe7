"""Every kind of message Samverka sends, declared once, with its templates per channel.

A kind named "events.reminder" has
- an email: `<email prefix>_subject.txt`, `_body.txt` (and optionally `_body.html`); the
  prefix is the app's existing `<app>/email/<name>` unless the kind names another
  (new kinds keep theirs in `notifications/<kind>/email`);
- a text message, when `sms` is set: `notifications/<kind>/sms.txt`, short, ending in the
  link or code the reader acts on (see `sms.segments.fit`).

`staff` kinds go to municipal staff and organisations' representatives (email only, in the
language chosen by the caller); the others go to residents, in their own language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    sms: bool = False
    email: bool = True
    staff: bool = False
    email_prefix: str = ""

    @property
    def email_template_prefix(self) -> str:
        if self.email_prefix:
            return self.email_prefix
        app, name = self.key.split(".", 1)
        return f"{app}/email/{name}"

    @property
    def sms_template(self) -> str:
        return f"notifications/{self.key}/sms.txt"


def _new(key: str, **kwargs) -> Kind:
    """A kind added with notify: all its templates live under notifications/<kind>/."""
    return Kind(key, email_prefix=f"notifications/{key}/email", **kwargs)


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        # associations: volunteers, organisations and their representatives
        Kind("associations.volunteer_signup"),
        Kind("associations.volunteer_to_vet", staff=True),
        Kind("associations.organisation_registered", staff=True),
        Kind("associations.organisation_to_approve", staff=True),
        Kind("associations.organisation_approved", staff=True),
        Kind("associations.organisation_rejected", staff=True),
        Kind("associations.organisation_suspended", staff=True),
        Kind("associations.access_request", staff=True),
        Kind("associations.access_granted", staff=True),
        Kind("associations.access_declined", staff=True),
        Kind("associations.representative_invitation", staff=True),
        Kind("associations.volunteer_invitation"),
        # events: registrations (residents, often by phone) and programmes
        Kind("events.confirmed", sms=True),
        Kind("events.waitlisted", sms=True),
        Kind("events.promoted", sms=True),
        Kind("events.cancelled", sms=True),
        Kind("events.changed", sms=True),
        Kind("events.reminder", sms=True),
        Kind("events.feedback"),
        Kind("events.course_survey", sms=True),
        Kind("events.absence_flag", staff=True),
        _new("events.session_reminder", sms=True),
        # mentors: kompis matching
        Kind("mentors.proposal"),
        _new("mentors.newcomer_proposal", sms=True),
        Kind("mentors.follow_up"),
        Kind("mentors.no_contact", staff=True),
        # internships
        Kind("internships.follow_up_reminder", staff=True),
        _new("internships.intern_follow_up", sms=True),
        Kind("internships.follow_up_overdue", staff=True),
        Kind("internships.outcome_reminder", staff=True),
        Kind("internships.place_to_approve", staff=True),
        # coaching: a referral waits for the receiving actor's answer
        Kind("coaching.referral_received", staff=True),
        # coaching: the sending counsellor learns that their referral was accepted or declined
        Kind("coaching.referral_answered", staff=True),
        _new("coaching.referral_completed", staff=True),
        # people
        _new("people.phone_code", sms=True, email=False),
    ]
}


def get(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(
            f"Unknown message kind {key!r}: declare it in samverka.core.messages"
        ) from None
