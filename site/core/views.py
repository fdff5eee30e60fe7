from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Permission
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db import connection
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control

from samverka.core.conf import settings as app_settings
from samverka.people.views import current_consent_required

from . import my_pages_cache
from .discovery import collect
from .sitemaps import AllLanguagesPageSitemap, LocalizedViewsSitemap


def sitemap(request):
    sitemaps = {
        "pages": AllLanguagesPageSitemap(request),
        "views": LocalizedViewsSitemap(collect("sitemaps", "PUBLIC_URL_NAMES")),
    }
    return django_sitemap(request, sitemaps)


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", "Disallow: /my/"]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def can_open_admin(user) -> bool:
    """`user.has_perm("wagtailadmin.access_admin")` as the model backends answer it (active,
    superuser, or the permission given to the user or one of their groups), in one query
    instead of reading all their permissions in two."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user),
        content_type__app_label="wagtailadmin",
        codename="access_admin",
    ).exists()


@login_required
@current_consent_required("volunteering", "kompis", "programmes")
def my_pages(request):
    """A signed-in person's start page: what each part of Samverka has for them.

    The sections are kept per person until something on them changes
    (`samverka.core.my_pages_cache`)."""
    sections_html, extra = my_pages_cache.sections_html(request, _build_my_pages)
    return render(
        request,
        "core/my_pages.html",
        {"sections_html": sections_html, "is_staff_user": extra["is_staff_user"]},
    )


def _build_my_pages(request):
    sections = [section(request) for section in collect("my_pages", "SECTIONS")]
    return [s for s in sections if s], {"is_staff_user": can_open_admin(request.user)}


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors on purpose: the error may come from one.
    # LocaleMiddleware has already chosen the visitor's language.
    template = loader.get_template("500.html")
    body = template.render({"municipality_name": app_settings.MUNICIPALITY})
    return HttpResponse(body, status=500)
