"""Finding 10 in a real browser: under the Content-Security-Policy the public pages and
the Wagtail admin work and the browser reports no violation."""

import os

import pytest

# As in tests/browser/conftest.py: Playwright's sync API runs an event loop in this
# thread, and the live server runs in another.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture
def site_with_demo(transactional_db, django_db_serialized_rollback, home_page):
    return home_page


def collect_violations(page):
    page.add_init_script(
        """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(
            e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber
          );
        });
        """
    )
    messages = []
    page.on(
        "console",
        lambda msg: messages.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return messages


def violations(page, console):
    return page.evaluate("window.__cspViolations") + console


def wait_until(page, expression, seconds=10):
    # page.wait_for_function evaluates its polling code with eval, which the policy
    # (rightly) forbids; page.evaluate goes through the debugging protocol.
    for _ in range(seconds * 10):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def login(page, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)  # tests/conftest.py: a session that passed MFA
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize("path", ["/", "/en/accounts/login/", "/events/", "/organisations/"])
def test_public_pages_have_no_csp_violations(page, live_server, site_with_demo, path):
    console = collect_violations(page)
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []


def orientation_index(home_page):
    from samverka.orientation.models import OrientationIndexPage

    index = OrientationIndexPage.objects.first()
    if index is None:
        index = home_page.add_child(instance=OrientationIndexPage(title="Om Sverige"))
    return index


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/newcomers/", "add"])
def test_admin_pages_work_without_csp_violations(page, live_server, site_with_demo, path):
    from samverka.core.demo import demo_login, ensure_user

    if path == "add":
        # A page form with a date picker and inline panels, started by Wagtail's script.
        path = f"/admin/pages/add/orientation/orientationtopicpage/{orientation_index(site_with_demo).pk}/"
    coordinator = ensure_user(demo_login("coordinator"))
    login(page, live_server, coordinator)
    console = collect_violations(page)
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # Wagtail's own scripts ran: the sidebar is drawn by JavaScript.
    page.wait_for_selector("[data-wagtail-sidebar] nav, .sidebar nav", state="attached")
    assert violations(page, console) == []
    if "/add/" in path:
        # The date picker was started: the input is wired to Wagtail's datetimepicker.
        page.locator("#id_last_reviewed").click()
        wait_until(
            page,
            "[...document.querySelectorAll('.xdsoft_datetimepicker')]"
            ".some((el) => getComputedStyle(el).display === 'block')",
        )
        # The inline panel was started: its "Add" button adds a form.
        before = page.locator("[id^='inline_child_related_links-']").count()
        page.locator("#id_related_links-ADD").click()
        wait_until(
            page,
            f"document.querySelectorAll(\"[id^='inline_child_related_links-']\").length > {before}",
        )
        assert violations(page, console) == []
    # No avatar from Gravatar: staff members' address hashes stay on the server.
    assert "gravatar" not in page.content()
