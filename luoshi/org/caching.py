"""Results cached under the data revision: shared by every request until the data changes.

An entry's key carries the revision current when it was computed (see luoshi.org.revision),
so a write makes every older entry unreachable at once; CACHE_SECONDS bounds how long an
unreachable entry, or one whose page shows the time, stays in memory.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache

from luoshi.org.revision import current_revision

__all__ = ["cache_key", "revision_cached"]

T = TypeVar("T")
_MISSING = object()


def cache_key(namespace: str, *parts: object, revision: int | None = None) -> str:
    """Return the cache key of a result: namespace, data revision and a digest of the parts."""
    number = current_revision() if revision is None else revision
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"{namespace}:{number}:{digest}"


def revision_cached(namespace: str, parts: tuple[object, ...], compute: Callable[[], T]) -> T:
    """Return compute()'s result for these parts at the current data revision, computing once."""
    key = cache_key(namespace, *parts)
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return cast(T, found)
    value = compute()
    cache.set(key, value, settings.CACHE_SECONDS)
    return value
