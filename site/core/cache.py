"""The content generation: one counter that publishing, moving and deleting pages bump.

Every cached page (the reference site's page cache) and every cached layout piece
(`samverka.core.layout`) has the generation in its key, so bumping it makes all of them
new at once. It lives in the core so the apps and the layout need nothing of the
reference site; `samverka.orientation.cache` builds its page cache on it.
"""

import hashlib

from django.core.cache import cache

GENERATION_KEY = "samverka:pagecache:generation"
# With a per-process local-memory cache another process sees a bump only when its own
# entries expire: nothing is kept longer than this there.
LOCAL_CACHE_MAX_SECONDS = 30
# Elsewhere (a shared cache) kept things carry a generation in their key and live this long.
LONG_SECONDS = 24 * 3600


def keep_seconds() -> int:
    """How long a kept piece (layout, cards, the admin menu, a panel) stays in the cache."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["default"], LocMemCache):
        return LOCAL_CACHE_MAX_SECONDS
    return LONG_SECONDS


class Generation:
    """A counter in the cache that kept things put in their keys: bumping it makes every one
    of them new at once (the content, the events listing, the admin menu, translations).
    Kept without expiry; a cache that lost it starts again at 1, and a bump then starts at 2,
    so no key of before the loss is read as current."""

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            value = 1
            cache.add(self.key, value, None)
        return value

    def bump(self, **kwargs) -> None:
        """A new generation (usable as a signal receiver: arguments ignored)."""
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, 2, None)

    def changed(self, **kwargs) -> None:
        """A new generation now and again once the change is committed, so that a request
        that read the old rows between the two cannot keep them under the new one (usable as
        a signal receiver: arguments ignored)."""
        from django.db import transaction

        self.bump()
        transaction.on_commit(self.bump)


CONTENT = Generation(GENERATION_KEY)


def generation() -> int:
    return CONTENT.current()


def clear_page_cache(**kwargs) -> None:
    """Drop every cached page (signal receiver; arguments ignored)."""
    CONTENT.bump()


# Memcached refuses keys over 250 bytes and keys with spaces or control characters (Django
# warns of both with every backend). A part taken from a request (a path, a host name) can
# be anything a visitor types, so such a part is kept in the key only when short and plain.
KEY_PART_MAX = 64


def key_part(value) -> str:
    """`value` as one part of a cache key: itself when short and printable ASCII without
    spaces, otherwise its md5 digest (32 characters), so a key of a few parts stays short."""
    text = str(value)
    if len(text) <= KEY_PART_MAX and all(32 < ord(char) < 127 for char in text):
        return text
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
