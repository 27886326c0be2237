"""The data revision moves on every data write, and only then."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from luoshi.org.caching import cache_slot, revision_cached
from luoshi.org.models import Region, Unit
from luoshi.org.revision import current_revision, is_data_write
from luoshi.org.tests.conftest import make_unit, make_user


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('INSERT INTO "org_unit" ("name") VALUES (%s)', True),
        ('UPDATE "indicators_datavalue" SET "value" = %s WHERE "id" = %s', True),
        ('DELETE FROM "supervision_progressreport" WHERE "id" IN (%s)', True),
        ("  insert into plans_task (title) values (%s)", True),
        ('SELECT "org_unit"."id" FROM "org_unit"', False),
        ("WITH new AS (SELECT 1) INSERT INTO indicators_datavalue (id) SELECT 1 FROM new", True),
        ("WITH x AS (SELECT id FROM org_unit) SELECT id FROM x FOR UPDATE", False),
        ("WITH x AS (SELECT id FROM org_unit) SELECT id FROM x FOR UPDATE OF x NOWAIT", False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "org_auditevent" ("action") VALUES (%s)', False),
        ('INSERT INTO "django_q_ormq" ("key") VALUES (%s)', False),
        ('UPDATE "indicators_importjob" SET "rows_read" = %s WHERE "id" = %s', False),
        ('UPDATE "org_user" SET "last_login" = %s WHERE "org_user"."id" = %s', False),
        ('UPDATE "org_user" SET "role" = %s WHERE "org_user"."id" = %s', True),
        ('UPDATE "org_apitoken" SET "last_used_at" = %s WHERE "org_apitoken"."id" = %s', False),
    ],
)
def test_which_statements_are_data_writes(sql: str, expected: bool) -> None:
    assert is_data_write(sql) is expected


@pytest.mark.django_db
def test_every_kind_of_orm_write_moves_the_revision() -> None:
    seen = [current_revision()]

    def moved() -> bool:
        seen.append(current_revision())
        return seen[-1] > seen[-2]

    unit = make_unit("省甲厅")
    assert moved()
    Unit.objects.filter(pk=unit.pk).update(full_name="甘肃省甲厅")
    assert moved()
    Region.objects.bulk_create([Region(code="990000", name="测试省", level="province")])
    assert moved()
    with transaction.atomic():
        Region.objects.filter(code="990000").delete()
    assert moved()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE org_region SET population = 1 WHERE id < 0")
    assert moved()


@pytest.mark.django_db
def test_reads_sessions_and_logins_leave_it_alone() -> None:
    user = make_user("r1", role="office")
    before = current_revision()
    list(Region.objects.all())
    session = SessionStore()
    session["x"] = 1
    session.save()
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    assert current_revision() == before


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_moves_it_again_after_the_commit() -> None:
    # PostgreSQL bumps when the statement runs and once more after COMMIT, for readers who
    # saw the first bump before the data was visible; SQLite bumps inside the transaction.
    before = current_revision()
    with transaction.atomic():
        make_unit("省丙厅")
        inside = current_revision()
    after = current_revision()
    assert inside > before
    if connection.vendor == "postgresql":
        assert after == inside + 1
    else:
        assert after == inside


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_no_pending_bump() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        make_unit("省丁厅")
        raise RuntimeError
    assert connection.run_on_commit == []
    assert not Unit.objects.filter(name="省丁厅").exists()


@pytest.mark.django_db
def test_a_result_is_computed_once_per_revision_and_replaces_its_older_self() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert revision_cached("test", (1, "a"), compute) == 1
    assert revision_cached("test", (1, "a"), compute) == 1
    assert revision_cached("test", (2, "a"), compute) == 2
    superseded = cache_slot("test", 1, "a").key
    make_unit("省戊厅")
    assert revision_cached("test", (1, "a"), compute) == 3
    assert cache.get(superseded) is None
    assert len(calls) == 3
