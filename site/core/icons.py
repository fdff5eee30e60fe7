"""The site's icons at the addresses browsers ask for without reading any page:
``/favicon.ico`` and ``/apple-touch-icon.png`` (the files live in static/icons/; pages link
them and the web app manifest from base.html)."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import FileResponse, Http404, JsonResponse
from django.templatetags.static import static
from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ICONS = {
    "favicon.ico": ("icons/favicon.ico", "image/x-icon"),
    "apple-touch-icon.png": ("icons/apple-touch-icon.png", "image/png"),
}


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def icon(request, name):
    try:
        static_name, content_type = ICONS[name]
        return FileResponse(staticfiles_storage.open(static_name), content_type=content_type)
    except (KeyError, FileNotFoundError, OSError):
        raise Http404(name) from None


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def manifest(request):
    name = getattr(settings, "SAMVERKA_MUNICIPALITY", "")
    return JsonResponse(
        {
            "name": f"Samverka – {name}" if name else "Samverka",
            "short_name": "Samverka",
            "start_url": "/",
            "display": "browser",
            "background_color": "#ffffff",
            "theme_color": "#073f54",
            "icons": [
                {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        },
        content_type="application/manifest+json",
    )


urlpatterns = [
    path("favicon.ico", icon, {"name": "favicon.ico"}, name="favicon"),
    path("apple-touch-icon.png", icon, {"name": "apple-touch-icon.png"}),
    path("manifest.webmanifest", manifest, name="web_manifest"),
]
