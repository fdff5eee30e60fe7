"""Wagtail's content panels on the dashboard ask first, in one query, whether they can show
anything (samverka.core.admin_dashboard): a user with nothing in them gets Wagtail's own
HTML without Wagtail's queries, and a user with something in them gets Wagtail's panels."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from samverka.core import admin_dashboard
from samverka.home.models import StandardPage

pytestmark = pytest.mark.django_db

WAGTAILS = (
    WorkflowObjectsToModeratePanel,
    UserObjectsInWorkflowModerationPanel,
    RecentEditsPanel,
    LockedPagesPanel,
)
HEADINGS = {
    WorkflowObjectsToModeratePanel: 'id="awaiting-review-heading"',
    UserObjectsInWorkflowModerationPanel: 'id="objects-in-workflow-heading"',
    RecentEditsPanel: 'id="recent-edits-heading"',
    LockedPagesPanel: 'id="locked-pages-heading"',
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _context(user) -> dict:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {"request": request, "csrf_token": get_token(request)}


def _rendered(panel, context) -> str:
    return CSRF.sub("", str(panel.render_html(context)))


def _both(user) -> dict:
    """Each panel's HTML from Wagtail's panel and from ours, for the same request."""
    context = _context(user)
    return {
        wagtails: (
            _rendered(wagtails(), context),
            _rendered(admin_dashboard.PROBED[wagtails](), context),
        )
        for wagtails in WAGTAILS
    }


def _editors_work(home_page, editor, moderator) -> StandardPage:
    """A page the editor edited and locked, another they sent for moderation."""
    edited = StandardPage(title="Redigerad sida", slug="redigerad")
    home_page.add_child(instance=edited)
    edited.save_revision(user=editor, log_action=True)
    edited.locked, edited.locked_by, edited.locked_at = True, editor, timezone.now()
    edited.save()
    in_review = StandardPage(title="Sida att granska", slug="granska", owner=editor)
    home_page.add_child(instance=in_review)
    in_review.save_revision(user=editor)
    workflow = in_review.get_workflow()
    assert workflow is not None  # Wagtail's default workflow: the moderators approve
    workflow.start(in_review, editor)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return in_review


def test_a_user_with_nothing_gets_wagtails_html_from_one_query(coordinator, home_page):
    context = _context(coordinator)
    for wagtails in WAGTAILS:
        assert wagtails().render_html(context).strip() == ""
    for wagtails, (theirs, ours) in _both(coordinator).items():
        assert ours == theirs, wagtails
    context = _context(coordinator)
    with CaptureQueriesContext(connection) as queries:
        for wagtails in WAGTAILS:
            admin_dashboard.PROBED[wagtails]().render_html(context)
    assert len(queries) == 1  # the probe, once for the four


def test_an_editor_and_a_moderator_get_wagtails_panels_with_their_content(
    home_page, editor, coordinator
):
    moderator = coordinator  # a coordinator who also moderates pages
    _editors_work(home_page, editor, moderator)
    seen = {}
    for user in (editor, moderator):
        for wagtails, (theirs, ours) in _both(user).items():
            assert ours == theirs, (user, wagtails)
            if HEADINGS[wagtails] in ours:
                seen.setdefault(wagtails, []).append(user.username)
    assert seen == {
        RecentEditsPanel: [editor.username],
        LockedPagesPanel: [editor.username],
        UserObjectsInWorkflowModerationPanel: [editor.username],
        WorkflowObjectsToModeratePanel: [moderator.username],
    }


def test_the_dashboard_shows_the_editors_work(client, home_page, editor, coordinator):
    _editors_work(home_page, editor, coordinator)
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    for wagtails in (UserObjectsInWorkflowModerationPanel, RecentEditsPanel, LockedPagesPanel):
        assert HEADINGS[wagtails] in page
    assert "Redigerad sida" in page and "Sida att granska" in page
    client.force_login(coordinator)  # a moderator now
    page = client.get("/admin/").content.decode()
    assert HEADINGS[WorkflowObjectsToModeratePanel] in page
    assert "Sida att granska" in page
    assert HEADINGS[RecentEditsPanel] not in page


def test_a_superuser_reviews_what_is_in_moderation(client, home_page, editor, django_user_model):
    _editors_work(home_page, editor, editor)
    admin = django_user_model.objects.create_superuser("root@example.org", "root@example.org", "x")
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert HEADINGS[WorkflowObjectsToModeratePanel] in page and "Sida att granska" in page


def test_the_probe_follows_each_change_at_the_next_request(home_page, editor):
    """Nothing is kept: each answer is read again on the next request."""

    def answers():
        return admin_dashboard.probe(_context(editor)["request"])

    assert not any(answers().values())
    page = StandardPage(title="Ny", slug="ny", owner=editor)
    home_page.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    assert answers()[admin_dashboard.RECENT_EDITS]
    page.locked, page.locked_by = True, editor
    page.save()
    assert answers()[admin_dashboard.LOCKED_PAGES]
    assert not answers()[admin_dashboard.IN_WORKFLOW]
    page.get_workflow().start(page, editor)
    assert answers()[admin_dashboard.IN_WORKFLOW] and answers()[admin_dashboard.TO_MODERATE]
    page.locked = False
    page.save()
    assert not answers()[admin_dashboard.LOCKED_PAGES]


def test_every_installed_task_type_lists_only_states_in_progress():
    """Else the probe could not rule out the moderation panel from task states in progress
    (it then asks Wagtail's panel every time)."""
    assert admin_dashboard._task_types_list_only_states_in_progress()


def test_a_coordinators_dashboard_costs_the_same_queries_for_one_and_many_rows(
    client, coordinator, home_page
):
    """A coordinator without pages of their own: none of Wagtail's content panels queries."""
    from django.core.cache import cache
    from wagtail.models import Page

    from associations.models import Organisation

    client.force_login(coordinator)
    measured = []
    for start, size in ((0, 1), (1, 20)):
        for n in range(start, start + size):
            Organisation.objects.create(
                name=f"Förening {n}",
                organisation_number=f"80{n:04d}-0000",
                kind=Organisation.Kind.ASSOCIATION,
                status=Organisation.Status.PENDING,
            )
            Page.objects.get(pk=home_page.pk).add_child(
                instance=StandardPage(title=f"Sida {n}", slug=f"sida-{n}")
            )
        client.get("/admin/")
        cache.clear()
        client.get("/admin/")  # built
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/admin/").content.decode()
        measured.append(len(queries))
        assert f"<strong>{start + size}</strong>" in page  # the pending organisations
    # session, user, permissions (2), profile, page and collection permissions, the
    # explorable root, locales, the page summary (2: the count, the only site's home page's
    # id), the day panel, the probe
    assert measured == [13, 13]


@pytest.mark.parametrize("sites", [1, 2])
def test_the_pages_summary_is_wagtails(home_page, coordinator, editor, sites):
    from wagtail.admin.site_summary import PagesSummaryItem
    from wagtail.models import Page, Site

    if sites == 2:
        Site.objects.create(hostname="andra.example.org", root_page=home_page)
    for user in (coordinator, editor):
        context = _context(user)
        request = context["request"]
        theirs = str(PagesSummaryItem(request).render_html(context))
        with CaptureQueriesContext(connection) as queries:
            ours = str(admin_dashboard.PagesSummaryItem(request).render_html(context))
        assert ours == theirs
        linked = home_page.pk if sites == 1 else Page.get_first_root_node().pk
        assert f"/admin/pages/{linked}/" in ours
    assert len(queries) == 2  # the count, the sites' home pages (the root known already)
