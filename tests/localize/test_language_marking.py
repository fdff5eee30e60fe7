"""Every page type in Arabic, Persian and Tigrinya: no Swedish text outside an element
marked lang="sv" (screen readers read it with a Swedish voice; bidi keeps it whole)."""

import io
import re
from html.parser import HTMLParser

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Letters and words that only Swedish of the site's languages has.
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(och|att|för|med|på|är|som|inte|eller|hur|vad|till)\b")


class SwedishOutsideLangSv(HTMLParser):
    """Collects text that looks Swedish and has no lang="sv" ancestor (inside <body>)."""

    def __init__(self, allowed=()):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.in_body = False
        self.allowed = [re.escape(text) for text in allowed if text]
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_body = True
        if tag in VOID:
            return
        parent = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, attrs.get("lang", parent), tag in ("script", "style")))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            open_tag, _lang, _skip = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.in_body or not data.strip() or not self.stack:
            return
        _tag, lang, skip = self.stack[-1]
        if skip or any(s[2] for s in self.stack) or lang == "sv":
            return
        text = data
        for allowed in self.allowed:
            text = re.sub(allowed, "", text)
        letters = [ch for ch in text if ch.isalpha()]
        latin = [ch for ch in letters if ord(ch) < 0x250]
        # Swedish words inside a sentence of the page's script (a translator's "(vårdcentral)",
        # a visitor's search words echoed back) are part of that sentence; a text mostly in
        # Latin letters with Swedish in it is Swedish text.
        if SWEDISH.search(text) and len(latin) * 2 >= len(letters):
            self.found.append(" ".join(data.split())[:80])


class LanguageMarkingCrawl(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())

    def _paths(self):
        pages = (
            Page.objects.live()
            .public()
            .filter(depth__gt=1, locale__language_code=settings.LANGUAGE_CODE)
            .specific()
        )
        by_type = {}
        for page in pages:
            by_type.setdefault(type(page).__name__, []).append(page.url_path)
        # Every page of every type (there are few), and the app pages a visitor reaches.
        paths = set()
        for page in pages:
            url = page.get_url()
            if url:
                paths.add(url)
        with translation.override("sv"):
            for name in ("associations:directory", "events:list"):
                paths.add(reverse(name))
            paths.add(reverse("search") + "?q=vård")
        return sorted(paths), by_type

    def test_no_swedish_text_outside_lang_sv_in_ar_fa_ti(self):
        paths, by_type = self._paths()
        self.assertGreaterEqual(
            set(by_type),
            {
                "HomePage",
                "OrientationIndexPage",
                "OrientationTopicPage",
                "MeetingPlaceIndexPage",
                "MeetingPlacePage",
                "AccessibilityStatementPage",
            },
        )
        allowed = [settings.SAMVERKA_MUNICIPALITY, "Svenska"]
        problems = []
        for code in ("ar", "fa", "ti"):
            for path in paths:
                url = f"/{code}{path}"
                response = self.client.get(url, follow=True)
                self.assertEqual(response.status_code, 200, url)
                parser = SwedishOutsideLangSv(allowed)
                parser.feed(response.content.decode())
                problems += [f"{url}: {text}" for text in parser.found]
        self.assertEqual(problems, [], "\n".join(problems[:60]))
