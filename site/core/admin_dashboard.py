"""Wagtail's own dashboard panels, asked first in one query whether they can show anything.

Wagtail's four content panels (pages awaiting the user's review, the user's pages in a
workflow, their most recent edits, their locked pages) cost about ten milliseconds and
seven queries on every visit to the dashboard, also for a user who has none of these: a
coordinator, whose work is people, not pages. Each panel's template shows nothing but
white space when its list is empty.

`probe(request)` asks, in one query, for each panel a condition its list cannot be
non-empty without (EXISTS over the rows the panel's own query starts from):

- recent edits: an edit of a page logged for the user (Wagtail's query reads those log
  entries and then their pages);
- locked pages: a page locked by the user;
- pages in a workflow: an active workflow state the user requested or of a page the user
  owns (Wagtail's own condition, before it drops states whose object is gone);
- awaiting review: a task state in progress (every task type Wagtail ships lists only
  those; a task type of ours or of another package that overrides
  `get_task_states_user_can_moderate` makes this condition always true).

A panel whose condition holds is Wagtail's own, queries and all; one whose condition does
not renders Wagtail's own template with the empty list Wagtail would have found, so the
page is the same byte for byte (tests/core/test_admin_dashboard.py). Nothing is kept
between requests: the answer is read on every visit.

The statement is compiled once per process with a stand-in for the user's id and run
with the user's (the ORM's work of building four EXISTS subqueries cost more than
running them).

The site summary's pages item (`PagesSummaryItem`) reads the only site's home page's id
where Wagtail's loads the site and then the page, for a link that shows only the id.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.admin import site_summary as wagtail_summary
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from . import statements

# What the probe answers, in the order of its columns.
RECENT_EDITS = "recent_edits"
LOCKED_PAGES = "locked_pages"
IN_WORKFLOW = "in_workflow"
TO_MODERATE = "to_moderate"
ANSWERS = (RECENT_EDITS, LOCKED_PAGES, IN_WORKFLOW, TO_MODERATE)


def _task_types_list_only_states_in_progress() -> bool:
    """Whether every installed task type lists for review only task states in progress:
    Wagtail's base task (none) and group approval task (those in progress) do."""
    from django.apps import apps
    from wagtail.models import AbstractGroupApprovalTask, Task

    known = {
        Task.get_task_states_user_can_moderate,
        AbstractGroupApprovalTask.get_task_states_user_can_moderate,
    }
    return all(
        model.get_task_states_user_can_moderate in known
        for model in apps.get_models()
        if issubclass(model, Task)
    )


def _querysets():
    from wagtail.models import (
        Page,
        PageLogEntry,
        TaskState,
        WorkflowState,
        get_default_page_content_type,
    )

    owned = Page.objects.filter(
        owner_id=statements.USER_ID, id=Cast(OuterRef("object_id"), output_field=IntegerField())
    )
    to_moderate = None  # a task type that may list other states: always asked
    if _task_types_list_only_states_in_progress():
        to_moderate = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    return {
        RECENT_EDITS: PageLogEntry.objects.filter(
            user_id=statements.USER_ID, action="wagtail.edit"
        ),
        LOCKED_PAGES: Page.objects.filter(locked=True, locked_by_id=statements.USER_ID),
        # Wagtail's own condition (UserObjectsInWorkflowModerationPanel)
        IN_WORKFLOW: WorkflowState.objects.active().filter(
            Q(base_content_type_id=get_default_page_content_type().id) & Exists(owned)
            | Q(requested_by_id=statements.USER_ID)
        ),
        TO_MODERATE: to_moderate,
    }


def _compile(using: str) -> tuple[str, tuple]:
    """One statement that answers `ANSWERS` in order, and its parameters, the stand-in
    `statements.USER_ID` among them for the user's id."""
    parts, params = [], []
    for queryset in _querysets().values():
        if queryset is None:
            parts.append("1")
            continue
        sql, sql_params = queryset.using(using).order_by().values("pk").query.sql_with_params()
        parts.append(f"EXISTS({sql})")  # noqa: S608 - Django's SQL, values as parameters
        params.extend(sql_params)
    if params.count(statements.USER_ID) != 4:
        raise RuntimeError("The dashboard probe no longer holds the user where expected.")
    return "SELECT " + ", ".join(parts), tuple(params)


