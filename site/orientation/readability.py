"""LIX (läsbarhetsindex), the Swedish readability score, for the easy-to-read blocks.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters. Easy-to-read Swedish (lättläst) is usually below 30; ordinary newspaper text is
around 40. Shown to editors in the page editor (`ReadabilityPanel`).
"""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A sentence ends at . ! ? or : (and at the end of a paragraph, heading or list item).
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")

EASY_READ_LIMIT = 30

# (upper bound, wording) from the usual LIX scale.
LEVELS = [
    (25, _("very easy: children's books, easy-to-read texts")),
    (30, _("easy: easy-to-read Swedish (lättläst)")),
    (40, _("medium: ordinary newspaper text")),
    (50, _("difficult: official texts")),
    (float("inf"), _("very difficult: legal and academic texts")),
]


@dataclass(frozen=True)
class Lix:
    words: int
    long_words: int
    sentences: int

    @property
    def score(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    @property
    def rounded(self) -> int:
        return round(self.score)

    @property
    def level(self):
        return next(label for limit, label in LEVELS if self.score < limit)

    @property
    def easy_to_read(self) -> bool:
        return self.score < EASY_READ_LIMIT


def text_from_html(html: str) -> str:
    """Plain text with a line break where a paragraph, heading or list item ends."""
    return unescape(TAG.sub("", BLOCK_END.sub("\n", html or "")))


def lix(text: str) -> Lix:
    """LIX of plain text (use `text_from_html` for rich text)."""
    words = 0
    long_words = 0
    sentences = 0
    for chunk in (line.strip() for line in text.splitlines()):
        found = WORD.findall(chunk)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for word in found if sum(ch.isalpha() for ch in word) > 6)
        sentences += len(SENTENCE_END.findall(chunk))
        # A line that does not end with a full stop (a heading, a list item) is a sentence.
        if chunk[-1] not in ".!?:":
            sentences += 1
    return Lix(words, long_words, sentences)


def easy_read_scores(page) -> list[tuple[str, Lix]]:
    """(block title, LIX) of each easy-to-read block of the page's body."""
    body = getattr(page, "body", None) or []
    return [
        (block.value.get("title") or "", lix(text_from_html(block.value["text"].source)))
        for block in body
        if block.block_type == "easy_read"
    ]


class ReadabilityPanel(Panel):
    """The LIX of each easy-to-read block, with guidance, in the page editor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Readability of the easy-to-read summary"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "orientation/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["scores"] = easy_read_scores(self.instance)
            context["limit"] = EASY_READ_LIMIT
            return context
