from pathlib import Path

from csp.constants import NONCE

from .env import cache_from_env, database_from_env, env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # repository root

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Samverka
    "samverka.core",
    "samverka.people",
    "samverka.home",
    "samverka.orientation",
    "associations",
    "mentors",
    "mentors.internships",
    "events",
    "coaching",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Segment-level translation: sync, PO export/import, machine translation (issue 17).
    "wagtail_localize",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    # Background work and email
    "django_tasks",
    "django_tasks_db",
    "anymail",
    # Django
    "django_filters",
    "phonenumber_field",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "samverka.core.middleware.CSPNonceMiddleware",
    "samverka.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Right after the language is known: a cached page skips everything below it.
    "samverka.orientation.cache.PageCacheMiddleware",
    # The Wagtail site from the layout cache: only renders that miss the page cache ask.
    "samverka.core.layout.SiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "samverka.core.middleware.StaffRequiresMFAMiddleware",
]

ROOT_URLCONF = "samverka.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "samverka.core.context_processors.site_context",
            ],
            # {% csp_nonce %} everywhere, widget templates included.
            "builtins": ["samverka.core.csp"],
        },
    },
]

WSGI_APPLICATION = "samverka.wsgi.application"

DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = cache_from_env()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Languages -------------------------------------------------------------
# Swedish is the default and lives at "/"; the others under "/<code>/".
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
    ("uk", "Українська"),
]
RTL_LANGUAGES = {"ar", "fa"}
# Phone numbers are stored in E.164; numbers typed without a country code are Swedish.
PHONENUMBER_DEFAULT_REGION = "SE"
PHONENUMBER_DB_FORMAT = "E164"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Machine translation as a starting point for translators (wagtail-localize). Choose a
# service with SAMVERKA_MACHINE_TRANSLATOR: "libretranslate" (a municipality can host it:
# LIBRETRANSLATE_URL, LIBRETRANSLATE_API_KEY) or "deepl" (DEEPL_AUTH_KEY). Unset: none.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "libretranslate": {
        "CLASS": "samverka.orientation.machine_translation.LibreTranslateTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": env_str("LIBRETRANSLATE_URL", "http://127.0.0.1:5000"),
            "API_KEY": env_str("LIBRETRANSLATE_API_KEY"),
            "TIMEOUT": env_int("SAMVERKA_MACHINE_TRANSLATOR_TIMEOUT", 20),
        },
    },
    "deepl": {
        "CLASS": "samverka.orientation.machine_translation.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": env_str("DEEPL_AUTH_KEY"),
            "TIMEOUT": env_int("SAMVERKA_MACHINE_TRANSLATOR_TIMEOUT", 20),
        },
    },
}.get(env_str("SAMVERKA_MACHINE_TRANSLATOR").lower())
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and media files --------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The registry's organisation model, for references from samverka.people (an outcome's
# employer), which names no app itself.
SAMVERKA_ORGANISATION_MODEL = "associations.Organisation"
# The meeting places coaching cases and referrals belong to (the site's CMS page type; it
# provides `actor_organisations()`). Apps name no site model themselves.
SAMVERKA_MEETING_PLACE_MODEL = "orientation.MeetingPlacePage"

# --- Wagtail -------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Samverka"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Every login and every password reset goes through allauth (MFA, rate limits, the
# outbox); site/urls.py sends Wagtail's own pages there.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# The admin's avatars would send an MD5 of each staff member's address to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Accounts (django-allauth) ----------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:my_pages"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "samverka.core.adapters.AccountAdapter"  # account emails via the outbox
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated here so that nobody switches them off by accident.
    "login": "30/m/ip",
    # The "key" is the client address and the account together (AccountAdapter), so
    # failures from one address cannot lock a named account for everyone else.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samverka] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samverka"
# Anyone who can open the Wagtail admin must have a TOTP authenticator
# (production). The local demo may switch this off; `make run` says so.
SAMVERKA_ADMIN_REQUIRES_MFA = env_bool("SAMVERKA_ADMIN_REQUIRES_MFA", True)
# The login stages MFA is allowed to skip: only when the identity provider vouches for it.
MFA_TRUST_ENABLED = False

# --- Staff single sign-on (OpenID Connect) -------------------------------------------
# One provider from the environment, e.g. Microsoft Entra ID:
#   SAMVERKA_OIDC_SERVER_URL=https://login.microsoftonline.com/<tenant>/v2.0
#   SAMVERKA_OIDC_CLIENT_ID, SAMVERKA_OIDC_CLIENT_SECRET, SAMVERKA_OIDC_NAME
# Without a client id there is no provider and no SSO button. The provider's `amr`
# claim containing one of SAMVERKA_OIDC_MFA_AMR counts as MFA for the session;
# otherwise staff pass Samverka's own MFA.
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
if env_str("SAMVERKA_OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": env_str("SAMVERKA_OIDC_PROVIDER_ID", "sso"),
            "name": env_str("SAMVERKA_OIDC_NAME", "Single sign-on"),
            "client_id": env_str("SAMVERKA_OIDC_CLIENT_ID"),
            "secret": env_str("SAMVERKA_OIDC_CLIENT_SECRET"),
            "settings": {"server_url": env_str("SAMVERKA_OIDC_SERVER_URL")},
        }
    )
SAMVERKA_OIDC_MFA_AMR = env_list("SAMVERKA_OIDC_MFA_AMR", "mfa")

