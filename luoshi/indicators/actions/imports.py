"""Import data values from a file: check every row first, then write all of them or none.

The file is read as a stream. Each row is checked against the indicators, regions, period
types, the user's write scope, the value rules and the values already stored (approved values
are locked); a duplicate of an earlier row is named with that row's line. One bad row and
nothing is written: the job keeps every bad row with its line, column and reason. Otherwise
one transaction bulk-writes the new and changed values and a history row for each.
Files above BACKGROUND_BYTES run in a django-q2 worker; the job page polls its progress.
"""

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.periods import Period, parse_period
from luoshi.indicators.dhis2 import from_dhis2_period
from luoshi.indicators.importers import Columns, ImportFileError, RawRow, guess_format, read_rows
from luoshi.indicators.models import (
    VALUE_RULES,
    DataValue,
    DataValueChange,
    ImportJob,
    ImportStatus,
    Indicator,
    ValidationRule,
    ValueSource,
    ValueStatus,
)
from luoshi.indicators.parsing import ValueParseError, parse_value
from luoshi.indicators.queries import WriteScope, write_scope
from luoshi.indicators.validation import rules_by_indicator, value_violations
from luoshi.org.audit import record_event
from luoshi.org.models import Region, User
from luoshi.plans.models import Program

__all__ = [
    "BACKGROUND_BYTES",
    "do_import_data_values",
    "do_start_import",
]

# Past this size an import runs in the background (a 256 KB CSV is about 4,000 rows).
BACKGROUND_BYTES = 256 * 1024
BATCH = 2000
Action = DataValueChange.Action
# Reading and checking is the first 80% of the progress bar; writing the rest.
READ_SHARE = 80


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    indicator_id: int
    region_id: int
    period: str
    period_start: date
    value: Decimal
    comment: str


@dataclass(frozen=True, slots=True)
class _Existing:
    id: int
    value: Decimal
    status: str
    source: str
    comment: str
    version: int


