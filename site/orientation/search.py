"""Search in the visitor's language, with highlighted snippets."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
SNIPPET_LENGTH = 220
# Words are letters and digits in any script (Arabic, Ge'ez, Cyrillic…); the
# zero-width non-joiner belongs inside Persian words.
_WORD = re.compile(r"[\w\u200c]+", re.UNICODE)


def clean_query(raw: str) -> str:
    """Words only, at most MAX_TERMS of them: no operators, no control characters."""
    raw = (raw or "")[: MAX_QUERY_LENGTH * 4]
    words = [word.strip("\u200c_") for word in _WORD.findall(raw)]
    words = [word for word in words if word][:MAX_TERMS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def search_pages(query: str, locale: Locale | None = None, request=None):
    """Live public pages in `locale` (default: the active one) that match every word.

    The private sections come from the layout cache (`.public()` would ask for them)."""
    from samverka.core import layout

    locale = locale or layout.active_locale(request)
    if not query:
        return Page.objects.none()
    pages = (
        Page.objects.live()
        .exclude(layout.private_q(request))
        .filter(locale=locale)
        .exclude(depth__lte=1)
    )
    return pages.search(query, operator="and")


def page_text(page) -> str:
    """The page's readable text: introduction, then its blocks."""
    parts = [getattr(page, "intro", "") or page.search_description or ""]
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        parts.extend(body.stream_block.get_searchable_content(body))
    for name in ("street_address", "district"):
        if getattr(page, name, ""):
            parts.append(getattr(page, name))
    text = " ".join(str(part) for part in parts if part)
    return " ".join(text.split())


def _terms_pattern(query: str):
    terms = sorted({term for term in query.split() if term}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def highlight(text: str, query: str, length: int = SNIPPET_LENGTH) -> str:
    """An excerpt around the first match, HTML-escaped, with each term in <mark>.

    The text is split at the matches and every piece escaped on its own, so
    nothing the editor wrote can become markup and no <mark> lands inside an
    HTML entity.
    """
    pattern = _terms_pattern(query)
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    excerpt = text[start : start + length]
    if start + length < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > length // 2 else excerpt) + " …"
    if start > 0:
        excerpt = "… " + excerpt
    if pattern is None:
        return escape(excerpt)
    pieces = []
    position = 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above