def probe(request) -> dict[str, bool]:
    """For each of `ANSWERS`, whether that panel may have something to show the user; read
    once per request."""
    answers = getattr(request, "_samverka_dashboard_probe", None)
    if answers is None:
        from wagtail.models import Page

        using = Page.objects.db
        sql, params = statements.kept(("dashboard-probe", using), lambda: _compile(using))
        with connections[using].cursor() as cursor:
            cursor.execute(sql, statements.with_values(params, using, user_id=request.user.pk))
            row = cursor.fetchone()
        answers = {name: bool(value) for name, value in zip(ANSWERS, row, strict=True)}
        request._samverka_dashboard_probe = answers
    return answers


def _probed(panel_class, answer: str, empty: dict, csrf: bool = False):
    """`panel_class` that, when the probe rules out anything to show, renders its template
    with `empty` (what Wagtail's own query would have given; `csrf`: and the CSRF token,
    as Wagtail's panel passes it) instead of querying."""

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        if probe(request)[answer]:
            return panel_class.get_context_data(self, parent_context)
        context = {**empty, "request": request}
        if csrf:
            context["csrf_token"] = parent_context["csrf_token"]
        return context

    return type(
        f"Probed{panel_class.__name__}",
        (panel_class,),
        {"get_context_data": get_context_data, "__module__": __name__},
    )


PROBED = {
    RecentEditsPanel: _probed(RecentEditsPanel, RECENT_EDITS, {"last_edits": []}),
    LockedPagesPanel: _probed(
        LockedPagesPanel, LOCKED_PAGES, {"locked_pages": [], "can_remove_locks": False}, csrf=True
    ),
    UserObjectsInWorkflowModerationPanel: _probed(
        UserObjectsInWorkflowModerationPanel, IN_WORKFLOW, {"workflow_states": []}
    ),
    WorkflowObjectsToModeratePanel: _probed(
        WorkflowObjectsToModeratePanel, TO_MODERATE, {"states": []}, csrf=True
    ),
}


def probe_wagtails_panels(request, panels: list) -> None:
    """`construct_homepage_panels`: Wagtail's content panels replaced by their probed
    subclasses, in place and order (a panel of another class is left as it is)."""
    for n, panel in enumerate(panels):
        probed = PROBED.get(type(panel))
        if probed is not None:
            panels[n] = probed()


class PagesSummaryItem(wagtail_summary.PagesSummaryItem):
    """Wagtail's pages summary item, which links to the only site's home page when there is
    one site, reading its id instead of loading the site and then its home page (the
    template shows nothing of it but its id): one query less on every dashboard."""

    def get_context_data(self, parent_context):
        from wagtail.models import Page, Site

        site_details = get_site_for_user(self.request.user)
        root_page = site_details["root_page"]
        if root_page:
            page_count = Page.objects.descendant_of(root_page, inclusive=True).count()
            if root_page.is_root():
                # As Wagtail's: the tree root is not a real page, and with precisely one
                # site the link goes to its home page (wagtail #1883).
                page_count -= 1
                homes = list(Site.objects.order_by().values_list("root_page_id", flat=True)[:2])
                if len(homes) == 1:
                    root_page = Page(pk=homes[0])  # only its id is shown
        else:
            page_count = 0
        return {
            "root_page": root_page,
            "total_pages": page_count,
            "site_name": site_details["site_name"],
        }


def replace_pages_summary_item(request, items: list) -> None:
    """`construct_homepage_summary_items`: Wagtail's pages item replaced by ours, in place."""
    for n, item in enumerate(items):
        if type(item) is wagtail_summary.PagesSummaryItem:
            items[n] = PagesSummaryItem(request)
