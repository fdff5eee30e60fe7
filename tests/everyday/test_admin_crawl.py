"""The admin in the staff member's language: every admin page, as a Swedish coordinator and
editor and counsellor, shows no English interface text and no Python reprs.

The crawl is not a list of pages: it walks every URL registered under /admin/ (Wagtail's own
and every app's), fills in the ids of the demo's objects for each view set's object views,
and reads each page that answers 200. A new admin page is crawled without anyone adding it
here.

"English shown" means: the page shows, as a whole text (a text node or a label, title or
placeholder), a msgid of a Swedish catalogue whose Swedish differs from it or is missing (our
catalogue, Wagtail's, Django's, allauth's), or a sentence with English function words that no
catalogue knows (a string someone forgot to mark).
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from samverka.core.demo import DEMO_LOGINS, ensure_user

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "editor", "counsellor"]

# Python's way of writing values, never an interface: lists, dicts, lazy strings, objects.
REPR = re.compile(
    r"\[['\"]|['\"]\]|\{['\"]|<QuerySet|__proxy__| object at 0x|<bound method|"
    r"^(True|False|None)$"
)
ENGLISH_WORDS = frozenset(
    "the and of to is are for with your this every be by was has have not no you "
    "which when there their been can".split()
)
SWEDISH_LETTERS = re.compile("[åäöÅÄÖ]")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


def _catalogues() -> list[Path]:
    site_packages = Path(polib.__file__).parent
    paths = [Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"]
    for package in ("wagtail", "django", "allauth", "wagtail_localize", "modelcluster"):
        root = site_packages / package
        if root.exists():
            paths += sorted(root.glob("**/locale/sv/LC_MESSAGES/django.po"))
    return [path for path in paths if path.exists()]


def _english_texts():
    """Exact English texts and patterns (msgids with placeholders) that must not be shown."""
    exact, patterns = set(), []
    for path in _catalogues():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not re.search("[A-Za-z]{3}", entry.msgid):
                continue
            msgids = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            translated = entry.msgstr or next(iter(entry.msgstr_plural.values()), "")
            for msgid in msgids:
                if translated.strip() == msgid.strip():
                    continue  # the same in Swedish ("Status", "Person", "E-post")
                if PLACEHOLDER.search(msgid):
                    parts = PLACEHOLDER.split(msgid)
                    if sum(len(part.strip()) for part in parts) >= 12:
                        patterns.append(re.compile("^" + ".+?".join(map(re.escape, parts)) + "$"))
                elif len(msgid) >= 4:
                    exact.add(" ".join(msgid.split()))
    # Texts that are English in both languages, or names rather than interface text.
    exact -= {"Samverka", "Wagtail", "Email", "OK", "PDF", "CSV", "Excel", "TOTP", "ID"}
    # Each language's name in itself (the language choosers): right in every language.
    exact -= {str(name) for _code, name in settings.LANGUAGES}
    return exact, patterns


class _Texts(HTMLParser):
    """Text nodes and the attributes people read, outside scripts and typed values."""

    SKIP = {"script", "style", "template", "textarea", "code", "pre", "svg"}
    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def _skipping(self):
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = attrs.get("lang") not in (None, "", "sv")
        skip = tag in self.SKIP or other_language or "hidden" in attrs
        if tag not in {"input", "img", "br", "hr", "meta", "link", "source", "col", "wbr"}:
            self.stack.append((tag, skip))
        if not (skip or self._skipping()):
            self.texts += [attrs[name] for name in self.ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._skipping():
            text = " ".join(data.split())
            if text:
                self.texts.append(text)


def _problem(text: str, exact, patterns) -> str | None:
    bare = text.strip(" :*…")
    if REPR.search(text):
        return f"repr: {text!r}"
    if bare in exact or any(pattern.match(bare) for pattern in patterns):
        return f"English: {text!r}"
    if not SWEDISH_LETTERS.search(text):
        words = re.findall(r"[a-z]+", text.lower())
        if len(words) >= 3 and len(set(words) & ENGLISH_WORDS) >= 2:
            return f"English sentence: {text!r}"
    return None


def _problems(html: str, exact, patterns, verdicts: dict[str, str | None]) -> list[str]:
    """What is wrong with the page's texts. `verdicts` remembers each text's verdict: most
    texts (the sidebar, the header, the buttons) are on every page, and matching one text
    against a thousand msgid patterns is the slow part of the crawl."""
    parser = _Texts()
    parser.feed(html)
    found = []
    for text in parser.texts:
        if text not in verdicts:
            verdicts[text] = _problem(text, exact, patterns)
        if verdicts[text]:
            found.append(verdicts[text])
    return found


# --- Every admin URL ------------------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            name = f"{namespace}:{inner}".strip(":") if inner else namespace
            yield from _walk(pattern.url_patterns, route, name)
        elif isinstance(pattern, URLPattern):
            yield route, (f"{namespace}:{pattern.name}".strip(":") if pattern.name else "")


def _object_ids():
    """Namespace → the pk of one object for each admin view set with a model (the demo's
    first row), and Wagtail's page ids."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.models import Page

    ids = {}
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        namespace = getattr(viewset, "name", None)
        if model is None or not namespace or not hasattr(model, "_default_manager"):
            continue
        namespace = viewset.url_namespace
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            ids[namespace] = first.pk
    page = Page.objects.filter(depth__gte=2).order_by("-depth").first()
    return ids, page.pk if page else None


CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _admin_urls():
    routes = list(_walk(get_resolver().url_patterns))  # loads the admin, registering view sets
    ids, page_id = _object_ids()
    urls, skipped = [], []
    for route, name in routes:
        if not route.startswith("admin/") or route.startswith("admin/login"):
            continue
        if route.startswith("^") or "(?P" in route or "\\" in route:
            route = route.lstrip("^").rstrip("$")
            if re.search(r"[()\[\]\\+*?]", route):
                skipped.append(route)
                continue
        if any(word in route for word in ("logout", "export", "failwhale")) or route.endswith(
            "/delete/"
        ):
            continue
        namespace = name.rpartition(":")[0]
        values = []
        for _converter, argument in CONVERTER.findall(route):
            if "page" in argument or (
                namespace.startswith("wagtailadmin_pages") and argument in {"pk", "id"}
            ):
                values.append(page_id)
            elif argument in {"pk", "id", "object_id"} and namespace in ids:
                values.append(ids[namespace])
            else:
                values.append(None)
        if None in values:
            skipped.append(route)
            continue
        url = route
        for value in values:
            url = CONVERTER.sub(str(value), url, count=1)
        urls.append("/" + url)
    return sorted(set(urls)), skipped


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())


def _demo_logins():
    """The foundation's logins and those the apps' demos add (coaching's counsellors)."""
    from django.apps import apps

    logins = list(DEMO_LOGINS)
    if apps.is_installed("coaching"):
        from coaching.demo import COUNSELLORS

        logins += [login for login, _place, _offer in COUNSELLORS]
    return logins


def _login(client, role):
    login = next(login for login in _demo_logins() if login.role == role)
    client.force_login(ensure_user(login))


def test_every_admin_page_speaks_swedish_and_shows_no_python(client, demo, subtests):
    """One demo for the three roles (seeding it is the slow part), each role a subtest."""
    exact, patterns = _english_texts()
    verdicts: dict[str, str | None] = {}
    urls, skipped = _admin_urls()
    assert len(urls) > 50, urls
    for role in ROLES:
        with subtests.test(role=role):
            client.logout()
            _login(client, role)
            crawled, problems = 0, {}
            with translation.override("sv"):
                for url in urls:
                    response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
                    content_type = response.get("Content-Type", "")
                    if response.status_code != 200 or "html" not in content_type:
                        continue
                    crawled += 1
                    found = _problems(response.content.decode(), exact, patterns, verdicts)
                    if found:
                        problems[url] = sorted(set(found))
            assert crawled >= 20, (role, crawled, urls)
            assert problems == {}, f"{role}:\n" + "\n".join(
                f"{url}\n    " + "\n    ".join(found) for url, found in sorted(problems.items())
            )
