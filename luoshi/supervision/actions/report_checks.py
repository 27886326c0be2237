"""What every report write shares: the audited fields, the row lock and the state checks."""

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.org.audit import snapshot
from luoshi.supervision.errors import StaleVersionError
from luoshi.supervision.models import ProgressReport

CONTENT_FIELDS = ["progress_status", "percent_complete", "progress", "problems", "next_steps"]
REPORT_FIELDS = [
    *CONTENT_FIELDS,
    "status",
    "return_reason",
    "return_count",
    "version",
    "is_on_time",
    "submitted_by",
    "signed_off_by",
    "reviewed_by",
]


def report_url(report: ProgressReport) -> str:
    return reverse("supervision:report_detail", args=[report.pk])


def check_not_locked(report: ProgressReport, today: date) -> None:
    if report.is_locked_on(today):
        raise ValidationError(
            _("该轮次已锁定，不能再修改或报送；如确需修改，请联系督查办解锁。"), code="locked"
        )


def check_editable(report: ProgressReport) -> None:
    if not report.is_editable_state:
        raise ValidationError(
            _("报告当前状态为“%(status)s”，不能修改。") % {"status": report.get_status_display()},
            code="not_editable",
        )


def lock_row(report: ProgressReport) -> ProgressReport:
    """Return the report re-read under a row lock, so concurrent writers queue up."""
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("round", "round__program", "task", "decision", "unit")
        .get(pk=report.pk)
    )


def check_version(report: ProgressReport, expected: int | None) -> None:
    if expected is not None and expected != report.version:
        raise StaleVersionError(
            current_version=report.version,
            current_values={**snapshot(report, CONTENT_FIELDS), "updated_at": report.updated_at},
        )