# --- Email: always through django-anymail and a background task -----------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samverka <no-reply@samverka.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
ANYMAIL = {
    key: value
    for key, value in {
        "MAILGUN_API_KEY": env_str("MAILGUN_API_KEY"),
        "POSTMARK_SERVER_TOKEN": env_str("POSTMARK_SERVER_TOKEN"),
        "SENDGRID_API_KEY": env_str("SENDGRID_API_KEY"),
        "BREVO_API_KEY": env_str("BREVO_API_KEY"),
        "AMAZON_SES_CLIENT_PARAMS": {},
        "WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET"),
    }.items()
    if value
}
# How often a failed send is tried again, and how long to wait (seconds) before
# each further try; the delays grow so a provider outage is ridden out.
SAMVERKA_EMAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]
# Days a finished outbox message (recipients, subject, body) is kept before the
# periodic purge deletes it.
SAMVERKA_OUTBOX_RETENTION_DAYS = env_int("SAMVERKA_OUTBOX_RETENTION_DAYS", 90)
# A message a worker claimed longer ago than this is marked "interrupted" (the worker died
# mid-send) for a coordinator to decide; it is never re-sent blindly.
SAMVERKA_OUTBOX_CLAIM_TIMEOUT_SECONDS = env_int("SAMVERKA_OUTBOX_CLAIM_TIMEOUT_SECONDS", 900)

# --- Text messages (samverka.core.sms; reached only through samverka.core.notify) ---------
# The public address of the site for links in emails and SMS sent by workers. Empty: the
# default Wagtail Site's hostname (Settings -> Sites) is used. No development default.
SAMVERKA_BASE_URL = env_str("SAMVERKA_BASE_URL", "")
# console (prints), locmem (tests) or samverka.core.sms.backends.elks.Backend (46elks).
SAMVERKA_SMS_BACKEND = env_str("SAMVERKA_SMS_BACKEND", "samverka.core.sms.backends.console.Backend")
SAMVERKA_SMS_SENDER = env_str("SAMVERKA_SMS_SENDER", "Samverka")  # at most 11 characters
# Longer texts are shortened (links and codes kept whole) or, when that is impossible, not sent.
SAMVERKA_SMS_MAX_SEGMENTS = env_int("SAMVERKA_SMS_MAX_SEGMENTS", 3)
SAMVERKA_SMS_TIMEOUT_SECONDS = env_int("SAMVERKA_SMS_TIMEOUT_SECONDS", 10)
# In the path of the delivery-report and inbound (STOP) webhooks; empty turns them off.
SAMVERKA_SMS_WEBHOOK_SECRET = env_str("SAMVERKA_SMS_WEBHOOK_SECRET", "")
SAMVERKA_46ELKS_USERNAME = env_str("SAMVERKA_46ELKS_USERNAME", "")
SAMVERKA_46ELKS_PASSWORD = env_str("SAMVERKA_46ELKS_PASSWORD", "")
SAMVERKA_46ELKS_API_URL = env_str("SAMVERKA_46ELKS_API_URL", "https://api.46elks.com/a1")

# --- Background work (django-tasks) ---------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# --- Security defaults shared by every deployment --------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# How many reverse proxies (TLS terminator, load balancer) stand in front of the
# application and append to X-Forwarded-For. 0: the peer address is the client's.
# Every rate limit keys on samverka.core.ratelimit.client_ip, which reads this.
SAMVERKA_TRUSTED_PROXY_COUNT = env_int("SAMVERKA_TRUSTED_PROXY_COUNT", 0)
# allauth asks AccountAdapter.get_client_ip, which uses client_ip; this keeps allauth's
# own reading of the header (if anything calls it directly) in step.
ALLAUTH_TRUSTED_PROXY_COUNT = SAMVERKA_TRUSTED_PROXY_COUNT

# Content-Security-Policy (django-csp): the site's own files only, no inline script; an
# inline script that cannot be avoided carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The video block loads its player only after "Play" (site/blocks.py, video.js).
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail's preview frames the site's own pages; nobody else may frame them.
        "frame-ancestors": ["'self'"],
    }
}
if env_str("SAMVERKA_OIDC_CLIENT_ID"):
    # Chrome applies form-action to the redirect after the SSO button's POST.
    from urllib.parse import urlsplit

    _idp = urlsplit(env_str("SAMVERKA_OIDC_SERVER_URL"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_idp.scheme}://{_idp.netloc}")
# Browser features the site never uses are switched off for it and anything it embeds.
SAMVERKA_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=()"
)

# Page cache for anonymous visitors (seconds).
SAMVERKA_PAGE_CACHE_SECONDS = env_int("SAMVERKA_PAGE_CACHE_SECONDS", 300)

# The municipality that runs the installation, as the first migration creates it (after that
# its record in the admin, Municipalities, is what counts). The kommunkod may stay empty.
SAMVERKA_MUNICIPALITY = env_str("SAMVERKA_MUNICIPALITY", "Ålunda kommun")
SAMVERKA_MUNICIPALITY_CODE = env_str("SAMVERKA_MUNICIPALITY_CODE", "")

# Events are held at this site's meeting-place pages (the plugin set's default is its own
# small events.Place model). Swappable like AUTH_USER_MODEL: never change it after migrating.
SAMVERKA_EVENTS_PLACE_MODEL = "orientation.MeetingPlacePage"
# The events index page belongs under the home page.
SAMVERKA_EVENTS_INDEX_PARENT_PAGE_TYPES = ["home.HomePage"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}


FORM_RENDERER = "samverka.core.forms.SiteFormRenderer"

# Django has no locale information for Somali and Tigrinya; add it so that
# {% get_language_info %} and the language switcher know their names.
from django.conf.locale import LANG_INFO  # noqa: E402

LANG_INFO.update(
    {
        "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
        "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    }
)
