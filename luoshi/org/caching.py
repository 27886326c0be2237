"""Results cached under the data revision: shared by every request until the data changes.

An entry's key carries the revision current when it was computed (see luoshi.org.revision),
so a write makes every older entry unreachable at once. Storing a result also drops the
entry it supersedes (same namespace and parts, older revision): during a deadline rush the
revision moves many times a minute, and a national summary is megabytes, so unreachable
entries must not pile up until CACHE_SECONDS or the entry limit removes them.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache

from luoshi.org.revision import current_revision

__all__ = ["CacheSlot", "cache_slot", "is_missing", "revision_cached"]

T = TypeVar("T")
_MISSING = object()


class CacheSlot:
    """Where one result lives: its key at the current revision and its revision-free name."""

    def __init__(self, namespace: str, parts: tuple[object, ...], revision: int) -> None:
        digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
        self.name = f"{namespace}:{digest}"
        self.key = f"{self.name}:{revision}"

    def get(self) -> object:
        """Return the stored result, or the module's _MISSING marker."""
        return cache.get(self.key, _MISSING)

    def put(self, value: object) -> None:
        """Store the result and drop the one this slot held at an older revision."""
        latest = f"latest:{self.name}"
        previous = cache.get(latest)
        if previous is not None and previous != self.key:
            cache.delete(previous)
        cache.set_many({self.key: value, latest: self.key}, settings.CACHE_SECONDS)


def cache_slot(namespace: str, *parts: object) -> CacheSlot:
    """Return the slot of a result at the current data revision."""
    return CacheSlot(namespace, parts, current_revision())


def is_missing(value: object) -> bool:
    """Return whether CacheSlot.get found nothing."""
    return value is _MISSING


def revision_cached(namespace: str, parts: tuple[object, ...], compute: Callable[[], T]) -> T:
    """Return compute()'s result for these parts at the current data revision, computing once."""
    slot = cache_slot(namespace, *parts)
    found = slot.get()
    if not is_missing(found):
        return cast(T, found)
    value = compute()
    slot.put(value)
    return value
