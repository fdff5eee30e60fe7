"""Settings come from the environment; production settings are safe by default."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samverka.settings import env as settings_env

ROOT = Path(__file__).resolve().parents[2]

ENV_NAMES = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CACHE_URL",
    "REDIS_URL",
    "EMAIL_BACKEND",
    "POSTMARK_SERVER_TOKEN",
    "TASKS_BACKEND",
    "SAMVERKA_ADMIN_REQUIRES_MFA",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "CONN_MAX_AGE",
    "SAMVERKA_TRUSTED_PROXY_COUNT",
    "SAMVERKA_OIDC_CLIENT_ID",
    "SAMVERKA_OIDC_CLIENT_SECRET",
    "SAMVERKA_OIDC_SERVER_URL",
    "SAMVERKA_OIDC_NAME",
    "SAMVERKA_OIDC_PROVIDER_ID",
    "SAMVERKA_OIDC_MFA_AMR",
    "WAGTAILADMIN_BASE_URL",
]

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-settings-test-0123456789",
    "ALLOWED_HOSTS": "samverka.alunda.se, www.samverka.alunda.se",
    "CSRF_TRUSTED_ORIGINS": "https://samverka.alunda.se",
    "DATABASE_URL": "postgres://samverka:hemligt@db.internal:5433/samverka",
    "REDIS_URL": "redis://cache.internal:6379/1",
    "POSTMARK_SERVER_TOKEN": "postmark-token",
    "CONN_MAX_AGE": "60",
}


def load_settings(monkeypatch, module, env):
    """Import a settings module afresh with exactly `env` set, then put the
    already-imported settings modules back as they were."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    package = importlib.import_module("samverka.settings")
    saved = {
        name: mod for name, mod in sys.modules.items() if name.startswith("samverka.settings.")
    }
    for name in saved:
        del sys.modules[name]
    try:
        return importlib.import_module(module)
    finally:
        for name in [n for n in sys.modules if n.startswith("samverka.settings.")]:
            del sys.modules[name]
        sys.modules.update(saved)
        for name, mod in saved.items():
            setattr(package, name.rsplit(".", 1)[1], mod)


