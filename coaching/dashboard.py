"""The "Coordinator's day" panel on the Wagtail dashboard: for each staff member, what is due
today, each as a count with a link to the listing where it is done.

An item is shown to whoever may act on it (the model permission of its listing, or being a
counsellor or a receiving actor for coaching), and only when its count is not zero. All the
counts the user may see come from one query (a COUNT subquery per item), whatever the number
of rows (pinned in tests/coaching/test_dashboard.py). Models of other apps are looked up by label, so the panel
keeps working in an installation without one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import connections
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .models import Case, Referral


@dataclass
class DueItem:
    slug: str
    label: str
    count: int
    url: str


def _url(name: str, query: str = "") -> str:
    try:
        return reverse(name) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def counts(querysets: list) -> list[int]:
    """The number of rows of each queryset, in order, in one query (of the first
    queryset's database); what `queryset.count()` gives for each."""
    if not querysets:
        return []
    parts, params = [], []
    for n, queryset in enumerate(querysets):
        sql, sql_params = queryset.order_by().values("pk").query.sql_with_params()
        # Django's own SQL of the queryset, its values passed as parameters.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) samverka_counted_{n})")  # noqa: S608
        params.extend(sql_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(value) for value in cursor.fetchone()]


def due_items(user) -> list[DueItem]:
    """What is due for `user` today: [(slug, label, count, url)], zero counts left out."""
    today = timezone.localdate()
    # (slug, label, permission or None, queryset factory, (URL name, query)); the URL is
    # worked out only for the items shown.
    specs = []
    specs.append(
        (
            "contacts_due",
            _("Cases with a contact due"),
            "coaching.view_case",
            lambda: Case.objects.of_counsellor(user).contact_due(today),
            ("coaching_cases:index", ""),
        )
    )
    specs.append(
        (
            "referrals_waiting",
            _("Referrals waiting for your answer"),
            None,
            lambda: Referral.objects.received_by(user).waiting(),
            ("coaching_referrals:index", "status=sent"),
        )
    )
    Organisation = _model("associations.Organisation")
    if Organisation is not None:
        specs.append(
            (
                "organisations_pending",
                _("Organisations waiting for approval"),
                "associations.change_organisation",
                lambda: Organisation.objects.filter(status=Organisation.Status.PENDING),
                ("pending_organisations:index", ""),
            )
        )
    Volunteer = _model("associations.Volunteer")
    if Volunteer is not None:
        specs.append(
            (
                "volunteers_pending",
                _("Volunteers waiting for vetting"),
                "associations.change_volunteer",
                lambda: Volunteer.objects.filter(status=Volunteer.Status.PENDING),
                ("pending_volunteers:index", ""),
            )
        )
    Newcomer = _model("mentors.Newcomer")
    if Newcomer is not None:
        specs.append(
            (
                "kompis_waiting",
                _("Kompis applications waiting for a match"),
                "mentors.change_newcomer",
                lambda: Newcomer.objects.filter(status=Newcomer.Status.WAITING),
                ("newcomers:index", "status=waiting"),
            )
        )
    Enrolment = _model("events.Enrolment")
    if Enrolment is not None:
        specs.append(
            (
                "absence_flags",
                _("Participants flagged for absence"),
                "events.view_enrolment",
                lambda: Enrolment.objects.filter(flagged_at__isnull=False),
                ("enrolment:index", ""),
            )
        )
    KompisFollowUp = _model("mentors.FollowUp")
    if KompisFollowUp is not None:
        specs.append(
            (
                "kompis_follow_ups_due",
                _("Kompis follow-ups due"),
                "mentors.change_match",
                lambda: KompisFollowUp.objects.filter(done_at__isnull=True, due_on__lte=today),
                ("kompis_follow_ups:index", ""),
            )
        )
    InternshipFollowUp = _model("internships.FollowUp")
    if InternshipFollowUp is not None:
        specs.append(
            (
                "internship_follow_ups_due",
                _("Internship follow-ups due"),
                "internships.change_internship",
                lambda: InternshipFollowUp.objects.filter(
                    Q(completed_on__isnull=True) & Q(due_on__lte=today)
                ),
                ("internship:index", ""),
            )
        )
    shown = [spec for spec in specs if spec[2] is None or user.has_perm(spec[2])]
    numbers = counts([queryset() for _, _, _, queryset, _ in shown])
    return [
        DueItem(slug, str(label), count, _url(*url))
        for (slug, label, _, _, url), count in zip(shown, numbers, strict=True)
        if count
    ]


class DayPanel(Component):
    name = "coaching_day"
    order = 50
    template_name = "coaching/admin/day_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"items": due_items(self.request.user), "today": timezone.localdate()}
