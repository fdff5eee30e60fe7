"""Settings of the Samverka core, read in this one place, each with a default.

The pattern of allauth's ``app_settings`` and Wagtail's ``getattr(settings, ..., default)``:
code reads ``from samverka.core.conf import settings`` and ``settings.MUNICIPALITY``; a host
site sets ``SAMVERKA_MUNICIPALITY`` in its Django settings only if it wants another value.
No setting is required. The README's "Add Samverka to your Wagtail site" lists them all.

Each app of the plugin set has its own ``conf.py`` built with ``AppSettings`` (``events.conf``,
``associations.conf``, ``mentors.conf``).
"""

from __future__ import annotations

from django.conf import settings as django_settings


class AppSettings:
    """Reads ``<prefix><NAME>`` from Django's settings, else the default given here.

    Values are read on every access, so ``override_settings`` in tests works.
    """

    def __init__(self, prefix: str, defaults: dict[str, object]):
        self._prefix = prefix
        self._defaults = defaults

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self._defaults:
            raise AttributeError(name)
        return getattr(django_settings, self._prefix + name, self._defaults[name])

    def setting_name(self, name: str) -> str:
        return self._prefix + name

    def names(self) -> list[str]:
        """The Django setting names this object reads (for documentation and checks)."""
        return [self._prefix + name for name in self._defaults]


settings = AppSettings(
    "SAMVERKA_",
    {
        # The municipality's name in the header, the footer and emails.
        "MUNICIPALITY": "",
        # The template every public page of the apps extends: the host's own layout.
        "BASE_TEMPLATE": "base.html",
        # Anyone who can open the Wagtail admin must pass a second factor per session.
        "ADMIN_REQUIRES_MFA": True,
        # The OpenID Connect `amr` values that count as a second factor.
        "OIDC_MFA_AMR": ["mfa"],
        # Browser features switched off (Permissions-Policy), when the middleware is used.
        "PERMISSIONS_POLICY": (
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            "accelerometer=(), gyroscope=(), magnetometer=()"
        ),
        # Seconds to wait before each further try of a failed email.
        "EMAIL_RETRY_DELAYS": [60, 300, 1800, 7200, 21600],
        # Days a finished outbox message is kept.
        "OUTBOX_RETENTION_DAYS": 90,
        # Seconds after which a claimed outbox message counts as interrupted (None: 15 min).
        "OUTBOX_CLAIM_TIMEOUT_SECONDS": None,
        # Reverse proxies in front of the site that append to X-Forwarded-For.
        "TRUSTED_PROXY_COUNT": 0,
        # {scope: (posts, seconds)} overriding samverka.core.public_forms.DEFAULT_LIMITS.
        "PUBLIC_FORM_LIMITS": {},
        # Messages a day to an address not confirmed on an account (None: the built-in cap).
        "PUBLIC_FORM_MAIL_CAP": None,
        # Seconds an anonymous visitor's page or listing is cached (0: off).
        "PAGE_CACHE_SECONDS": 0,
        # The site's address for links in emails (falls back to WAGTAILADMIN_BASE_URL).
        "SITE_URL": "",
    },
)


def site_url() -> str:
    """The site's address for absolute links in emails, without a trailing slash."""
    base = settings.SITE_URL or getattr(django_settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/")


def rtl_languages() -> set[str]:
    """Right-to-left language codes: the site's RTL_LANGUAGES, else Django's LANGUAGES_BIDI."""
    codes = getattr(django_settings, "RTL_LANGUAGES", None)
    return set(codes if codes is not None else django_settings.LANGUAGES_BIDI)


def content_languages() -> list[tuple[str, str]]:
    """The languages content is written in, as Wagtail reads them: WAGTAIL_CONTENT_LANGUAGES,
    else the one language of LANGUAGE_CODE."""
    from wagtail.coreutils import get_content_languages

    return list(get_content_languages().items())
