"""The admin's furniture (templates/wagtailadmin/base.html) from the cache: the same HTML
as Wagtail's tags, built once per what it shows."""

import re

from django import template
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

SHORTCUTS_TEMPLATE = "wagtailadmin/shared/keyboard_shortcuts_dialog.html"
MAC = re.compile(r"Mac|iPod|iPhone|iPad")  # as Wagtail tells a Mac's key labels


@register.simple_tag(takes_context=True)
def samverka_sidebar_props(context):
    """Wagtail's `{% sidebar_props %}`, kept per user and menu generation
    (samverka.core.admin_sidebar)."""
    from samverka.core.admin_sidebar import sidebar_props_html

    return sidebar_props_html(context["request"])


@register.simple_tag(takes_context=True)
def samverka_keyboard_shortcuts_dialog(context):
    """Wagtail's `{% keyboard_shortcuts_dialog %}`, kept per what it shows: the
    language, whether the user has shortcuts on, a Mac's key labels or others', and
    whether comments are on (the dialog's template and Wagtail's version in the key)."""
    from wagtail import __version__
    from wagtail.admin.templatetags.wagtailadmin_tags import (
        get_comments_enabled,
        keyboard_shortcuts_dialog,
    )

    from samverka.core.fragments import template_version

    request = context.get("request")
    user = getattr(request, "user", None)
    profile = getattr(user, "wagtail_userprofile", None) if user is not None else None
    enabled = profile is None or bool(getattr(profile, "keyboard_shortcuts", True))
    mac = bool(request and MAC.search(request.headers.get("User-Agent", "")))
    key = (
        f"samverka:admin:shortcuts:{__version__}:{template_version(SHORTCUTS_TEMPLATE)}:"
        f"{translation.get_language()}:{int(enabled)}{int(mac)}{int(get_comments_enabled())}"
    )
    html = cache.get(key)
    if html is None:
        # As Django's inclusion tag renders it.
        dialog = context.template.engine.get_template(SHORTCUTS_TEMPLATE)
        html = str(dialog.render(context.new(keyboard_shortcuts_dialog(context))))
        cache.set(key, html)
    return mark_safe(html)  # noqa: S308 - Wagtail's template, rendered here
