from .base import *
from .env import env_bool

DEBUG = True
ALLOWED_HOSTS = ["*"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# The local demo lets coordinators and editors into the admin without an
# authenticator app; production requires one (see README).
SAMVERKA_ADMIN_REQUIRES_MFA = env_bool("SAMVERKA_ADMIN_REQUIRES_MFA", False)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Serve static files from the apps and STATICFILES_DIRS without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
