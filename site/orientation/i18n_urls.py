"""Addresses of pages in the visitor's language.

Every translation keeps the Swedish slugs, so the same path exists under each
language prefix: "/ar/samhallsorientering/halsa/" is the Arabic page, or the
Swedish page with a notice when no Arabic translation exists yet (see
`HomePage.route`). Swapping the prefix therefore never needs a query.
"""

from django.conf import settings
from django.utils import translation


def language_prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def strip_language_prefix(url: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and url.startswith(prefix):
            return url[len(prefix) - 1 :]
    return url


def in_language(url: str, code: str | None = None) -> str:
    """A site-relative page address moved under the prefix of `code` (default: active)."""
    if not url or not url.startswith("/"):
        return url
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    return language_prefix(code) + strip_language_prefix(url)


def page_url(page, request=None, code=None) -> str:
    return in_language(page.get_url(request=request), code)
