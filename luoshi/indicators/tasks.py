"""django-q2 entry point: run a queued import job in a worker."""

from luoshi.indicators.actions.imports import do_import_data_values
from luoshi.indicators.models import ImportJob, ImportStatus


def run_import_job(job_id: int) -> str:
    """Run one import job and return a one-line summary for the task result."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return f"import {job_id}: already {job.status}"
    job = do_import_data_values(job, acting_user=job.user)
    return (
        f"import {job_id}: {job.status}, created {job.created_count}, "
        f"updated {job.updated_count}, unchanged {job.unchanged_count}, errors {job.error_count}"
    )
