from .base import *
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set in production")
# The public host names, e.g. "samverka.alunda.se"; no local default in production.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise RuntimeError("ALLOWED_HOSTS must be set in production")
# Wagtail's own emails (workflow and moderation notices) link to the admin at this address,
# and messages sent by a worker fall back to it: by default the first public host name,
# never the development default (127.0.0.1).
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "").rstrip("/")
if not WAGTAILADMIN_BASE_URL:
    _named_hosts = [host for host in ALLOWED_HOSTS if host not in ("*", "") and host[0] != "."]
    if not _named_hosts:
        raise RuntimeError(
            "WAGTAILADMIN_BASE_URL must be set in production when ALLOWED_HOSTS names no "
            "single host (only patterns such as .example.org or *)"
        )
    WAGTAILADMIN_BASE_URL = f"https://{_named_hosts[0]}"

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CONN_HEALTH_CHECKS = True
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
SAMVERKA_ADMIN_REQUIRES_MFA = True

# An email service provider through django-anymail, e.g.
# EMAIL_BACKEND=anymail.backends.postmark.EmailBackend and POSTMARK_SERVER_TOKEN.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "anymail.backends.postmark.EmailBackend")

# Background work runs in a worker (`manage.py db_worker`) from the database queue.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

if env_str("WAGTAILSEARCH_BACKEND", "database") == "elasticsearch":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [env_str("ELASTICSEARCH_URL")],
            "INDEX": "samverka",
        }
    }

if env_str("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_URL"),
        }
    }
