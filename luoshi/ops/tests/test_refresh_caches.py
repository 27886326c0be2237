"""`luoshi refresh_caches` makes cached results stale after an outside change."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from luoshi.org.caching import revision_cached
from luoshi.org.models import Region


@pytest.mark.django_db
def test_an_outside_change_shows_after_refresh_caches() -> None:
    Region.objects.create(code="990000", name="测试省", level="province", population=1)

    def population() -> int | None:
        return Region.objects.get(code="990000").population

    assert revision_cached("test-population", (), population) == 1
    # As psql would: the connection's write watcher is bypassed, so the cache is not told.
    with connection.cursor() as cursor:
        cursor.cursor.execute("UPDATE org_region SET population = 2 WHERE code = '990000'")
    assert revision_cached("test-population", (), population) == 1
    out = StringIO()
    call_command("refresh_caches", stdout=out)
    assert revision_cached("test-population", (), population) == 2
    assert "data revision:" in out.getvalue()