def test_production_settings_have_the_security_settings(monkeypatch):
    prod = load_settings(monkeypatch, "samverka.settings.production", PRODUCTION_ENV)
    assert prod.DEBUG is False
    assert prod.SECRET_KEY == PRODUCTION_ENV["SECRET_KEY"]
    assert prod.ALLOWED_HOSTS == ["samverka.alunda.se", "www.samverka.alunda.se"]
    assert prod.CSRF_TRUSTED_ORIGINS == ["https://samverka.alunda.se"]
    assert prod.SECURE_SSL_REDIRECT is True
    assert prod.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert prod.SECURE_HSTS_SECONDS >= 31_536_000
    assert prod.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert prod.SESSION_COOKIE_SECURE is True
    assert prod.CSRF_COOKIE_SECURE is True
    assert prod.SESSION_COOKIE_HTTPONLY is True
    assert prod.X_FRAME_OPTIONS == "DENY"
    assert prod.SECURE_CONTENT_TYPE_NOSNIFF is True
    # Anyone with admin access needs an authenticator app in production.
    assert prod.SAMVERKA_ADMIN_REQUIRES_MFA is True
    assert "samverka.core.middleware.StaffRequiresMFAMiddleware" in prod.MIDDLEWARE
    # Content-Security-Policy and Permissions-Policy on every response; no Gravatar;
    # no password reset beside allauth's.
    assert "csp.middleware.CSPMiddleware" in prod.MIDDLEWARE
    assert "samverka.core.middleware.PermissionsPolicyMiddleware" in prod.MIDDLEWARE
    assert prod.CONTENT_SECURITY_POLICY["DIRECTIVES"]["default-src"] == ["'self'"]
    assert prod.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert prod.WAGTAIL_PASSWORD_RESET_ENABLED is False
    assert prod.MFA_TRUST_ENABLED is False
    # Background work through the database queue and a worker; email through an ESP.
    assert prod.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert prod.EMAIL_BACKEND.startswith("anymail.backends.")
    assert prod.ANYMAIL["POSTMARK_SERVER_TOKEN"] == "postmark-token"
    # WhiteNoise serves compressed, hashed static files.
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in prod.MIDDLEWARE
    assert prod.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    # The database and cache come from the environment.
    database = prod.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        "samverka",
        "samverka",
        "hemligt",
    )
    assert (database["HOST"], database["PORT"]) == ("db.internal", 5433)
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert prod.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert prod.CACHES["default"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_production_settings_follow_overrides(monkeypatch):
    env = {
        **PRODUCTION_ENV,
        "EMAIL_BACKEND": "anymail.backends.mailgun.EmailBackend",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "SECURE_SSL_REDIRECT": "false",
    }
    prod = load_settings(monkeypatch, "samverka.settings.production", env)
    assert prod.EMAIL_BACKEND == "anymail.backends.mailgun.EmailBackend"
    assert prod.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert prod.SECURE_SSL_REDIRECT is False


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(monkeypatch, missing):
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    with pytest.raises(RuntimeError, match=missing):
        load_settings(monkeypatch, "samverka.settings.production", env)


def test_production_links_to_its_own_host_not_a_development_address(monkeypatch):
    """Wagtail's emails and a worker's messages link to WAGTAILADMIN_BASE_URL: in production
    it is the first public host name unless set, never 127.0.0.1."""
    prod = load_settings(monkeypatch, "samverka.settings.production", PRODUCTION_ENV)
    assert prod.WAGTAILADMIN_BASE_URL == "https://samverka.alunda.se"

    env = {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": "https://admin.alunda.se/"}
    prod = load_settings(monkeypatch, "samverka.settings.production", env)
    assert prod.WAGTAILADMIN_BASE_URL == "https://admin.alunda.se"

    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": ".alunda.se"}
    with pytest.raises(RuntimeError, match="WAGTAILADMIN_BASE_URL"):
        load_settings(monkeypatch, "samverka.settings.production", env)
    env["WAGTAILADMIN_BASE_URL"] = "https://samverka.alunda.se"
    prod = load_settings(monkeypatch, "samverka.settings.production", env)
    assert prod.WAGTAILADMIN_BASE_URL == "https://samverka.alunda.se"


def test_base_settings_default_to_embedded_services(monkeypatch):
    base = load_settings(monkeypatch, "samverka.settings.base", {})
    assert base.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert base.DATABASES["default"]["NAME"] == str(ROOT / "db.sqlite3")
    assert base.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert base.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    assert base.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert base.SAMVERKA_ADMIN_REQUIRES_MFA is True
    assert base.LANGUAGE_CODE == "sv"
    assert [code for code, _ in base.LANGUAGES] == ["sv", "en", "ar", "fa", "so", "ti", "uk"]


def test_dev_settings_let_the_demo_skip_mfa_unless_asked(monkeypatch):
    assert (
        load_settings(monkeypatch, "samverka.settings.dev", {}).SAMVERKA_ADMIN_REQUIRES_MFA is False
    )
    dev = load_settings(monkeypatch, "samverka.settings.dev", {"SAMVERKA_ADMIN_REQUIRES_MFA": "1"})
    assert dev.SAMVERKA_ADMIN_REQUIRES_MFA is True


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        (
            "sqlite:////var/lib/samverka/db.sqlite3",
            "django.db.backends.sqlite3",
            "/var/lib/samverka/db.sqlite3",
        ),
        ("postgres://u:p@localhost:5432/samverka", "django.db.backends.postgresql", "samverka"),
        ("postgresql://u@127.0.0.1/other", "django.db.backends.postgresql", "other"),
    ],
)
def test_database_url_parsing(monkeypatch, url, engine, name):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    config = settings_env.database_from_env("sqlite:///unused.sqlite3")
    assert config["ENGINE"] == engine
    assert config["NAME"] == name
    assert config["CONN_MAX_AGE"] == 0
    if engine.endswith("sqlite3"):
        # Readers and a writer at once, and a waiting (not failing) second writer.
        assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
        assert config["OPTIONS"]["timeout"] == 20
    else:
        assert "init_command" not in config.get("OPTIONS", {})


