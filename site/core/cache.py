"""The content generation: one counter that publishing, moving and deleting pages bump.

Every cached page (the reference site's page cache) and every cached layout piece
(`samverka.core.layout`) has the generation in its key, so bumping it makes all of them
new at once. It lives in the core so the apps and the layout need nothing of the
reference site; `samverka.orientation.cache` builds its page cache on it.
"""

from django.core.cache import cache

GENERATION_KEY = "samverka:pagecache:generation"
# With a per-process local-memory cache another process sees a bump only when its own
# entries expire: nothing is kept longer than this there.
LOCAL_CACHE_MAX_SECONDS = 30


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def clear_page_cache(**kwargs) -> None:
    """Drop every cached page (signal receiver; arguments ignored)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
