"""A signed-in person's /my/ sections, kept per person until something on them changes.

/my/ is made of the apps' sections (`<app>.my_pages.SECTIONS`); building them asks about ten
queries, one or more per section, and a person opens the page far more often than anything on
it changes. The sections are rendered once and kept in the cache under the person's *stamp*:

- Each app says, beside its sections, whose /my/ a row of its models is on
  (`SHOWN_TO`: paths from the row to a user's id, e.g. a registration's ``user``, an
  enrolment's ``participant__person__user``). Saving or deleting such a row gives those
  people a new stamp.
- Rows shown on many people's pages (an organisation's name, a programme, a date's time:
  `SHOWN_TO_MANY`) start a new generation of every /my/ instead; so do a published page
  (the content generation: an event's title) and a change of groups' permissions.
- Bulk writes (`update()`, `bulk_create`) send no signals: the code that makes them calls
  `changed()` itself. As a safety net nothing is kept longer than `KEEP_SECONDS`, nor past
  the end of the first date the events section lists.

A stamp is a random token, not a counter: a cache that lost it makes a new one, and no key
of before can be read as current. The stamp is also dropped again when the transaction that
changed the rows commits, so a page built by another request between the change and the
commit (from the old rows) is not kept under the new stamp.

The cache is shared by the processes of a production site (Redis); with the embedded
default (local memory, one process) it is that process's own. Several processes with local
memory each keep their own pages for at most `samverka.core.cache.LOCAL_CACHE_MAX_SECONDS`.
"""

from __future__ import annotations

import secrets

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cache import CONTENT, Generation, keep_seconds, key_part
from .discovery import modules

KEEP_SECONDS = 600
STAMP_SECONDS = 7 * 24 * 3600
EVERYONE = Generation("samverka:my:generation")
# What {% csrf_token %} writes into a kept page, replaced by the request's own token when the
# page is served: the token is per session (rotated at login), the page is per person.
CSRF_MARK = "samverka-csrf-token-of-the-request"


def _stamp_key(user_id) -> str:
    return f"samverka:my:stamp:{user_id}"


def changed(user_ids) -> None:
    """These people's /my/ is new (a row on it changed). Also once more at commit."""
    keys = sorted({_stamp_key(pk) for pk in user_ids if pk})
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def everyone_changed(**kwargs) -> None:
    """Every /my/ is new: a row shown on many of them changed (usable as a signal receiver)."""
    EVERYONE.changed()


def _entry_key(request, stamp, content, everyone) -> str:
    parts = (
        request.user.pk,
        stamp,
        get_language(),
        content,
        everyone,
        key_part(request.get_host()),
        # "You have waited 12 days": a kept page is of one day
        timezone.localdate().isoformat(),
    )
    return "samverka:my:page:" + ":".join(str(part) for part in parts)


def _stamp(user_id, found):
    stamp = found.get(_stamp_key(user_id))
    if stamp is None:
        stamp = secrets.token_hex(6)
        if not cache.add(_stamp_key(user_id), stamp, STAMP_SECONDS):
            stamp = cache.get(_stamp_key(user_id), stamp)
    return stamp


def sections_html(request, build) -> tuple[str, dict]:
    """The rendered sections of `request.user`'s /my/ and what `build` returned besides them.

    `build(request)` returns ``(sections, extra)``: the sections (dicts with a title, a
    template and what it shows, optionally ``fresh_until``, a time after which they are out of
    date) and a small picklable dict of other things the page shows (kept with them)."""
    user_id = request.user.pk
    found = cache.get_many([_stamp_key(user_id), CONTENT.key, EVERYONE.key])
    stamp = _stamp(user_id, found)
    key = _entry_key(request, stamp, found.get(CONTENT.key, 1), found.get(EVERYONE.key, 1))
    kept = cache.get(key)
    if kept is None:
        sections, extra = build(request)
        html = render_to_string(
            "core/my_pages_sections.html",
            {"sections": sections, "csrf_token": CSRF_MARK},
            request,
        )
        kept = (html, extra)
        seconds = min(keep_seconds(), KEEP_SECONDS)
        ends = [s["fresh_until"] for s in sections if s.get("fresh_until")]
        if ends:
            seconds = min(seconds, int((min(ends) - timezone.now()).total_seconds()))
        if seconds > 0:
            cache.set(key, kept, seconds)
    html, extra = kept
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    return mark_safe(html), extra  # noqa: S308 - rendered by the template engine above


# --- who is affected by a change ------------------------------------------------------


def _users_of(instance, paths) -> set:
    """The ids of the users `paths` lead to from `instance` (a saved or not yet deleted row)."""
    model = type(instance)
    found = set()
    queried = []
    for path in paths:
        field = model._meta.get_field(path) if "__" not in path else None
        if field is not None and field.many_to_one:
            found.add(getattr(instance, field.attname))
        else:
            queried.append(path)
    if queried:
        for row in model._base_manager.filter(pk=instance.pk).values_list(*queried):
            found.update(row)
    found.discard(None)
    return found


def _receiver(paths):
    def on_change(sender, instance, raw=False, **kwargs):
        if raw:  # loading fixtures
            return
        changed(_users_of(instance, paths))

    return on_change


def _on_user_saved(sender, instance, raw=False, **kwargs):
    # Active, superuser: whether /my/ offers the administration.
    if not raw:
        changed([instance.pk])


def _on_user_groups(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not reverse:  # seen from a user: their groups changed
        if action.startswith("post_"):
            changed([instance.pk])
    elif action in ("post_add", "post_remove"):  # seen from a group: these users
        changed(pk_set or ())
    elif action == "pre_clear":  # all of a group's users, while they are still in it
        changed(instance.user_set.values_list("pk", flat=True))


def connect() -> None:
    """Connect the apps' SHOWN_TO and SHOWN_TO_MANY (`<app>.my_pages`) to the model signals."""
    from django.contrib.auth.models import Group

    User = apps.get_model(settings.AUTH_USER_MODEL)
    for module in modules("my_pages"):
        for label, paths in getattr(module, "SHOWN_TO", {}).items():
            model = apps.get_model(label)
            receiver = _receiver(tuple(paths))
            uid = f"samverka_my_pages_{label}"
            # weak=False: nothing else holds the receiver made here
            post_save.connect(receiver, sender=model, dispatch_uid=uid, weak=False)
            pre_delete.connect(receiver, sender=model, dispatch_uid=uid + "_gone", weak=False)
        for label in getattr(module, "SHOWN_TO_MANY", ()):
            model = apps.get_model(label)
            uid = f"samverka_my_pages_many_{label}"
            post_save.connect(everyone_changed, sender=model, dispatch_uid=uid)
            pre_delete.connect(everyone_changed, sender=model, dispatch_uid=uid + "_gone")
    post_save.connect(_on_user_saved, sender=User, dispatch_uid="samverka_my_pages_user")
    m2m_changed.connect(
        _on_user_groups, sender=User.groups.through, dispatch_uid="samverka_my_pages_groups"
    )
    m2m_changed.connect(
        everyone_changed,
        sender=Group.permissions.through,
        dispatch_uid="samverka_my_pages_permissions",
    )