def test_database_url_default_is_used_when_unset(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = settings_env.database_from_env("sqlite:////tmp/x.sqlite3")
    assert config["NAME"] == "/tmp/x.sqlite3"


@pytest.mark.parametrize(
    ("env", "backend", "location"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache", "samverka"),
        (
            {"CACHE_URL": "redis://r:6379/0"},
            "django.core.cache.backends.redis.RedisCache",
            "redis://r:6379/0",
        ),
        (
            {"REDIS_URL": "rediss://r:6380/2"},
            "django.core.cache.backends.redis.RedisCache",
            "rediss://r:6380/2",
        ),
        (
            # CACHE_URL wins over REDIS_URL (the Redis may be shared with other uses).
            {"CACHE_URL": "redis://cache:6379/3", "REDIS_URL": "redis://other:6379/0"},
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache:6379/3",
        ),
        ({"CACHE_URL": "locmem://"}, "django.core.cache.backends.locmem.LocMemCache", "samverka"),
    ],
)
def test_cache_url_parsing(monkeypatch, env, backend, location):
    monkeypatch.delenv("CACHE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    cache = settings_env.cache_from_env()["default"]
    assert cache["BACKEND"] == backend
    assert cache["LOCATION"] == location


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("no", False),
        ("", False),
    ],
)
def test_env_bool(monkeypatch, value, expected):
    monkeypatch.setenv("SAMVERKA_TEST_FLAG", value)
    assert settings_env.env_bool("SAMVERKA_TEST_FLAG", default=not expected) is expected


def test_env_list_drops_blanks(monkeypatch):
    monkeypatch.setenv("SAMVERKA_TEST_LIST", " a.example, ,b.example ,")
    assert settings_env.env_list("SAMVERKA_TEST_LIST") == ["a.example", "b.example"]


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        # Not the test run's own variables (the browser tests allow async-unsafe calls).
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ENV_NAMES and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "samverka.settings.production",
    }
    env.pop("REDIS_URL")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_single_sign_on_comes_from_the_environment(monkeypatch):
    prod = load_settings(monkeypatch, "samverka.settings.production", PRODUCTION_ENV)
    assert prod.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"] == []
    assert prod.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] == ["'self'"]
    env = {
        **PRODUCTION_ENV,
        "SAMVERKA_OIDC_CLIENT_ID": "client",
        "SAMVERKA_OIDC_CLIENT_SECRET": "secret",
        "SAMVERKA_OIDC_SERVER_URL": "https://login.microsoftonline.com/tenant/v2.0",
        "SAMVERKA_OIDC_NAME": "Ålunda kommun",
    }
    prod = load_settings(monkeypatch, "samverka.settings.production", env)
    [app] = prod.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    assert app["provider_id"] == "sso"
    assert app["client_id"] == "client"
    assert app["secret"] == "secret"
    assert app["name"] == "Ålunda kommun"
    assert app["settings"]["server_url"] == "https://login.microsoftonline.com/tenant/v2.0"
    assert prod.SOCIALACCOUNT_PROVIDERS["openid_connect"]["OAUTH_PKCE_ENABLED"] is True
    assert prod.SAMVERKA_OIDC_MFA_AMR == ["mfa"]
    # The SSO button's POST is followed by a redirect to the provider.
    assert prod.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] == [
        "'self'",
        "https://login.microsoftonline.com",
    ]


def test_allauth_follows_the_trusted_proxy_count(monkeypatch):
    env = {**PRODUCTION_ENV, "SAMVERKA_TRUSTED_PROXY_COUNT": "2"}
    prod = load_settings(monkeypatch, "samverka.settings.production", env)
    assert prod.SAMVERKA_TRUSTED_PROXY_COUNT == 2
    assert prod.ALLAUTH_TRUSTED_PROXY_COUNT == 2
