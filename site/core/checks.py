"""System checks for a site that installs Samverka's apps (issue 20, "Bad input").

A host that forgot an app, a context processor, a middleware or a setting gets an error
naming it from `manage.py check` (and `runserver`, `migrate`), not a traceback when a
visitor first opens a page.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.template import TemplateDoesNotExist, engines
from django.template.backends.django import DjangoTemplates

from samverka import plugin

from .conf import settings as app_settings

# What each of Samverka's apps needs besides the core (app name → apps it needs).
NEEDS = {
    "samverka.people": ["samverka.core"],
    "associations": ["samverka.core", "samverka.people"],
    "mentors": ["samverka.core", "samverka.people", "associations"],
    "mentors.internships": ["samverka.core", "samverka.people", "associations", "mentors"],
    "events": ["samverka.core", "samverka.people", "associations"],
}
CONTEXT_PROCESSOR = "samverka.core.context_processors.site_context"


def _installed(name: str) -> bool:
    return apps.is_installed(name)


@register(Tags.compatibility)
def check_apps(app_configs=None, **kwargs):
    errors = []
    for app in plugin.REQUIRED_APPS + plugin.WAGTAIL_APPS:
        if not _installed(app):
            errors.append(
                Error(
                    f"Samverka needs the app '{app}' in INSTALLED_APPS.",
                    hint="Build INSTALLED_APPS with samverka.plugin.with_installed_apps(...) "
                    "or add the apps of samverka.plugin.INSTALLED_APPS.",
                    id="samverka.E001",
                )
            )
    for app, needed in NEEDS.items():
        if not _installed(app):
            continue
        for other in needed:
            if not _installed(other):
                errors.append(
                    Error(
                        f"The Samverka app '{app}' needs '{other}' in INSTALLED_APPS.",
                        hint="See README.md, 'Add Samverka to your Wagtail site', for the "
                        "combinations of apps that are supported.",
                        id="samverka.E002",
                    )
                )
    return errors


@register(Tags.templates)
def check_templates(app_configs=None, **kwargs):
    errors = []
    backends = [engine for engine in engines.all() if isinstance(engine, DjangoTemplates)]
    processors = {
        name
        for engine in backends
        for name in engine.engine.context_processors  # the dotted paths as configured
    }
    for name in plugin.CONTEXT_PROCESSORS + ["django.template.context_processors.request"]:
        if name not in processors:
            errors.append(
                Error(
                    f"Samverka's pages need the context processor '{name}'.",
                    hint="Add samverka.plugin.CONTEXT_PROCESSORS to "
                    "TEMPLATES[0]['OPTIONS']['context_processors'].",
                    id="samverka.E003",
                )
            )
    base = app_settings.BASE_TEMPLATE
    try:
        for engine in backends[:1]:
            engine.get_template(base)
    except TemplateDoesNotExist:
        errors.append(
            Error(
                f"The base template '{base}' (SAMVERKA_BASE_TEMPLATE) does not exist.",
                hint="Set SAMVERKA_BASE_TEMPLATE to your site's layout template; Samverka's "
                "pages fill its blocks 'title', 'content' and 'scripts'.",
                id="samverka.E004",
            )
        )
    return errors


@register(Tags.security)
def check_middleware(app_configs=None, **kwargs):
    errors = []
    for name in plugin.MIDDLEWARE:
        if name not in settings.MIDDLEWARE:
            errors.append(
                Error(
                    f"Samverka needs the middleware '{name}'.",
                    hint="Add samverka.plugin.MIDDLEWARE to MIDDLEWARE, after "
                    "AuthenticationMiddleware.",
                    id="samverka.E005",
                )
            )
    backend = "allauth.account.auth_backends.AuthenticationBackend"
    if backend not in settings.AUTHENTICATION_BACKENDS:
        errors.append(
            Warning(
                f"Samverka's logins (email and password, MFA) use '{backend}'.",
                hint="AUTHENTICATION_BACKENDS = samverka.plugin.AUTHENTICATION_BACKENDS",
                id="samverka.W001",
            )
        )
    return errors
