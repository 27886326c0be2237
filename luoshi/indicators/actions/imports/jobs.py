"""The job's life, shared by both import paths: progress, the audit event and every ending."""

import time
from typing import Any

from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone

from luoshi.indicators.actions.imports.checker import Entries, error_count
from luoshi.indicators.importers import ImportFileError
from luoshi.indicators.models import ImportJob, ImportStatus
from luoshi.org.audit import record_event
from luoshi.org.models import User

# Reading and checking is the first 80% of the progress bar; writing the rest.
READ_SHARE = 80


def start(job: ImportJob) -> None:
    job.status = ImportStatus.RUNNING
    job.started_at = timezone.now()
    job.phase = "reading"
    job.save(update_fields=["status", "started_at", "phase"])


def progress(job: ImportJob, rows_read: int, share: float) -> None:
    # Outside the write transaction, so a poll from another connection sees it.
    ImportJob.objects.filter(pk=job.pk).update(
        rows_read=rows_read, progress=min(int(share * READ_SHARE), READ_SHARE), phase="reading"
    )


def writing(job: ImportJob, rows_read: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        phase="writing", progress=READ_SHARE, rows_read=rows_read
    )


def finish(job: ImportJob, **fields: Any) -> ImportJob:
    for name, value in fields.items():
        setattr(job, name, value)
    job.finished_at = timezone.now()
    job.save()
    return job


def fail_unreadable(job: ImportJob, problem: ImportFileError, rows_read: int) -> ImportJob:
    """End the job on a file that cannot be read as a whole: that one error, nothing else."""
    error = {
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "params": problem.params,
    }
    return finish(
        job,
        status=ImportStatus.FAILED,
        phase="done",
        rows_read=rows_read,
        error_count=1,
        errors=[error],
    )


def fail_checked(job: ImportJob, entries: Entries, rows_read: int) -> ImportJob:
    """End the job with every bad row, in line order; nothing was written."""
    errors = entries.sorted_errors()
    return finish(
        job,
        status=ImportStatus.FAILED,
        phase="done",
        rows_read=rows_read,
        progress=100,
        error_count=error_count(errors),
        errors=errors,
        warnings=entries.sorted_warnings(),
    )


def succeed(
    job: ImportJob,
    entries: Entries,
    rows_read: int,
    counts: tuple[int, int, int],
) -> ImportJob:
    created, updated, unchanged = counts
    return finish(
        job,
        status=ImportStatus.SUCCEEDED,
        phase="done",
        rows_read=rows_read,
        progress=100,
        created_count=created,
        updated_count=updated,
        unchanged_count=unchanged,
        warnings=entries.sorted_warnings(),
    )


def record_import(job: ImportJob, counts: tuple[int, int, int], acting_user: User | None) -> None:
    """Write the import's audit event (inside the write transaction)."""
    created, updated, unchanged = counts
    record_event(
        actor=acting_user,
        action="indicators.import",
        obj=job,
        new={
            "file": job.original_name,
            "format": job.format,
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
        },
    )


def mark_interrupted(job: ImportJob, read: int, attempts: int = 30) -> None:
    """Record on the job that the write was cut off; wait for the database to come back."""
    for attempt in range(attempts):
        connection.close()
        try:
            finish(
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
