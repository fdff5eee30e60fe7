"""Settings for `benchmarks/`: production-like (DEBUG off, same middleware, templates
and database work) but over plain HTTP on loopback, plus a bare Django view at
/bench/bare/ that touches neither templates nor the database: the baseline that
every measured page is compared with in the same run.
"""

from django.http import HttpResponse
from django.urls import path

from .base import *

DEBUG = False
SECRET_KEY = "benchmark-only-key-not-used-anywhere-else-0123456789abcdef"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
SAMVERKA_ADMIN_REQUIRES_MFA = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files are not part of what is measured; serve them without collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None

# This module is its own URLconf: the site's URLs plus the bare view.
ROOT_URLCONF = "samverka.settings.bench"


def bare_view(request):
    return HttpResponse(b"ok", content_type="text/plain")


def __getattr__(name):
    # Built on first use, not at settings import: the site's URLconf imports
    # views and models, which need the settings to be loaded first.
    if name == "urlpatterns":
        from samverka.urls import urlpatterns as site_urlpatterns

        patterns = [path("bench/bare/", bare_view, name="bench_bare"), *site_urlpatterns]
        globals()["urlpatterns"] = patterns
        return patterns
    raise AttributeError(name)
