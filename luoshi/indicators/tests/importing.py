"""Helpers to run an import from bytes, as the page and the API do."""

from django.core.files.base import ContentFile

from luoshi.indicators.actions import do_start_import
from luoshi.indicators.models import ImportJob
from luoshi.org.models import User


def run_import(
    content: bytes | str,
    name: str,
    user: User | None,
    *,
    submit: bool = True,
) -> ImportJob:
    data = content.encode("utf-8") if isinstance(content, str) else content
    assert user is not None
    return do_start_import(
        ContentFile(data, name=name), name=name, submit=submit, background=False, acting_user=user
    )


def error_rows(job: ImportJob) -> list[tuple[int, str, str]]:
    from luoshi.indicators.messages import describe

    return [(e["line"], e["column"], describe(e["code"], e["params"])) for e in job.errors]