class _Checker:
    """Checks rows one by one against lookups loaded once for the whole file."""

    def __init__(self, user: User | None, columns: Columns, is_dhis2: bool) -> None:
        self.columns = columns
        self.is_dhis2 = is_dhis2
        self.indicators = {i.code: i for i in Indicator.objects.filter(is_active=True)}
        self.regions = dict(Region.objects.values_list("code", "id"))
        self.region_names = dict(Region.objects.values_list("id", "name"))
        self.scope: WriteScope = write_scope(user, [i.pk for i in self.indicators.values()])
        rules = list(ValidationRule.objects.filter(is_active=True))
        by_program: dict[int, list[ValidationRule]] = {}
        for rule in rules:
            by_program.setdefault(rule.program_id, []).append(rule)
        self.rules: dict[int, list[ValidationRule]] = {}
        for indicator in self.indicators.values():
            self.rules.update(
                rules_by_indicator([indicator], by_program.get(indicator.program_id, []))
            )
        # Value rules only: the others need more than one row. Keyed by indicator id.
        self.value_rules = {
            pk: [r for r in rules if r.kind in VALUE_RULES] for pk, rules in self.rules.items()
        }
        self.periods: dict[str, tuple[Period, str, date] | None] = {}
        # (indicator, region, period) packed into one int: a million tuple keys cost ~60 MB more.
        self.seen: dict[int, int] = {}
        self.period_numbers: dict[str, int] = {}
        self.errors: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self.skipped = 0

    def _error(self, line: int, field: str, reason: str, **params: Any) -> None:
        self.errors.append(
            {
                "line": line,
                "column": self.columns.label.get(field, field),
                "code": reason,
                "params": params,
            }
        )

    def _period(self, text: str) -> tuple[Period, str, date] | None:
        if text not in self.periods:
            try:
                period = from_dhis2_period(text) if self.is_dhis2 else parse_period(text)
            except ValueError:
                self.periods[text] = None
            else:
                self.periods[text] = (period, str(period), period.start)
        return self.periods[text]

    def check(self, raw: RawRow) -> _Row | None:
        if raw.value is None:
            # An unfilled template row: nothing reported, nothing to check.
            self.skipped += 1
            return None
        before = len(self.errors)
        indicator = self.indicators.get(raw.indicator)
        if not raw.indicator:
            self._error(raw.line, "indicator", "missing_indicator")
        elif indicator is None:
            self._error(raw.line, "indicator", "unknown_indicator", code=raw.indicator)
        region_id = self.regions.get(raw.region)
        if not raw.region:
            self._error(raw.line, "region", "missing_region")
        elif region_id is None:
            self._error(raw.line, "region", "unknown_region", code=raw.region)
        found = self._period(raw.period) if raw.period else None
        period = found[0] if found is not None else None
        if not raw.period:
            self._error(raw.line, "period", "missing_period")
        elif period is None:
            self._error(raw.line, "period", "bad_period", period=raw.period)
        elif indicator is not None and period.kind.value != indicator.period_type:
            self._error(
                raw.line,
                "period",
                "wrong_period_type",
                period=raw.period,
                got=period.kind.value,
                indicator=indicator.code,
                expected=indicator.period_type,
            )
        number: Decimal | None = None
        try:
            number = parse_value(raw.value)
        except ValueParseError as problem:
            self._error(raw.line, "value", problem.code, text=problem.text)
        indicator_id = indicator.pk if indicator is not None else 0
        if indicator is not None and region_id is not None:
            if not self.scope.allows(indicator_id, region_id):
                self._error(
                    raw.line,
                    "region",
                    "not_allowed",
                    indicator=indicator.code,
                    region=self.region_names[region_id],
                )
            rules = self.value_rules[indicator_id]
            if number is not None and rules:
                for rule, code, params in value_violations(rules, number):
                    entry = {
                        "line": raw.line,
                        "column": self.columns.label.get("value", "value"),
                        "code": "rule",
                        "params": {"rule": str(rule), "detail_code": code, "detail_params": params},
                    }
                    (self.errors if rule.is_blocking else self.warnings).append(entry)
        if indicator is None or region_id is None or found is None or number is None:
            return None
        period_number = self.period_numbers.setdefault(found[1], len(self.period_numbers))
        key = (indicator_id << 80) | (region_id << 40) | period_number
        first = self.seen.get(key)
        if first is not None:
            self.errors.append(
                {
                    "line": raw.line,
                    "column": "/".join(
                        self.columns.label.get(f, f) for f in ("indicator", "region", "period")
                    ),
                    "code": "duplicate_row",
                    "params": {"first": first},
                }
            )
            return None
        self.seen[key] = raw.line
        if len(self.errors) > before:
            return None
        return _Row(raw.line, indicator_id, region_id, found[1], found[2], number, raw.comment)


