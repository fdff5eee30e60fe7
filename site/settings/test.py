from .base import *

DEBUG = False
SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# As in production: staff sessions must have passed MFA. tests/conftest.py gives the
# sessions of force_login an MFA record; the MFA tests take it away.
SAMVERKA_ADMIN_REQUIRES_MFA = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
SAMVERKA_BASE_URL = "http://testserver"
SAMVERKA_SMS_BACKEND = "samverka.core.sms.backends.locmem.Backend"
SAMVERKA_SMS_WEBHOOK_SECRET = "test-webhook-secret"

# Serve static files from the apps and STATICFILES_DIRS without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The anonymous page cache is off in tests so that query counts measure rendering;
# tests/orientation/test_cache.py switches it on where it is tested.
SAMVERKA_PAGE_CACHE_SECONDS = 0
