"""Wagtail's admin sidebar, kept per user, language and menu generation.

Every admin page renders the sidebar's props (`{% sidebar_props %}` in Wagtail's
base template): each menu item's `is_shown` (permission checks, some of them queries:
group names, site and collection permissions), then telepath packing of the whole
menu. That was about a quarter of the admin dashboard's CPU time, and its result is
the same on every request of the same user until what the menu shows can change.

`sidebar_props_html(request)` gives the same HTML as Wagtail's tag (a test compares
them byte for byte), from the cache under a key made of

- the menu generation (`MENU_GENERATION_KEY`), bumped by `connect()`'s receivers
  whenever what a menu item checks can change: group membership, a user's or a
  group's permissions, a group (renamed or deleted), page, collection and site
  permissions, a page moved or deleted (the explorer's start page), and settings
  changed in tests;
- the active language (the labels);
- the user's id, `is_superuser`, `is_active` and `is_staff` (read from the loaded
  user, so a changed flag is a new key without a bump);
- the user's dismissed items (the help menu's "new" markers), from the profile the
  admin has loaded already.

The user's name and avatar in the account menu are filled in on every request (the
cached HTML holds a placeholder for them), so a renamed user shows the new name at
once. The active menu item is worked out in the browser (Wagtail's sidebar script
compares the address); no per-request part but the user's is packed. No query is made
for the key. A menu item's `is_shown` or a `construct_main_menu` hook added later must
depend only on what the key holds (permissions, groups, the flags above), or bump the
generation where what it reads changes.

With the local-memory cache (one per process) an entry is kept no longer than
`samverka.core.cache.LOCAL_CACHE_MAX_SECONDS`, as the layout's: a change made through
another process is seen after that.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import translation
from django.utils.html import _json_script_escapes, json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samverka.core.cache import Generation, keep_seconds

MENU_GENERATION_KEY = "samverka:admin:menu:generation"
PREFIX = "samverka:admin:sidebar"
# Stands for the user's name and avatar in the cached HTML; replaced on every request.
USER_PLACEHOLDER = "samverka-sidebar-user-5b0e2d7c"


MENU = Generation(MENU_GENERATION_KEY)


def menu_generation() -> int:
    return MENU.current()


def bump_menu_generation(**kwargs) -> None:
    """A new menu generation: every cached sidebar is built again (signal receiver)."""
    MENU.bump()


def _profile(user):
    # Loaded already on an admin request (the admin's language and time zone).
    return getattr(user, "wagtail_userprofile", None)


def _key(user) -> str:
    profile = _profile(user)
    dismissed = json.dumps(profile.dismissibles if profile else None, sort_keys=True)
    flags = f"{int(user.is_superuser)}{int(user.is_active)}{int(user.is_staff)}"
    digest = hashlib.md5(dismissed.encode(), usedforsecurity=False).hexdigest()[:12]
    return f"{PREFIX}:{menu_generation()}:{translation.get_language()}:{user.pk}:{flags}:{digest}"


def _build(request) -> str:
    """Wagtail's `sidebar_props` with the user's name and avatar left as a placeholder."""
    from wagtail.admin.menu import admin_menu
    from wagtail.admin.search import admin_search_areas
    from wagtail.admin.telepath import JSContext
    from wagtail.admin.ui import sidebar

    class MainMenuModule(sidebar.MainMenuModule):
        def js_args(self):
            return [self.menu_items, self.account_menu_items, USER_PLACEHOLDER]

    search_areas = admin_search_areas.search_items_for_request(request)
    account_menu = [
        sidebar.LinkMenuItem(
            "account", _("Account"), reverse("wagtailadmin_account"), icon_name="user"
        ),
        sidebar.ActionMenuItem(
            "logout", _("Log out"), reverse("wagtailadmin_logout"), icon_name="logout"
        ),
    ]
    modules = [
        sidebar.WagtailBrandingModule(),
        sidebar.SearchModule(search_areas[0]) if search_areas else None,
        MainMenuModule(admin_menu.render_component(request), account_menu, request.user),
    ]
    modules = [module for module in modules if module is not None]
    html = str(
        json_script({"modules": JSContext().pack(modules)}, element_id="wagtail-sidebar-props")
    )
    if html.count(f'"{USER_PLACEHOLDER}"') != 1:
        raise RuntimeError("The sidebar's packed props no longer hold the user where expected.")
    return html


def _user_json(user) -> str:
    from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

    value = {
        "name": getattr(user, "first_name", None) or user.get_username(),
        "avatarUrl": avatar_url(user, size=50),
    }
    return json.dumps(value, cls=DjangoJSONEncoder).translate(_json_script_escapes)


def sidebar_props_html(request) -> SafeString:
    key = _key(request.user)
    html = cache.get(key)
    if html is None:
        html = _build(request)
        cache.set(key, html, keep_seconds())
    # The rest is our own packed menu; the user's part is escaped as json_script does.
    return mark_safe(html.replace(f'"{USER_PLACEHOLDER}"', _user_json(request.user)))  # noqa: S308


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from django.test.signals import setting_changed
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission
    from wagtail.signals import post_page_move

    User = get_user_model()
    uid = "samverka_admin_menu"
    # (A dispatch_uid is unique per sender: one serves every model here.)
    for model in (
        Group,
        Permission,
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
    ):
        post_save.connect(bump_menu_generation, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(bump_menu_generation, sender=model, dispatch_uid=f"{uid}_delete")
    for through in (
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(bump_menu_generation, sender=through, dispatch_uid=f"{uid}_m2m")
    # The explorer's start page is the common ancestor of the pages a user has rights on.
    post_page_move.connect(bump_menu_generation, dispatch_uid=f"{uid}_move")
    post_delete.connect(_on_page_deleted, dispatch_uid=f"{uid}_page_delete")
    setting_changed.connect(bump_menu_generation, dispatch_uid=f"{uid}_setting")


def _on_page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump_menu_generation()
