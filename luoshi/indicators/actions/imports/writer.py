"""Write checked values and their history: the Python path's writer and the shared SQL pieces.

Plain INSERT/UPDATE statements run with executemany (COPY on PostgreSQL): building 100,000
model instances and letting the ORM compile them costs ten times more than the database
work itself.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.indicators.actions.imports.checker import Row
from luoshi.indicators.actions.imports.jobs import record_import
from luoshi.indicators.models import (
    DataValue,
    DataValueChange,
    ImportJob,
    ValueSource,
    ValueStatus,
)
from luoshi.org.models import User

BATCH = 2000
Action = DataValueChange.Action

VALUE_COLUMNS = [
    "indicator",
    "region",
    "period",
    "period_start",
    "value",
    "status",
    "source",
    "comment",
    "return_reason",
    "version",
    "import_job",
    "created_by",
    "updated_by",
    "created_at",
    "updated_at",
    "submitted_at",
]
CHANGE_COLUMNS = [
    "data_value",
    "action",
    "old_value",
    "new_value",
    "old_status",
    "new_status",
    "old_source",
    "new_source",
    "comment",
    "actor",
    "import_job",
    "created_at",
]
# What an import sets on a value it changes (besides version + 1), in this order.
UPDATE_FIELDS = (
    "value",
    "comment",
    "status",
    "source",
    "import_job",
    "updated_by",
    "updated_at",
    "submitted_at",
    "approved_at",
    "approved_by",
)


@dataclass(frozen=True, slots=True)
class Existing:
    id: int
    value: Decimal
    status: str
    source: str
    comment: str
    version: int


def columns_of(model: type[Model], names: Iterable[str]) -> str:
    """Return the quoted columns of fields named by name or attname, comma-separated."""
    fields = [model._meta.get_field(name) for name in names]
    return ", ".join(connection.ops.quote_name(str(getattr(f, "column", ""))) for f in fields)


def table_of(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def copy_rows(model: type[Model], names: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
    """Stream rows into a table with COPY (PostgreSQL's bulk loader); return how many went in."""
    count = 0
    sql = f"COPY {table_of(model)} ({columns_of(model, names)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def update_sql() -> str:
    """Return the UPDATE of one changed value: UPDATE_FIELDS from parameters, version + 1."""
    set_columns = ", ".join(f"{columns_of(DataValue, [name])} = %s" for name in UPDATE_FIELDS)
    version = columns_of(DataValue, ["version"])
    return (
        f"UPDATE {table_of(DataValue)} SET {set_columns}, {version} = {version} + 1 WHERE id = %s"  # noqa: S608
    )


def replaced_comment(old_source: str) -> str:
    return _("取代模拟数据") if old_source == ValueSource.SIMULATED else ""


def existing_values(rows: list[Row]) -> dict[tuple[int, int, str], Existing]:
    """Return the stored values the rows would create or change, by (indicator, region, period)."""
    indicator_ids = {r.indicator_id for r in rows}
    periods = {r.period for r in rows}
    values = DataValue.objects.filter(indicator_id__in=indicator_ids)
    if len(periods) <= 500:
        values = values.filter(period__in=periods)
    return {
        (ind, reg, period): Existing(pk, value, status, source, comment, version)
        for pk, ind, reg, period, value, status, source, comment, version in values.values_list(
            "id",
            "indicator_id",
            "region_id",
            "period",
            "value",
            "status",
            "source",
            "comment",
            "version",
        ).iterator(chunk_size=5000)
    }


def _insert_sql(model: type[Model], names: list[str]) -> str:
    marks = ", ".join(["%s"] * len(names))
    # Names come from model metadata and are quoted; every value is a query parameter.
    return f"INSERT INTO {table_of(model)} ({columns_of(model, names)}) VALUES ({marks})"  # noqa: S608


def write_rows(
    job: ImportJob,
    rows: list[Row],
    existing: dict[tuple[int, int, str], Existing],
    acting_user: User | None,
) -> tuple[int, int, int]:
    """Write new and changed values with their history, in one transaction."""
    actor_id = acting_user.pk if acting_user is not None and acting_user.pk else None
    status = ValueStatus.SUBMITTED if job.submit else ValueStatus.DRAFT
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    submitted = now if job.submit else None
    starts: dict[date, Any] = {}
    updates: list[tuple[Row, Existing]] = []
    unchanged = 0
    created = 0
    for row in rows:
        old = existing.get((row.indicator_id, row.region_id, row.period))
        if old is None:
            created += 1
        elif old.value == row.value and old.comment == row.comment:
            unchanged += 1
        else:
            updates.append((row, old))

    def creates() -> Iterator[tuple[Any, ...]]:
        # Generated while COPY or executemany consumes them: a million 16-tuples held at
        # once cost some 200 MB (bench/import_speed.py).
        for row in rows:
            if (row.indicator_id, row.region_id, row.period) in existing:
                continue
            if row.period_start not in starts:
                starts[row.period_start] = ops.adapt_datefield_value(row.period_start)
            yield (
                row.indicator_id,
                row.region_id,
                row.period,
                starts[row.period_start],
                row.value,
                status,
                ValueSource.IMPORT,
                row.comment,
                "",
                1,
                job.pk,
                actor_id,
                actor_id,
                now,
                now,
                submitted,
            )

    values_table = table_of(DataValue)
    job_column = columns_of(DataValue, ["import_job"])
    with transaction.atomic():
        if connection.vendor == "postgresql":
            copy_rows(DataValue, VALUE_COLUMNS, creates())
        else:
            insert_value = _insert_sql(DataValue, VALUE_COLUMNS)
            pending = creates()
            with connection.cursor() as cursor:
                while batch := list(islice(pending, BATCH)):
                    cursor.executemany(insert_value, batch)
        with connection.cursor() as cursor:
            if created:
                # Before any update, the rows carrying this job are exactly the new ones.
                cursor.execute(
                    f"INSERT INTO {table_of(DataValueChange)} "  # noqa: S608
                    f"({columns_of(DataValueChange, CHANGE_COLUMNS)}) "
                    f"SELECT id, %s, NULL, value, '', status, '', source, '', %s, %s, %s "
                    f"FROM {values_table} WHERE {job_column} = %s",
                    [Action.IMPORTED, actor_id, job.pk, now, job.pk],
                )
            insert_change = _insert_sql(DataValueChange, CHANGE_COLUMNS)
            for start in range(0, len(updates), BATCH):
                chunk = updates[start : start + BATCH]
                cursor.executemany(
                    update_sql(),
                    [
                        (
                            *(row.value, row.comment, status, ValueSource.IMPORT, job.pk),
                            *(actor_id, now, submitted, None, None, old.id),
                        )
                        for row, old in chunk
                    ],
                )
                cursor.executemany(
                    insert_change,
                    [
                        (
                            *(old.id, Action.IMPORTED, old.value, row.value, old.status, status),
                            *(old.source, ValueSource.IMPORT, replaced_comment(old.source)),
                            *(actor_id, job.pk, now),
                        )
                        for row, old in chunk
                    ],
                )
        counts = (created, len(updates), unchanged)
        record_import(job, counts, acting_user)
    return counts
