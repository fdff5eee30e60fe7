"""How many SMS segments a text costs, and shortening a text to a maximum.

A text in the GSM 03.38 alphabet (Swedish letters included) is sent in 7-bit
encoding: 160 characters in one segment, 153 per segment when split (the rest
carries the header that joins them). Characters of the alphabet's extension
table ({ } [ ] ~ \\ | ^ €) take two places. Any other character (Arabic, Persian,
Tigrinya's Ge'ez script, Ukrainian Cyrillic, most emoji) switches the whole text
to UCS-2: 70 UTF-16 code units in one segment, 67 per segment when split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€\f")

GSM7_SINGLE, GSM7_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67


@dataclass(frozen=True)
class Count:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets or UTF-16 code units
    segments: int


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def count(text: str) -> Count:
    if is_gsm7(text):
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, multi, encoding = GSM7_SINGLE, GSM7_MULTI, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = UCS2_SINGLE, UCS2_MULTI, "UCS-2"
    if units == 0:
        segments = 0
    elif units <= single:
        segments = 1
    else:
        segments = -(-units // multi)
    return Count(encoding, units, segments)


class TooLong(ValueError):
    """Even without its prose the message (its links and codes) is over the limit."""


_KEEP = re.compile(r"https?://\S+|\b\d{4,8}\b")
ELLIPSIS = "…"


def fit(text: str, max_segments: int) -> tuple[str, bool]:
    """The text within `max_segments`, and whether it had to be shortened.

    What the reader must act on is kept whole: the lines holding a link or a
    code (the last lines of every template). The prose before them is cut at a
    word and ends in "…". Raises TooLong when the kept lines alone do not fit.
    """
    text = text.strip()
    if count(text).segments <= max_segments:
        return text, False
    lines = text.splitlines()
    split = len(lines)
    while split > 0 and _KEEP.search(lines[split - 1]):
        split -= 1
    head, tail = "\n".join(lines[:split]).strip(), "\n".join(lines[split:]).strip()
    if not tail:
        tail, head = "", text
    words = head.split()
    while words:
        words.pop()
        candidate = " ".join(words) + ELLIPSIS
        joined = f"{candidate}\n{tail}" if tail else candidate
        if count(joined).segments <= max_segments:
            return joined, True
    if tail and count(tail).segments <= max_segments:
        return tail, True
    raise TooLong(f"{count(text).segments} segments, at most {max_segments} allowed")