def _existing(rows: list[_Row]) -> dict[tuple[int, int, str], _Existing]:
    indicator_ids = {r.indicator_id for r in rows}
    periods = {r.period for r in rows}
    values = DataValue.objects.filter(indicator_id__in=indicator_ids)
    if len(periods) <= 500:
        values = values.filter(period__in=periods)
    return {
        (ind, reg, period): _Existing(pk, value, status, source, comment, version)
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


def _progress(job: ImportJob, rows_read: int, share: float) -> None:
    # Outside the write transaction, so a poll from another connection sees it.
    ImportJob.objects.filter(pk=job.pk).update(
        rows_read=rows_read, progress=min(int(share * READ_SHARE), READ_SHARE), phase="reading"
    )


def _finish(job: ImportJob, **fields: Any) -> ImportJob:
    for name, value in fields.items():
        setattr(job, name, value)
    job.finished_at = timezone.now()
    job.save()
    return job


def _columns_of(model: type[Model], names: list[str]) -> str:
    fields = [model._meta.get_field(name) for name in names]
    return ", ".join(connection.ops.quote_name(str(getattr(f, "column", ""))) for f in fields)


_VALUE_COLUMNS = [
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
_CHANGE_COLUMNS = [
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


def _insert_sql(model: type[Model], names: list[str]) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(names))
    # Names come from model metadata and are quoted; every value is a query parameter.
    return f"INSERT INTO {table} ({_columns_of(model, names)}) VALUES ({marks})"  # noqa: S608


def _write(
    job: ImportJob,
    rows: list[_Row],
    existing: dict[tuple[int, int, str], _Existing],
    acting_user: User | None,
) -> tuple[int, int, int]:
    """Write new and changed values with their history, in one transaction.

    Plain INSERT/UPDATE statements run with executemany: building 100,000 model instances and
    letting the ORM compile them costs ten times more than the database work itself.
    """
    actor_id = acting_user.pk if acting_user is not None and acting_user.pk else None
    status = ValueStatus.SUBMITTED if job.submit else ValueStatus.DRAFT
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    submitted = now if job.submit else None
    starts: dict[date, Any] = {}
    updates: list[tuple[_Row, _Existing]] = []
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

    values_table = ops.quote_name(DataValue._meta.db_table)
    changes_table = ops.quote_name(DataValueChange._meta.db_table)
    job_column = ops.quote_name(DataValue._meta.get_field("import_job").column)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk loader: several times faster than INSERTs.
            copy_sql = f"COPY {values_table} ({_columns_of(DataValue, _VALUE_COLUMNS)}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for values in creates():
                    copy.write_row(values)
        else:
            insert_value = _insert_sql(DataValue, _VALUE_COLUMNS)
            pending = creates()
            while batch := list(islice(pending, BATCH)):
                cursor.executemany(insert_value, batch)
        if created:
            # Before any update, the rows carrying this job are exactly the new ones.
            cursor.execute(
                f"INSERT INTO {changes_table} ({_columns_of(DataValueChange, _CHANGE_COLUMNS)}) "  # noqa: S608
                f"SELECT id, %s, NULL, value, '', status, '', source, '', %s, %s, %s "
                f"FROM {values_table} WHERE {job_column} = %s",
                [Action.IMPORTED, actor_id, job.pk, now, job.pk],
            )
        set_columns = ", ".join(
            f"{_columns_of(DataValue, [name])} = %s"
            for name in (
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
        )
        version = _columns_of(DataValue, ["version"])
        update_value = (
            f"UPDATE {values_table} SET {set_columns}, {version} = {version} + 1 WHERE id = %s"  # noqa: S608
        )
        insert_change = _insert_sql(DataValueChange, _CHANGE_COLUMNS)
        for start in range(0, len(updates), BATCH):
            chunk = updates[start : start + BATCH]
            cursor.executemany(
                update_value,
                [
                    (
                        row.value,
                        row.comment,
                        status,
                        ValueSource.IMPORT,
                        job.pk,
                        actor_id,
                        now,
                        submitted,
                        None,
                        None,
                        old.id,
                    )
                    for row, old in chunk
                ],
            )
            cursor.executemany(
                insert_change,
                [
                    (
                        old.id,
                        Action.IMPORTED,
                        old.value,
                        row.value,
                        old.status,
                        status,
                        old.source,
                        ValueSource.IMPORT,
                        _("取代模拟数据") if old.source == ValueSource.SIMULATED else "",
                        actor_id,
                        job.pk,
                        now,
                    )
                    for row, old in chunk
                ],
            )
    record_event(
        actor=acting_user,
        action="indicators.import",
        obj=job,
        new={
            "file": job.original_name,
            "format": job.format,
            "created": created,
            "updated": len(updates),
            "unchanged": unchanged,
        },
    )
    return created, len(updates), unchanged


def do_import_data_values(job: ImportJob, *, acting_user: User | None) -> ImportJob:
    """Run an import job: check every row, then write all of them in one transaction or none."""
    job.status = ImportStatus.RUNNING
    job.started_at = timezone.now()
    job.phase = "reading"
    job.save(update_fields=["status", "started_at", "phase"])
    rows: list[_Row] = []
    read = 0
    try:
        with job.file.open("rb") as handle:
            columns, raw_rows = read_rows(
                job.format,
                cast(IO[bytes], handle),
                size=job.size,
                on_progress=lambda n, share: _progress(job, n, share),
            )
            checker = _Checker(acting_user, columns, job.format == "dhis2")
            iterator: Iterator[RawRow] = raw_rows
            for raw in iterator:
                read += 1
                row = checker.check(raw)
                if row is not None:
                    rows.append(row)
    except ImportFileError as problem:
        return _finish(
            job,
            status=ImportStatus.FAILED,
            phase="done",
            rows_read=read,
            error_count=1,
            errors=[
                {
                    "line": problem.line,
                    "column": problem.column,
                    "code": problem.code,
                    "params": problem.params,
                }
            ],
        )
    existing = _existing(rows)
    for row in rows:
        old = existing.get((row.indicator_id, row.region_id, row.period))
        if (
            old is not None
            and old.status == ValueStatus.APPROVED
            and old.source != ValueSource.SIMULATED
            and (old.value != row.value or old.comment != row.comment)
        ):
            checker.errors.append(
                {
                    "line": row.line,
                    "column": columns.label.get("value", "value"),
                    "code": "locked",
                    "params": {"current": f"{old.value.normalize():f}"},
                }
            )
    warnings = sorted(checker.warnings, key=lambda e: e["line"])
    if checker.errors:
        errors = sorted(checker.errors, key=lambda e: (e["line"], e["column"]))
        return _finish(
            job,
            status=ImportStatus.FAILED,
            phase="done",
            rows_read=read,
            progress=100,
            error_count=len({e["line"] for e in errors}),
            errors=errors,
            warnings=warnings,
        )
    ImportJob.objects.filter(pk=job.pk).update(phase="writing", progress=READ_SHARE, rows_read=read)
    try:
        with transaction.atomic():
            created, updated, unchanged = _write(job, rows, existing, acting_user)
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        # The database went away mid-write (a restart, a failover): the transaction died
        # with the connection, so nothing of this import exists. Say so on the job.
        _mark_interrupted(job, read)
        return job
    return _finish(
        job,
        status=ImportStatus.SUCCEEDED,
        phase="done",
        rows_read=read,
        progress=100,
        created_count=created,
        updated_count=updated,
        unchanged_count=unchanged,
        warnings=warnings,
    )


def _mark_interrupted(job: ImportJob, read: int, attempts: int = 30) -> None:
    """Record on the job that the write was cut off; wait for the database to come back."""
    for attempt in range(attempts):
        connection.close()
        try:
            _finish(
                job,
                status=ImportStatus.FAILED,
                phase="done",
                rows_read=read,
                error_count=1,
                errors=[{"line": 0, "column": "", "code": "database_interrupted", "params": {}}],
            )
        except (OperationalError, InterfaceError):
            time.sleep(min(1.0 + attempt, 5.0))
        else:
            return


def do_start_import(
    upload: "File[Any]",
    *,
    name: str,
    format: str | None = None,
    program: Program | None = None,
    submit: bool = True,
    background: bool | None = None,
    acting_user: User,
) -> ImportJob:
    """Store an uploaded file as an import job and run it now, or queue it when it is large."""
    chosen = format or guess_format(name)
    if chosen not in {"csv", "xlsx", "dhis2"}:
        raise ValidationError(_("无法识别文件格式：请上传 .csv、.xlsx 或 DHIS2 .json 文件。"))
    size = upload.size or 0
    is_background = size > BACKGROUND_BYTES if background is None else background
    job = ImportJob(
        user=acting_user,
        program=program,
        format=chosen,
        original_name=name[:255],
        size=size,
        submit=submit,
        is_background=is_background,
    )
    job.file.save(name[-100:] or "import", upload, save=False)
    job.save()
    if is_background:
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
        return job
    return do_import_data_values(job, acting_user=acting_user)


def _enqueue(job_id: int) -> None:
    from django_q.tasks import async_task  # noqa: PLC0415 - django_q loads its models lazily

    async_task("luoshi.indicators.tasks.run_import_job", job_id, task_name=f"import-{job_id}")
