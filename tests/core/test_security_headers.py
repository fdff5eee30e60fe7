"""Finding 10: Content-Security-Policy, Permissions-Policy, no Gravatar, and no inline
script in the site's own templates (browser checks: test_security_csp_browser.py)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_public_pages_carry_a_strict_policy(client, home_page):
    response = client.get("/")
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no nonce asked for, none given
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # Wagtail's preview only
    # The video block's players, and nothing else from outside.
    assert policy["frame-src"] == [
        "'self'",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]
    from samverka.blocks import VIDEO_PATTERNS

    for _, embed, _ in VIDEO_PATTERNS:
        assert any(embed.startswith(origin) for origin in policy["frame-src"][1:]), embed
    assert policy["form-action"] == ["'self'"]
    for values in policy.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values
        assert "*" not in values
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_scripts_carry_the_nonce_named_in_the_header(client, home_page, coordinator):
    from samverka.orientation.models import OrientationIndexPage

    index = OrientationIndexPage.objects.first() or home_page.add_child(
        instance=OrientationIndexPage(title="Om Sverige")
    )
    client.force_login(coordinator)
    response = client.get(f"/admin/pages/add/orientation/orientationtopicpage/{index.pk}/")
    assert response.status_code == 200
    [nonce_source] = [v for v in directives(response)["script-src"] if v.startswith("'nonce-")]
    nonce = nonce_source[len("'nonce-") : -1]
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)
    assert inline, "the page form has Wagtail's inline start-up scripts"
    for attributes in inline:
        assert f'nonce="{nonce}"' in attributes


def test_no_gravatar_in_the_admin(client, home_page, coordinator):
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script_handlers_or_style_attributes(template):
    html = template.read_text()
    for match in re.finditer(r"<script\b([^>]*)>", html):
        attributes = match.group(1)
        assert "src=" in attributes or "nonce=" in attributes or "json" in attributes, (
            f"inline <script> without a nonce: {match.group(0)}"
        )
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"<[a-z][^>]*\sstyle\s*=", html), "style attribute"
