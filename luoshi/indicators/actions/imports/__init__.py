"""Import data values from a file: check every row first, then write all of them or none.

Each row is checked against the indicators, regions, period types, the user's write scope,
the value rules and the values already stored (approved values are locked); a duplicate of
an earlier row is named with that row's line. One bad row and nothing is written: the job
keeps every bad row with its line, column and reason. Otherwise one transaction writes the
new and changed values and a history row for each (COPY on PostgreSQL).

checker.py holds the checks, writer.py the write, jobs.py the job's progress and outcome.
Files above BACKGROUND_BYTES run in a django-q2 worker; the job page polls.
"""

from collections.abc import Iterator
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils.translation import gettext as _

from luoshi.indicators.actions.imports import jobs
from luoshi.indicators.actions.imports.checker import Checker, Lookups, Row
from luoshi.indicators.actions.imports.writer import existing_values, write_rows
from luoshi.indicators.importers import ImportFileError, RawRow, guess_format, read_rows
from luoshi.indicators.models import ImportJob, ValueSource, ValueStatus
from luoshi.org.models import User
from luoshi.plans.models import Program

__all__ = [
    "BACKGROUND_BYTES",
    "do_import_data_values",
    "do_start_import",
]

# Past this size an import runs in the background (a 256 KB CSV is about 4,000 rows).
BACKGROUND_BYTES = 256 * 1024


def do_import_data_values(job: ImportJob, *, acting_user: User | None) -> ImportJob:
    """Run an import job: check every row, then write all of them in one transaction or none."""
    jobs.start(job)
    rows: list[Row] = []
    read = 0
    try:
        with job.file.open("rb") as handle:
            columns, raw_rows = read_rows(
                job.format,
                cast(IO[bytes], handle),
                size=job.size,
                on_progress=lambda n, share: jobs.progress(job, n, share),
            )
            checker = Checker(Lookups(acting_user, is_dhis2=job.format == "dhis2"), columns)
            iterator: Iterator[RawRow] = raw_rows
            for raw in iterator:
                read += 1
                row = checker.check(raw)
                if row is not None:
                    rows.append(row)
    except ImportFileError as problem:
        return jobs.fail_unreadable(job, problem, read)
    existing = existing_values(rows)
    entries = checker.entries
    for row in rows:
        old = existing.get((row.indicator_id, row.region_id, row.period))
        if (
            old is not None
            and old.status == ValueStatus.APPROVED
            and old.source != ValueSource.SIMULATED
            and (old.value != row.value or old.comment != row.comment)
        ):
            entries.locked(row.line, old.value)
    if entries.errors:
        return jobs.fail_checked(job, entries, read)
    jobs.writing(job, read)
    try:
        with transaction.atomic():
            counts = write_rows(job, rows, existing, acting_user)
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        # The database went away mid-write (a restart, a failover): the transaction died
        # with the connection, so nothing of this import exists. Say so on the job.
        jobs.mark_interrupted(job, read)
        return job
    return jobs.succeed(job, entries, read, counts)


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
