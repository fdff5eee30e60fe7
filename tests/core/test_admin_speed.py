"""The admin dashboard's cost (issue 18): the sidebar kept per user and menu generation
(samverka.core.admin_sidebar), the upkeep panel kept until what it shows changes
(samverka.orientation.upkeep), the day panel's counts in one query; never stale, the
same HTML as Wagtail's own, and queries that do not grow with the data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from associations.models import Organisation
from samverka.core.admin_sidebar import sidebar_props_html
from samverka.home.models import StandardPage
from tests.orientation.conftest import (  # noqa: F401 - fixtures
    health_topic,
    orientation_index,
    publish,
)

pytestmark = pytest.mark.django_db

SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">.*?</script>')


def _sidebar(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    return SIDEBAR.search(response.content.decode()).group(0)


def _furniture(source: str) -> str:
    return source[source.index("{% block furniture %}") : source.rindex("{% endblock %}")]


def test_the_furniture_is_wagtails_but_for_the_sidebar_props():
    wagtails = (
        Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/base.html"
    ).read_text()
    ours = (Path(settings.BASE_DIR) / "templates/wagtailadmin/base.html").read_text()
    ours = (
        _furniture(ours)
        .replace("{% samverka_sidebar_props %}", "{% sidebar_props %}")
        .replace("{% samverka_keyboard_shortcuts_dialog %}", "{% keyboard_shortcuts_dialog %}")
    )
    ours = re.sub(
        r"{% block branding_logo %}.*?{% endblock %}",
        "{% block branding_logo %}{% endblock %}",
        ours,
    )
    assert ours == _furniture(wagtails)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_kept_sidebar_is_wagtails_byte_for_byte(coordinator, language):
    from wagtail.admin.templatetags.wagtailadmin_tags import sidebar_props

    coordinator.first_name = 'Sam <"&">'
    request = RequestFactory().get("/admin/")
    request.user = coordinator
    with translation.override(language):
        expected = sidebar_props({"request": request})
        assert sidebar_props_html(request) == expected  # built
        assert sidebar_props_html(request) == expected  # from the cache
    assert 'Sam \\u003C\\"\\u0026\\"\\u003E' in expected


def test_the_kept_shortcuts_dialog_is_wagtails_byte_for_byte(editor):
    """In one test, so that a key missing any of what the dialog shows would serve one
    variant's HTML for another."""
    from django.template import RequestContext, Template
    from wagtail.users.models import UserProfile

    wagtails = Template("{% load wagtailadmin_tags %}{% keyboard_shortcuts_dialog %}")
    ours = Template("{% load admin_furniture %}{% samverka_keyboard_shortcuts_dialog %}")
    profile = UserProfile.get_for_user(editor)
    seen = set()
    for shortcuts_on in (True, False):
        profile.keyboard_shortcuts = shortcuts_on
        profile.save()
        for agent in ("Mozilla/5.0 (Macintosh)", "Mozilla/5.0 (X11; Linux)"):
            request = RequestFactory().get("/admin/", HTTP_USER_AGENT=agent)
            request.user = editor
            for language in ("sv", "ar"):
                with translation.override(language):
                    expected = wagtails.render(RequestContext(request))
                    assert ours.render(RequestContext(request)) == expected
                    assert ours.render(RequestContext(request)) == expected  # kept
                seen.add(expected)
    assert len(seen) >= 6  # the variants differ (with shortcuts off the keys are not shown)


def test_a_permission_taken_from_the_group_hides_the_item_on_the_next_request(client, coordinator):
    report = reverse("coaching_admin:report")
    client.force_login(coordinator)
    assert report in _sidebar(client)
    assert report in _sidebar(client)  # kept
    permission = Permission.objects.get(codename="view_coaching_report")
    for group in coordinator.groups.all():
        group.permissions.remove(permission)
    assert report not in _sidebar(client)
    coordinator.groups.first().permissions.add(permission)
    assert report in _sidebar(client)


def test_joining_the_coordinators_group_shows_personal_data(client, editor):
    personal_data = reverse("people_admin:search")
    client.force_login(editor)
    assert personal_data not in _sidebar(client)
    assert personal_data not in _sidebar(client)  # kept
    editor.groups.add(Group.objects.get(name="Coordinator"))
    assert personal_data in _sidebar(client)


