"""Fixtures for every test in the tree."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # Cached results are keyed by the data revision, and a test's rolled-back transaction
    # takes the SQLite revision back with it: the next test could meet the same number.
    cache.clear()
    yield
    cache.clear()
