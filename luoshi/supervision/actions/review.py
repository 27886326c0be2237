"""The office's review of a submitted report: accept it, or return it with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import User
from luoshi.org.permissions import check_office
from luoshi.supervision.actions.common import now
from luoshi.supervision.actions.report_checks import REPORT_FIELDS, lock_row, report_url
from luoshi.supervision.models import ProgressReport
from luoshi.supervision.notifications import notify, unit_people

__all__ = ["do_accept_report", "do_return_report"]


def _review(report: ProgressReport, acting_user: User, *, reason: str = "") -> ProgressReport:
    """Lock a submitted report; accept it, or return it when there is a reason; audit it."""
    user = check_office(acting_user)
    report = lock_row(report)
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationError(
            _("只有已报送的报告可以审核（当前状态：%(status)s）。")
            % {"status": report.get_status_display()},
            code="not_submitted",
        )
    old = snapshot(report, REPORT_FIELDS)
    if reason:
        report.status = ProgressReport.Status.RETURNED
        report.return_reason = reason
        report.return_count += 1
    else:
        report.status = ProgressReport.Status.ACCEPTED
    report.reviewed_by = user
    report.reviewed_at = now()
    report.version += 1
    report.save()
    record_event(
        actor=user,
        action="supervision.report.return" if reason else "supervision.report.accept",
        obj=report,
        old=old,
        new=snapshot(report, REPORT_FIELDS),
    )
    return report


@transaction.atomic
def do_accept_report(report: ProgressReport, *, acting_user: User) -> ProgressReport:
    """Accept a submitted report."""
    return _review(report, acting_user)


@transaction.atomic
def do_return_report(report: ProgressReport, *, reason: str, acting_user: User) -> ProgressReport:
    """Return a submitted report to its unit with the reason it must fix."""
    if not reason.strip():
        check_office(acting_user)
        raise ValidationError({"reason": _("退回时请写明原因。")})
    report = _review(report, acting_user, reason=reason.strip())
    notify(
        unit_people([report.unit_id]),
        title=_("进展报告被退回：%(item)s") % {"item": report.item_label},
        body=_("退回原因：%(reason)s") % {"reason": report.return_reason},
        url=report_url(report),
        now=report.reviewed_at or now(),
    )
    return report