def test_every_change_a_menu_item_checks_starts_a_new_menu_generation(coordinator, home_page):
    from django.test import override_settings
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    from samverka.core.admin_sidebar import menu_generation

    group = Group.objects.create(name="Prövare")
    page = StandardPage(title="Flyttas", slug="flyttas")
    home_page.add_child(instance=page)
    target = StandardPage(title="Ny förälder", slug="ny-foralder")
    home_page.add_child(instance=target)
    change = Permission.objects.get(codename="change_page", content_type__app_label="wagtailcore")
    add_collection = Permission.objects.get(codename="add_image")
    changes = [
        lambda: coordinator.groups.add(group),
        lambda: coordinator.user_permissions.add(add_collection),
        lambda: group.permissions.add(add_collection),
        lambda: GroupPagePermission.objects.create(group=group, page=page, permission=change),
        lambda: GroupCollectionPermission.objects.create(
            group=group, collection=Collection.get_first_root_node(), permission=add_collection
        ),
        lambda: page.move(target, pos="last-child"),
        lambda: StandardPage.objects.get(pk=page.pk).delete(),
        lambda: setattr(group, "name", "Prövare 2") or group.save(),
    ]
    for n, change_made in enumerate(changes):
        before = menu_generation()
        change_made()
        assert menu_generation() > before, n
    before = menu_generation()
    with override_settings(WAGTAIL_WORKFLOW_ENABLED=False):
        assert menu_generation() > before


def test_a_renamed_user_shows_the_new_name_at_once(client, coordinator):
    client.force_login(coordinator)
    _sidebar(client)
    coordinator.first_name = "Ny-Förnamn"
    coordinator.save(update_fields=["first_name"])
    assert '"name": "Ny-F\\u00f6rnamn"' in _sidebar(client)


def test_each_user_gets_their_own_menu(client, coordinator, editor):
    personal_data = reverse("people_admin:search")
    client.force_login(coordinator)
    assert personal_data in _sidebar(client)
    client.force_login(editor)
    assert personal_data not in _sidebar(client)


def test_the_upkeep_panel_follows_a_publish_and_a_translated_string(client, editor, health_topic):  # noqa: F811
    from wagtail_localize.models import StringSegment, StringTranslation

    from samverka.orientation.translation import outdated_translations

    client.force_login(editor)
    assert "الصحة والرعاية" not in client.get("/admin/").content.decode()
    health_topic.intro = "Ny text om vårdcentralen."
    publish(health_topic)  # one segment of the Arabic translation is now behind
    assert "الصحة والرعاية" in client.get("/admin/").content.decode()
    assert "الصحة والرعاية" in client.get("/admin/").content.decode()  # kept
    arabic = outdated_translations().get()
    segment = next(
        segment
        for segment in StringSegment.objects.filter(string__data="Ny text om vårdcentralen.")
        if not StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context, locale=arabic.locale
        ).exists()
    )
    # Saved in the translation editor: no page is saved.
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=arabic.locale,
        data="نص جديد عن المركز الصحي.",
        translation_type="manual",
    )
    assert "الصحة والرعاية" not in client.get("/admin/").content.decode()


def _dashboard_queries(client) -> tuple[int, int]:
    counts = []
    for _ in range(2):  # built, then kept
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/")
        assert response.status_code == 200
        counts.append(len(queries))
    return tuple(counts)


def _grow(home_page, coordinator, size: int, start: int = 0) -> None:
    """`size` more pages edited by the coordinator and organisations to approve."""
    for n in range(start, start + size):
        page = StandardPage(title=f"Sida {n}", slug=f"sida-{n}")
        home_page.add_child(instance=page)
        page.save_revision(user=coordinator, log_action=True).publish(user=coordinator)
        Organisation.objects.create(
            name=f"Förening {n}",
            organisation_number=f"80{n:04d}-0000",
            kind=Organisation.Kind.ASSOCIATION,
            status=Organisation.Status.PENDING,
        )


# Kept (what a coordinator pays on every visit): session, user, permissions (2), profile,
# page and collection permissions, the explorable root, locales, the page summary (2: the
# count, the only site's home page's id), the day panel (1), the probe of Wagtail's
# content panels (1; samverka.core.admin_dashboard), recent edits (5: the log, the pages, their specific rows, workflow states, view
# restrictions); nothing in a workflow, to review or locked, so no query of those panels.
# Built, the first time: besides those the sidebar's (group names, site permissions), the
# upkeep panel's (2) and the site lookup's.
def test_the_dashboards_queries_do_not_grow_with_the_data(client, coordinator, home_page):
    from django.core.cache import cache

    client.force_login(coordinator)
    measured = []
    for start, size in ((0, 2), (2, 18)):  # two, then ten times as many
        _grow(home_page, coordinator, size, start)
        client.get("/admin/")  # whatever a process reads once
        cache.clear()
        measured.append(_dashboard_queries(client))
    assert measured[0] == measured[1]
    assert measured[0][1] == 18
