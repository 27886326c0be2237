"""Writes for supervision notices (督办单) and leader instructions (批示)."""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_signed_in
from luoshi.plans.models import Program, Task
from luoshi.supervision.actions.common import (
    answer,
    check_system_or_office,
    create_once,
    now,
    review_answer,
)
from luoshi.supervision.models import (
    AnswerStatus,
    Instruction,
    Notification,
    ProgressReport,
    ReportingRound,
    SupervisionNotice,
)
from luoshi.supervision.notifications import notify, unit_people
from luoshi.supervision.queries import get_settings

NOTICE_FIELDS = ["level", "reason", "unit", "text", "issued_on", "reply_by", "status"]
INSTRUCTION_FIELDS = ["text", "unit", "task", "report", "notice", "reply_by", "status"]

__all__ = [
    "do_answer_instruction",
    "do_answer_notice",
    "do_escalate_notice",
    "do_issue_notice",
    "do_mark_notifications_read",
    "do_review_instruction_answer",
    "do_review_notice_answer",
    "do_write_instruction",
]


@transaction.atomic
def do_issue_notice(
    *,
    program: Program,
    unit: Unit,
    level: str,
    reason: str,
    text: str,
    issued_on: date,
    key: str | None = None,
    round_: ReportingRound | None = None,
    report: ProgressReport | None = None,
    escalated_from: SupervisionNotice | None = None,
    is_simulated: bool = False,
    acting_user: User | None,
) -> SupervisionNotice | None:
    """Issue a notice once per (level, key); None when that notice already exists.

    Rules pass a key naming what the notice is about; the office's own notices get a fresh one.
    """
    check_system_or_office(acting_user)
    if level not in SupervisionNotice.Level.values:
        raise ValidationError({"level": _("未知的督办单级别。")})
    if not text.strip():
        raise ValidationError({"text": _("请填写督办内容。")})
    reply_days = get_settings(program).notice_reply_days
    notice = create_once(
        SupervisionNotice,
        program=program,
        unit=unit,
        level=level,
        reason=reason,
        key=key or f"manual:{uuid.uuid4().hex}",
        round=round_,
        report=report,
        text=text.strip(),
        issued_on=issued_on,
        reply_by=issued_on + timedelta(days=reply_days),
        issued_by=acting_user,
        escalated_from=escalated_from,
        is_simulated=is_simulated,
    )
    if notice is None:
        return None
    record_event(
        actor=acting_user,
        action="supervision.notice.issue",
        obj=notice,
        new=snapshot(notice, NOTICE_FIELDS),
    )
    notify(
        unit_people([unit.pk]),
        title=_("%(level)s：%(text)s") % {"level": notice.get_level_display(), "text": text[:60]},
        body=_("请于 %(date)s 前书面答复。") % {"date": notice.reply_by},
        url=reverse("supervision:notice_detail", args=[notice.pk]),
        now=now(),
        is_simulated=is_simulated,
    )
    return notice


@transaction.atomic
def do_escalate_notice(
    notice: SupervisionNotice, *, today: date, acting_user: User | None = None
) -> SupervisionNotice | None:
    """Turn a yellow notice unanswered past its reply date into a red one; once only."""
    check_system_or_office(acting_user)
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.level != SupervisionNotice.Level.YELLOW or not notice.is_awaiting_answer:
        raise ValidationError(_("只有未答复的黄色督办单可以升级。"))
    red = do_issue_notice(
        program=notice.program,
        unit=notice.unit,
        level=SupervisionNotice.Level.RED,
        reason=SupervisionNotice.Reason.ESCALATED,
        key=f"notice:{notice.pk}:escalated",
        text=_("黄色督办单（%(id)s）逾期未答复，升级为红色督办单。原督办内容：%(text)s")
        % {"id": notice.pk, "text": notice.text},
        issued_on=today,
        round_=notice.round,
        report=notice.report,
        escalated_from=notice,
        is_simulated=notice.is_simulated,
        acting_user=acting_user,
    )
    old = snapshot(notice, NOTICE_FIELDS)
    notice.status = AnswerStatus.ESCALATED
    notice.save(update_fields=["status"])
    record_event(
        actor=acting_user,
        action="supervision.notice.escalate",
        obj=notice,
        old=old,
        new={**snapshot(notice, NOTICE_FIELDS), "escalated_to": red.pk if red else None},
    )
    return red


@transaction.atomic
def do_answer_notice(
    notice: SupervisionNotice, *, text: str, acting_user: User
) -> SupervisionNotice:
    """Record the unit's written answer to a notice."""
    return answer(notice, text=text, acting_user=acting_user)


@transaction.atomic
def do_review_notice_answer(
    notice: SupervisionNotice,
    *,
    accept: bool,
    note: str = "",
    acting_user: User,
    today: date | None = None,
) -> SupervisionNotice:
    """Accept a notice's answer (closing it) or return it with a note and a new reply date."""
    return review_answer(notice, accept=accept, note=note, acting_user=acting_user, today=today)


@transaction.atomic
def do_write_instruction(
    *,
    text: str,
    unit: Unit,
    task: Task | None = None,
    report: ProgressReport | None = None,
    notice: SupervisionNotice | None = None,
    reply_by: date | None = None,
    is_simulated: bool = False,
    acting_user: User,
) -> Instruction:
    """Record a leader's instruction on a task, a report or a notice, addressed to a unit."""
    user = check_signed_in(acting_user)
    if not user.is_leader:
        raise ValidationError(_("只有领导可以作出批示。"), code="not_leader")
    subjects = [s for s in (task, report, notice) if s is not None]
    if len(subjects) != 1:
        raise ValidationError(_("批示须针对一项任务、一份报告或一张督办单。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写批示内容。")})
    if task is not None:
        program_id = task.program_id
    elif report is not None:
        program_id = report.round.program_id
    else:
        assert notice is not None
        program_id = notice.program_id
    instruction = Instruction.objects.create(
        program_id=program_id,
        author=user,
        text=text.strip(),
        task=task,
        report=report,
        notice=notice,
        unit=unit,
        reply_by=reply_by,
        is_simulated=is_simulated,
    )
    record_event(
        actor=user,
        action="supervision.instruction.write",
        obj=instruction,
        new=snapshot(instruction, INSTRUCTION_FIELDS),
    )
    notify(
        unit_people([unit.pk]),
        title=_("领导批示：%(text)s") % {"text": text[:60]},
        body=text,
        url=reverse("supervision:instruction_detail", args=[instruction.pk]),
        now=now(),
        is_simulated=is_simulated,
    )
    return instruction


@transaction.atomic
def do_answer_instruction(instruction: Instruction, *, text: str, acting_user: User) -> Instruction:
    """Record the addressed unit's answer to an instruction."""
    return answer(instruction, text=text, acting_user=acting_user)


@transaction.atomic
def do_review_instruction_answer(
    instruction: Instruction,
    *,
    accept: bool,
    note: str = "",
    acting_user: User,
    today: date | None = None,
) -> Instruction:
    """Accept the answer to an instruction (it is then done) or return it with a note."""
    return review_answer(
        instruction, accept=accept, note=note, acting_user=acting_user, today=today
    )


def do_mark_notifications_read(*, acting_user: User) -> int:
    """Mark the user's own unread notifications read; a read mark is not audited."""
    user = check_signed_in(acting_user)
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now())
