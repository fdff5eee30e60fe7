"""The coordinators' audit trail, kept in Wagtail's own log (an object's
history and the site history report).

Every action here is registered through the `register_log_actions` hook (see
samverka.core.wagtail_hooks) with a translated label; apps call `log()` from
wagtail.log_actions with one of these names, or the helpers below.

- samverka.organisation.decision  approve / reject / suspend an organisation
- samverka.volunteer.vetting      a volunteer's vetting status changed
- samverka.internship.status      an internship's status changed
- samverka.internship.outcome     an internship's outcome recorded
- samverka.import                 rows imported (logged on each created row)
- samverka.export                 a listing exported (who, which, filter)
- samverka.erase                  a person's data erased (privacy)
- samverka.view_person            a person's record opened
- samverka.outbox.resend          a failed or bounced message queued again
- samverka.kiosk.pair             a check-in screen paired (events)
- samverka.kiosk.revoke           a check-in screen's pairing revoked (events)
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

EXPORT = "samverka.export"
VIEW_PERSON = "samverka.view_person"
ERASE = "samverka.erase"
IMPORT = "samverka.import"
ORGANISATION_DECISION = "samverka.organisation.decision"
VOLUNTEER_VETTING = "samverka.volunteer.vetting"
INTERNSHIP_STATUS = "samverka.internship.status"
INTERNSHIP_OUTCOME = "samverka.internship.outcome"
OUTBOX_RESEND = "samverka.outbox.resend"
KIOSK_PAIR = "samverka.kiosk.pair"
KIOSK_REVOKE = "samverka.kiosk.revoke"


def _related_model(model, relation):
    try:
        return model._meta.get_field(relation).related_model
    except Exception:  # noqa: BLE001 - a model changed since the entry was written
        return None


def _choice_label(model, field_name, value):
    """The label of a stored choice value, in the reader's language (entries
    store values, so the history reads right in every admin language)."""
    if value in ("", None):
        return "—"
    try:
        field = model._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - a model changed since the entry was written
        return value
    return str(dict(field.flatchoices).get(value, value))


class _Formatter(LogFormatter):
    """A message built from the entry's data. Keys named in `choices` hold
    choice values of the logged model's field (or, as "relation.field", of a
    related model's); they are shown by their translated label. A missing key
    shows the plain message rather than breaking the history page."""

    template = ""
    choices = {}

    def format_message(self, log_entry):
        data = dict(log_entry.data or {})
        model = log_entry.content_type.model_class() if log_entry.content_type_id else None
        if model is not None:
            for key, path in self.choices.items():
                if key not in data:
                    continue
                target, field_name = model, path
                if "." in path:
                    relation, field_name = path.split(".", 1)
                    target = _related_model(model, relation)
                data[key] = _choice_label(target, field_name, data[key])
        try:
            return str(self.template) % data
        except (KeyError, TypeError, ValueError):
            return str(self.message)


class ExportFormatter(_Formatter):
    label = _("Export")
    message = _("Exported a listing")
    template = _("Exported %(listing)s as %(format)s: %(count)s rows, filter: %(filter)s")


class ViewPersonFormatter(_Formatter):
    label = _("View a person's record")
    message = _("Viewed the record")
    template = _("Viewed the record (%(where)s)")


class EraseFormatter(_Formatter):
    label = _("Erase personal data")
    message = _("Erased personal data")
    template = _("Erased personal data: %(what)s")


class ImportFormatter(_Formatter):
    label = _("Import")
    message = _("Imported")
    template = _("Imported from %(source)s (%(count)s rows)")


class OrganisationDecisionFormatter(_Formatter):
    label = _("Organisation decision")
    message = _("Decided on the organisation")
    template = _("Decision recorded: the organisation is now %(status)s")
    choices = {"status": "status"}


class VolunteerVettingFormatter(_Formatter):
    label = _("Volunteer vetting")
    message = _("Vetting changed")
    template = _("Vetting changed from %(old)s to %(new)s")
    choices = {"old": "status", "new": "status"}


class InternshipStatusFormatter(_Formatter):
    label = _("Internship status")
    message = _("Status changed")
    template = _("Status changed from %(old)s to %(new)s")
    choices = {"old": "status", "new": "status"}


class InternshipOutcomeFormatter(_Formatter):
    label = _("Internship outcome")
    message = _("Outcome recorded")
    template = _("Outcome recorded at %(checkpoint)s: %(kind)s")
    choices = {"checkpoint": "outcomes.checkpoint", "kind": "outcomes.kind"}


class OutboxResendFormatter(_Formatter):
    label = _("Resend a message")
    message = _("Message queued again")
    template = _("Queued again after it was %(status)s")
    choices = {"status": "status"}


class KioskPairFormatter(_Formatter):
    label = _("Pair a check-in screen")
    message = _("Check-in screen paired")
    template = _("Check-in screen “%(name)s” paired")


class KioskRevokeFormatter(_Formatter):
    label = _("Revoke a check-in screen")
    message = _("Check-in screen revoked")
    template = _("Check-in screen “%(name)s” revoked")


FORMATTERS = {
    EXPORT: ExportFormatter,
    VIEW_PERSON: ViewPersonFormatter,
    ERASE: EraseFormatter,
    IMPORT: ImportFormatter,
    ORGANISATION_DECISION: OrganisationDecisionFormatter,
    VOLUNTEER_VETTING: VolunteerVettingFormatter,
    INTERNSHIP_STATUS: InternshipStatusFormatter,
    INTERNSHIP_OUTCOME: InternshipOutcomeFormatter,
    OUTBOX_RESEND: OutboxResendFormatter,
    KIOSK_PAIR: KioskPairFormatter,
    KIOSK_REVOKE: KioskRevokeFormatter,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)


def log(instance, action, user=None, **data):
    """Log `action` on `instance` by `user` with `data` (JSON-serialisable)
    shown in the history message."""
    return wagtail_log(instance, action, user=user, data=data)


def log_view_person(instance, user, where=""):
    """A person's record was opened (the volunteer page in the admin; other
    views call this for their own person records)."""
    return log(instance, VIEW_PERSON, user=user, where=str(where))


def log_erase(instance, user, what=""):
    """Called by the privacy helper after a person's data was erased; `instance`
    is the (now anonymised) row that remains."""
    return log(instance, ERASE, user=user, what=str(what))


def log_export(model, user, *, listing, export_format, count, filters):
    """An export concerns a listing, not one row. It is logged against the
    listing's model with object id 0, which no row has: the entry carries the
    model's type, so the site history report's type filter and its permission
    check apply, and it links to no object."""
    return wagtail_log(
        model(pk=0),
        EXPORT,
        user=user,
        title=str(model._meta.verbose_name_plural),
        data={
            "listing": str(listing),
            "format": export_format,
            "count": count,
            "filter": filters or "—",
        },
    )
