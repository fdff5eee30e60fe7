"""The one way to add Samverka's apps to an existing Wagtail site (issue 20).

In the host's settings::

    from samverka import plugin

    INSTALLED_APPS = plugin.with_installed_apps(INSTALLED_APPS)
    TEMPLATES[0]["OPTIONS"]["context_processors"] += plugin.CONTEXT_PROCESSORS
    MIDDLEWARE += plugin.MIDDLEWARE
    AUTHENTICATION_BACKENDS = plugin.AUTHENTICATION_BACKENDS

and in its URLs, in front of Wagtail's own catch-all::

    path("", include(plugin.urlpatterns)),

README.md, "Add Samverka to your Wagtail site", lists the settings a host must or may set.
Everything here is plain data, so a host can also copy it and pick.
"""

from __future__ import annotations

# Samverka's apps, in order: the shared core first (people before the apps that refer to a
# Person), then the apps. `mentors.internships` needs `mentors`; `events` and `mentors` need
# `associations`; `coaching` is optional and refers to the Person only.
SAMVERKA_APPS = [
    "samverka.core",
    "samverka.people",
    "associations",
    "mentors",
    "mentors.internships",
    "events",
]
OPTIONAL_APPS = ["coaching"]

# Third-party and contrib apps the Samverka apps use that a stock `wagtail start` project
# does not install. They come after Samverka's apps (so Samverka's templates win).
REQUIRED_APPS = [
    "wagtail.contrib.settings",
    "wagtail.locales",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "django_filters",
    "phonenumber_field",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# What every Wagtail site already has (`wagtail start`); named so the system checks can
# say which one is missing.
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

INSTALLED_APPS = SAMVERKA_APPS + REQUIRED_APPS

CONTEXT_PROCESSORS = [
    "django.template.context_processors.i18n",
    "samverka.core.context_processors.site_context",
]

MIDDLEWARE = [
    # allauth's: after AuthenticationMiddleware.
    "allauth.account.middleware.AccountMiddleware",
    # Staff (who can open the admin) pass a second factor per session; a host that
    # signs staff in elsewhere sets SAMVERKA_ADMIN_REQUIRES_MFA = False.
    "samverka.core.middleware.StaffRequiresMFAMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]


def with_installed_apps(host_apps: list[str], optional: tuple[str, ...] = ()) -> list[str]:
    """The host's INSTALLED_APPS with Samverka's apps in front and the apps they need
    added where missing (nothing twice). `optional` names apps of OPTIONAL_APPS to add."""
    host = list(host_apps)
    ours = [app for app in SAMVERKA_APPS + list(optional) if app not in host]
    needed = [app for app in REQUIRED_APPS if app not in host]
    return ours + needed + host


# The public URLs of each app, under the prefix the reference site uses.
APP_URLS = [
    ("samverka.people", "", "samverka.people.urls"),
    ("samverka.core", "my/", "samverka.core.urls"),
    ("associations", "organisations/", "associations.urls"),
    ("mentors", "mentors/", "mentors.urls"),
    ("mentors.internships", "internships/", "mentors.internships.urls"),
    ("events", "events/", "events.urls"),
    ("coaching", "coaching/", "coaching.urls"),
]


def build_urlpatterns() -> list:
    """allauth's account pages (with the checked OpenID Connect callback) and the public
    pages of every installed Samverka app."""
    from importlib.util import find_spec

    from django.apps import apps
    from django.urls import include, path

    from samverka.core.adapters import oidc_callback

    patterns = [
        path(
            "accounts/oidc/<str:provider_id>/login/callback/",
            oidc_callback,
            name="openid_connect_callback",
        ),
        path("accounts/", include("allauth.urls")),
    ]
    for app, prefix, module in APP_URLS:
        if apps.is_installed(app) and find_spec(module) is not None:
            patterns.append(path(prefix, include(module)))
    return patterns


def __getattr__(name):
    # Built on first use, when the app registry knows which apps are installed.
    if name == "urlpatterns":
        return build_urlpatterns()
    raise AttributeError(name)
