"""Writes of a unit's own progress report: create, save (optimistic lock), submit, sign off."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Unit, User
from luoshi.plans.models import Task
from luoshi.supervision.actions.common import check_acts_for, create_once, now
from luoshi.supervision.actions.report_checks import (
    CONTENT_FIELDS,
    REPORT_FIELDS,
    check_editable,
    check_not_locked,
    check_version,
    lock_row,
    report_url,
)
from luoshi.supervision.models import Decision, ProgressReport, ReportingRound
from luoshi.supervision.notifications import notify, unit_people
from luoshi.supervision.queries import get_settings, local_today, responsible_units

__all__ = [
    "CONTENT_FIELDS",
    "do_create_report",
    "do_save_report",
    "do_sign_off_report",
    "do_submit_report",
]


@transaction.atomic
def do_create_report(
    round_: ReportingRound,
    *,
    unit: Unit,
    task: Task | None = None,
    decision: Decision | None = None,
    acting_user: User,
) -> ProgressReport:
    """Add the unit's report to a round when the round asks the unit about the item."""
    check_acts_for(acting_user, unit.pk, _("您不能代表该单位填报。"))
    if (task is None) == (decision is None):
        raise ValidationError(_("请选择一项任务或一项会议决定事项。"))
    item_program = task.program_id if task is not None else decision.program_id  # type: ignore[union-attr]
    active = task.is_active if task is not None else decision.status == Decision.Status.OPEN  # type: ignore[union-attr]
    role = responsible_units(task=task, decision=decision).get(unit.pk)
    if role is None or item_program != round_.program_id or not active:
        raise ValidationError(
            _("%(unit)s 不是“%(item)s”的责任单位，不能报送该项进展。")
            % {"unit": unit.name, "item": str(task or decision)},
            code="not_responsible",
        )
    report = create_once(
        ProgressReport, round=round_, task=task, decision=decision, unit=unit, role=role
    )
    if report is None:
        raise ValidationError(_("本轮已有该单位对此项的报告。"), code="exists")
    record_event(
        actor=acting_user,
        action="supervision.report.create",
        obj=report,
        new=snapshot(report, REPORT_FIELDS),
    )
    return report


