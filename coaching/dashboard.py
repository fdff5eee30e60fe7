"""The "Coordinator's day" panel on the Wagtail dashboard: for each staff member, what is due
today, each as a count with a link to the listing where it is done.

An item is shown to whoever may act on it (the model permission of its listing, or being a
counsellor or a receiving actor for coaching), and only when its count is not zero. All the
counts the user may see come from one query (a COUNT subquery per item), whatever the number
of rows (pinned in tests/coaching/test_dashboard.py). That statement is compiled once per
process for each set of items shown, with stand-ins for the user's id and the day
(`_counts_of`): building the items' querysets and their SQL cost more than running them.
Models of other apps are looked up by label, so the panel keeps working in an installation
without one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from samverka.core import statements

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


def _counted(querysets: list) -> tuple[str, list]:
    """One SELECT of the number of rows of each queryset, in order, and its parameters."""
    parts, params = [], []
    for n, queryset in enumerate(querysets):
        sql, sql_params = queryset.order_by().values("pk").query.sql_with_params()
        # Django's own SQL of the queryset, its values passed as parameters.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) samverka_counted_{n})")  # noqa: S608
        params.extend(sql_params)
    return "SELECT " + ", ".join(parts), params


def _run(using: str, sql: str, params) -> list[int]:
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return [int(value) for value in cursor.fetchone()]


def counts(querysets: list) -> list[int]:
    """The number of rows of each queryset, in order, in one query (of the first
    queryset's database); what `queryset.count()` gives for each."""
    if not querysets:
        return []
    return _run(querysets[0].db, *_counted(querysets))


def _specs() -> list[tuple]:
    """(slug, label, permission or None, queryset factory of (user, day), (URL name, query))
    of every item; the URL is worked out only for the items shown."""
    specs = []
    specs.append(
        (
            "contacts_due",
            _("Cases with a contact due"),
            "coaching.view_case",
            lambda user, today: Case.objects.of_counsellor(user).contact_due(today),
            ("coaching_cases:index", ""),
        )
    )
    specs.append(
        (
            "referrals_waiting",
            _("Referrals waiting for your answer"),
            None,
            lambda user, today: Referral.objects.received_by(user).waiting(),
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
                lambda user, today: Organisation.objects.filter(status=Organisation.Status.PENDING),
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
                lambda user, today: Volunteer.objects.filter(status=Volunteer.Status.PENDING),
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
                lambda user, today: Newcomer.objects.filter(status=Newcomer.Status.WAITING),
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
                lambda user, today: Enrolment.objects.filter(flagged_at__isnull=False),
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
                lambda user, today: KompisFollowUp.objects.filter(
                    done_at__isnull=True, due_on__lte=today
                ),
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
                lambda user, today: InternshipFollowUp.objects.filter(
                    Q(completed_on__isnull=True) & Q(due_on__lte=today)
                ),
                ("internship:index", ""),
            )
        )
    return specs


def _compile(using: str, shown: list) -> tuple[str, list]:
    """The items' counts compiled for stand-ins of the user and the day
    (`samverka.core.statements`): the statement differs between users and days only there."""
    stand_in = get_user_model()(pk=statements.USER_ID)
    return _counted(
        [queryset(stand_in, statements.DAY).using(using) for _, _, _, queryset, _ in shown]
    )


def _counts_of(shown: list, user, today: date) -> list[int]:
    """What `counts` gives for the items' querysets for `user` on `today`."""
    if not getattr(user, "is_authenticated", False):
        return counts([queryset(user, today) for _, _, _, queryset, _ in shown])
    using = router.db_for_read(Case)
    key = ("day-panel", using, *(slug for slug, *_ in shown))
    sql, params = statements.kept(key, lambda: _compile(using, shown))
    return _run(using, sql, statements.with_values(params, using, user_id=user.pk, day=today))


def due_items(user) -> list[DueItem]:
    """What is due for `user` today: [(slug, label, count, url)], zero counts left out."""
    today = timezone.localdate()
    shown = [spec for spec in _specs() if spec[2] is None or user.has_perm(spec[2])]
    numbers = _counts_of(shown, user, today)
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
