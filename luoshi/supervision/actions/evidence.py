"""Evidence files on a report: add (checked by size, extension and first bytes), remove."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event
from luoshi.org.models import User
from luoshi.supervision.actions.common import check_acts_for
from luoshi.supervision.actions.report_checks import check_editable, check_not_locked, lock_row
from luoshi.supervision.files import EvidenceFileError, check_evidence_file
from luoshi.supervision.models import Evidence, ProgressReport
from luoshi.supervision.queries import local_today
from luoshi.supervision.texts import evidence_error_text

__all__ = ["do_add_evidence", "do_remove_evidence"]


@transaction.atomic
def do_add_evidence(
    report: ProgressReport,
    *,
    upload: UploadedFile,
    acting_user: User,
    today: date | None = None,
) -> Evidence:
    """Attach an evidence file after checking its size and type (extension and first bytes)."""
    today = today or local_today()
    user = check_acts_for(acting_user, report.unit_id, _("您不能为其他单位的报告上传材料。"))
    report = lock_row(report)
    check_editable(report)
    check_not_locked(report, today)
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    try:
        checked = check_evidence_file(
            upload.name or "", head, upload.size or 0, settings.UPLOAD_MAX_BYTES
        )
    except EvidenceFileError as error:
        raise ValidationError({"file": evidence_error_text(error)}, code="bad_file") from None
    evidence = Evidence(
        report=report,
        original_name=checked.original_name,
        size=upload.size or 0,
        file_type=checked.file_type,
        uploaded_by=user,
    )
    # The stored name is ours (type + report); the person's file name is kept as a field.
    evidence.file.save(f"r{report.pk}.{checked.file_type}", upload, save=False)
    # Files are not part of the versioned content: an upload does not make an open form stale.
    evidence.save()
    record_event(
        actor=user,
        action="supervision.evidence.add",
        obj=evidence,
        new={"report": report.pk, "name": evidence.original_name, "size": evidence.size},
    )
    return evidence


@transaction.atomic
def do_remove_evidence(evidence: Evidence, *, acting_user: User, today: date | None = None) -> None:
    """Remove an evidence file from a report that can still be edited."""
    today = today or local_today()
    report = evidence.report
    user = check_acts_for(acting_user, report.unit_id, _("您不能删除其他单位的材料。"))
    report = lock_row(report)
    check_editable(report)
    check_not_locked(report, today)
    record_event(
        actor=user,
        action="supervision.evidence.remove",
        obj=evidence,
        old={"report": report.pk, "name": evidence.original_name, "size": evidence.size},
    )
    name = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
