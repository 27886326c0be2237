"""Writes for extension requests (延期申请), meetings and their decisions (决定事项)."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_office
from luoshi.plans.models import Program, Task
from luoshi.supervision.actions.common import (
    check_acts_for,
    check_system_or_office,
    create_once,
    now,
)
from luoshi.supervision.models import Decision, DecisionOwner, ExtensionRequest, Meeting
from luoshi.supervision.notifications import notify, unit_people
from luoshi.supervision.queries import effective_deadline, local_today, responsible_units

EXTENSION_FIELDS = ["current_deadline", "requested_deadline", "reason", "status", "decision_note"]
MEETING_FIELDS = ["kind", "date", "title", "minutes"]
DECISION_FIELDS = ["number", "text", "deadline", "status"]

__all__ = [
    "do_add_decision",
    "do_close_decision",
    "do_decide_extension",
    "do_record_meeting",
    "do_request_extension",
]


@transaction.atomic
def do_request_extension(
    *,
    unit: Unit,
    requested_deadline: date,
    reason: str,
    task: Task | None = None,
    decision: Decision | None = None,
    is_simulated: bool = False,
    acting_user: User,
    today: date | None = None,
) -> ExtensionRequest:
    """Ask the office to move the unit's deadline for an item; only before the deadline passes."""
    today = today or local_today()
    user = check_acts_for(acting_user, unit.pk, _("您不能代表该单位申请延期。"))
    if (task is None) == (decision is None):
        raise ValidationError(_("请选择一项任务或一项会议决定事项。"))
    program = task.program if task is not None else decision.program  # type: ignore[union-attr]
    if unit.pk not in responsible_units(task=task, decision=decision):
        raise ValidationError(
            _("%(unit)s 不是该事项的责任单位，不能申请延期。") % {"unit": unit.name},
            code="not_responsible",
        )
    if not reason.strip():
        raise ValidationError({"reason": _("请写明延期理由。")})
    current = effective_deadline(program, task=task, decision=decision, unit_id=unit.pk)
    if today > current:
        raise ValidationError(
            _("完成时限 %(date)s 已过，不能再申请延期。") % {"date": current.isoformat()},
            code="too_late",
        )
    if requested_deadline <= current:
        raise ValidationError(
            {
                "requested_deadline": _("申请的新时限应晚于当前时限 %(date)s。")
                % {"date": current.isoformat()}
            }
        )
    request = create_once(
        ExtensionRequest,
        program=program,
        task=task,
        decision=decision,
        unit=unit,
        current_deadline=current,
        requested_deadline=requested_deadline,
        reason=reason.strip(),
        requested_by=user,
        is_simulated=is_simulated,
    )
    if request is None:
        raise ValidationError(_("该事项已有待审批的延期申请。"), code="pending_exists")
    record_event(
        actor=user,
        action="supervision.extension.request",
        obj=request,
        new=snapshot(request, EXTENSION_FIELDS),
    )
    return request


@transaction.atomic
def do_decide_extension(
    request: ExtensionRequest, *, approve: bool, note: str = "", acting_user: User
) -> ExtensionRequest:
    """Approve (the unit's deadline moves, and its lights with it) or refuse a request."""
    user = check_office(acting_user)
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ExtensionRequest.Status.PENDING:
        raise ValidationError(_("该申请已审批。"))
    if not approve and not note.strip():
        raise ValidationError({"note": _("不批准时请写明理由。")})
    old = snapshot(request, EXTENSION_FIELDS)
    request.status = (
        ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
    )
    request.decision_note = note.strip()
    request.decided_by = user
    request.decided_at = now()
    request.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    record_event(
        actor=user,
        action="supervision.extension.approve" if approve else "supervision.extension.refuse",
        obj=request,
        old=old,
        new=snapshot(request, EXTENSION_FIELDS),
    )
    notify(
        unit_people([request.unit_id]),
        title=(_("延期申请已批准：%(item)s") if approve else _("延期申请未获批准：%(item)s"))
        % {"item": request.item_label},
        body=request.decision_note,
        url=reverse("supervision:extension_list"),
        now=request.decided_at,
    )
    return request


@transaction.atomic
def do_record_meeting(
    program: Program,
    *,
    kind: str,
    date_held: date,
    title: str,
    attendees: Sequence[Unit] = (),
    minutes: str = "",
    is_simulated: bool = False,
    acting_user: User | None,
) -> Meeting:
    """Record a joint meeting or a work meeting with its attendees and minutes."""
    check_system_or_office(acting_user)
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": _("未知的会议类型。")})
    if not title.strip():
        raise ValidationError({"title": _("请填写会议名称。")})
    meeting = Meeting.objects.create(
        program=program,
        kind=kind,
        date=date_held,
        title=title.strip(),
        minutes=minutes.strip(),
        created_by=acting_user,
        is_simulated=is_simulated,
    )
    meeting.attendees.set(attendees)
    record_event(
        actor=acting_user,
        action="supervision.meeting.record",
        obj=meeting,
        new={**snapshot(meeting, MEETING_FIELDS), "attendees": sorted(u.pk for u in attendees)},
    )
    return meeting


@transaction.atomic
def do_add_decision(
    meeting: Meeting,
    *,
    text: str,
    lead_units: Sequence[Unit],
    co_units: Sequence[Unit] = (),
    deadline: date | None = None,
    is_simulated: bool = False,
    acting_user: User | None,
) -> Decision:
    """Add a decision to a meeting; later rounds ask its owner units about it like a task."""
    check_system_or_office(acting_user)
    if not text.strip():
        raise ValidationError({"text": _("请填写决定事项。")})
    if not lead_units:
        raise ValidationError({"lead_units": _("请至少指定一个牵头单位。")})
    number = meeting.decisions.count() + 1
    decision = Decision.objects.create(
        meeting=meeting,
        program_id=meeting.program_id,
        number=number,
        text=text.strip(),
        deadline=deadline,
        is_simulated=is_simulated,
    )
    lead_ids = [u.pk for u in lead_units]
    DecisionOwner.objects.bulk_create(
        [DecisionOwner(decision=decision, unit=u, role=DecisionOwner.Role.LEAD) for u in lead_units]
        + [
            DecisionOwner(decision=decision, unit=u, role=DecisionOwner.Role.CO)
            for u in co_units
            if u.pk not in lead_ids
        ]
    )
    record_event(
        actor=acting_user,
        action="supervision.decision.add",
        obj=decision,
        new={
            **snapshot(decision, DECISION_FIELDS),
            "lead_units": lead_ids,
            "co_units": [u.pk for u in co_units],
        },
    )
    return decision


@transaction.atomic
def do_close_decision(decision: Decision, *, acting_user: User | None) -> Decision:
    """Mark a decision done (办结); later rounds no longer ask about it."""
    check_system_or_office(acting_user)
    if decision.status == Decision.Status.CLOSED:
        raise ValidationError(_("该决定事项已办结。"))
    old = snapshot(decision, DECISION_FIELDS)
    decision.status = Decision.Status.CLOSED
    decision.save(update_fields=["status"])
    record_event(
        actor=acting_user,
        action="supervision.decision.close",
        obj=decision,
        old=old,
        new=snapshot(decision, DECISION_FIELDS),
    )
    return decision
