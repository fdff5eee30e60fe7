"""Absolute addresses for links in emails and text messages.

A link that leaves the site must carry its real address: the one the request
came to, or, for messages sent by `tick` or a worker, SAMVERKA_BASE_URL when the
installation states it, otherwise the default Wagtail Site's hostname (set in
Settings → Sites). Never a development default such as 127.0.0.1:8000.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save

_cached: dict[str, str] = {}


def base_url() -> str:
    explicit = getattr(settings, "SAMVERKA_BASE_URL", "") or ""
    if explicit:
        return explicit.rstrip("/")
    if "site" not in _cached:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        _cached["site"] = site.root_url.rstrip("/") if site is not None else ""
    return _cached["site"]


def absolute(path: str, request=None) -> str:
    """`path` ("/en/events/...") as a full address."""
    if path.startswith(("http://", "https://")):
        return path
    if request is not None:
        return request.build_absolute_uri(path)
    return base_url() + path


def _forget(**kwargs):
    _cached.clear()


def connect_signals():
    from wagtail.models import Site

    post_save.connect(_forget, sender=Site, dispatch_uid="samverka-links-site-saved")
    post_delete.connect(_forget, sender=Site, dispatch_uid="samverka-links-site-deleted")
    setting_changed.connect(_forget, dispatch_uid="samverka-links-setting")