def _clean_content(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "progress_status" in values:
        if values["progress_status"] not in ProgressReport.Progress.values:
            raise ValidationError({"progress_status": _("请选择进展状态。")})
        out["progress_status"] = values["progress_status"]
    if "percent_complete" in values:
        try:
            percent = Decimal(str(values["percent_complete"]))
        except (InvalidOperation, ValueError):
            raise ValidationError(
                {"percent_complete": _("完成进度应为 0 到 100 之间的数。")}
            ) from None
        if not percent.is_finite() or not Decimal(0) <= percent <= Decimal(100):
            raise ValidationError({"percent_complete": _("完成进度应为 0 到 100 之间的数。")})
        out["percent_complete"] = percent.quantize(Decimal("0.01"))
    for name in ("progress", "problems", "next_steps"):
        if name in values:
            out[name] = str(values[name] or "").strip()
    return out


@transaction.atomic
def do_save_report(
    report: ProgressReport,
    *,
    version: int,
    acting_user: User,
    today: date | None = None,
    **values: Any,
) -> ProgressReport:
    """Save the report's content when version is the stored one; else refuse, changing nothing."""
    today = today or local_today()
    user = check_acts_for(acting_user, report.unit_id, _("您不能修改其他单位的报告。"))
    unknown = set(values) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(_("未知的字段：%(names)s") % {"names": ", ".join(sorted(unknown))})
    report = lock_row(report)
    changes = _clean_content(values)
    if all(getattr(report, name) == value for name, value in changes.items()):
        # Nothing would change, so nothing can be overwritten: a repeat of an autosave that
        # already went through (the form then posts its older version) is not a conflict.
        check_editable(report)
        return report
    check_version(report, version)
    check_editable(report)
    check_not_locked(report, today)
    old = snapshot(report, CONTENT_FIELDS)
    # The version check and the bump happen in one UPDATE: a writer that slipped past the
    # row lock (none should) still cannot overwrite silently.
    updated = ProgressReport.objects.filter(pk=report.pk, version=version).update(
        **changes, version=F("version") + 1, updated_by=user, updated_at=now()
    )
    if updated != 1:
        report.refresh_from_db()
        check_version(report, version)
    report.refresh_from_db()
    new = snapshot(report, CONTENT_FIELDS)
    record_event(actor=user, action="supervision.report.save", obj=report, old=old, new=new)
    return report


@transaction.atomic
def do_submit_report(
    report: ProgressReport,
    *,
    version: int | None = None,
    acting_user: User,
    today: date | None = None,
) -> ProgressReport:
    """Hand the report in: to the unit head when the program wants sign-off, else to the office."""
    today = today or local_today()
    user = check_acts_for(acting_user, report.unit_id, _("您不能报送其他单位的报告。"))
    report = lock_row(report)
    check_version(report, version)
    check_editable(report)
    check_not_locked(report, today)
    if not report.progress.strip():
        raise ValidationError({"progress": _("请填写进展情况后再报送。")})
    old = snapshot(report, REPORT_FIELDS)
    needs_signoff = (
        get_settings(report.round.program).requires_head_signoff
        and user.role != User.Role.UNIT_HEAD
    )
    moment = now()
    report.submitted_by = user
    report.version += 1
    report.updated_by = user
    report.updated_at = moment
    if needs_signoff:
        report.status = ProgressReport.Status.PENDING_SIGNOFF
    else:
        if user.role == User.Role.UNIT_HEAD:
            report.signed_off_by = user
            report.signed_off_at = moment
        _hand_in(report, moment, today)
    report.save()
    record_event(
        actor=user,
        action="supervision.report.submit",
        obj=report,
        old=old,
        new=snapshot(report, REPORT_FIELDS),
    )
    if needs_signoff:
        heads = [u for u in unit_people([report.unit_id]) if u.role == User.Role.UNIT_HEAD]
        notify(
            heads,
            title=_("有一份进展报告待您审签"),
            body=str(report),
            url=report_url(report),
            now=moment,
        )
    return report


def _hand_in(report: ProgressReport, moment: Any, today: date) -> None:
    report.status = ProgressReport.Status.SUBMITTED
    report.submitted_at = moment
    if report.first_submitted_at is None:
        report.first_submitted_at = moment
        report.is_on_time = today <= report.round.due_on


@transaction.atomic
def do_sign_off_report(
    report: ProgressReport,
    *,
    approve: bool = True,
    note: str = "",
    acting_user: User,
    today: date | None = None,
) -> ProgressReport:
    """Let the unit head pass a pending report to the office, or send it back with a note."""
    today = today or local_today()
    user = check_acts_for(acting_user, report.unit_id, _("只有本单位负责人可以审签。"))
    if user.role != User.Role.UNIT_HEAD:
        raise ValidationError(_("只有本单位负责人可以审签。"), code="not_head")
    report = lock_row(report)
    if report.status != ProgressReport.Status.PENDING_SIGNOFF:
        raise ValidationError(_("该报告不在待审签状态。"))
    if not approve and not note.strip():
        raise ValidationError({"note": _("退回修改时请写明原因。")})
    check_not_locked(report, today)
    old = snapshot(report, REPORT_FIELDS)
    moment = now()
    report.version += 1
    if approve:
        report.signed_off_by = user
        report.signed_off_at = moment
        _hand_in(report, moment, today)
    else:
        report.status = ProgressReport.Status.RETURNED
        report.return_reason = note.strip()
    report.save()
    record_event(
        actor=user,
        action="supervision.report.sign_off" if approve else "supervision.report.head_return",
        obj=report,
        old=old,
        new=snapshot(report, REPORT_FIELDS),
    )
    return report
