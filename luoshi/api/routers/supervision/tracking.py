"""Notices, extensions, meetings and decisions, instructions, scorecards and timeliness."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from luoshi.api.auth import request_user
from luoshi.api.errors import ApiError
from luoshi.api.pagination import Page
from luoshi.api.routers.supervision.common import unit_or_404
from luoshi.api.schemas.supervision import (
    AnswerIn,
    DecideIn,
    DecisionIn,
    DecisionOut,
    ExtensionIn,
    ExtensionOut,
    InstructionIn,
    InstructionOut,
    MeetingIn,
    MeetingOut,
    NoticeFilter,
    NoticeOut,
    ReportOut,
    ReviewIn,
    ScorecardOut,
    TimelinessOut,
    plain_number,
    score_label_en,
)
from luoshi.core.periods import parse_period
from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_office
from luoshi.plans.queries import access_program, access_task, own_units
from luoshi.supervision import actions, queries
from luoshi.supervision.models import (
    Decision,
    ExtensionRequest,
    Instruction,
    Meeting,
    ProgressReport,
    SupervisionNotice,
)

router = Router()

A = TypeVar("A", SupervisionNotice, Instruction)


def _answer(
    request: HttpRequest,
    item_id: int,
    payload: AnswerIn,
    access: Callable[[User, int], A],
    answer: Callable[..., A],
) -> A:
    """Record the addressed unit's written answer to a notice or an instruction."""
    user = request_user(request)
    return answer(access(user, item_id), text=payload.answer, acting_user=user)


def _review(
    request: HttpRequest,
    item_id: int,
    payload: ReviewIn,
    access: Callable[[User, int], A],
    review: Callable[..., A],
) -> A:
    """Accept (close) or return the answer to a notice or an instruction (office)."""
    user = check_office(request_user(request))
    return review(access(user, item_id), accept=payload.accept, note=payload.note, acting_user=user)


# --- notices -------------------------------------------------------------------------------


@router.get("/notices", response=list[NoticeOut])
@paginate(Page)
def list_notices(request: HttpRequest, filters: Query[NoticeFilter]) -> QuerySet[SupervisionNotice]:
    """List supervision notices (督办单) you may see."""
    notices = queries.list_notices(request_user(request))
    if filters.level:
        notices = notices.filter(level=filters.level)
    if filters.status:
        notices = notices.filter(status=filters.status)
    return notices


@router.get("/notices/{notice_id}", response=NoticeOut)
def get_notice(request: HttpRequest, notice_id: int) -> SupervisionNotice:
    """Read one notice."""
    return queries.access_notice(request_user(request), notice_id)


@router.post("/notices/{notice_id}/answer", response=NoticeOut)
def answer_notice(request: HttpRequest, notice_id: int, payload: AnswerIn) -> SupervisionNotice:
    """Answer a notice in writing (the addressed unit)."""
    return _answer(request, notice_id, payload, queries.access_notice, actions.do_answer_notice)


@router.post("/notices/{notice_id}/review", response=NoticeOut)
def review_notice(request: HttpRequest, notice_id: int, payload: ReviewIn) -> SupervisionNotice:
    """Accept or return a notice's answer (office)."""
    return _review(
        request, notice_id, payload, queries.access_notice, actions.do_review_notice_answer
    )


# --- extensions ----------------------------------------------------------------------------


@router.get("/extensions", response=list[ExtensionOut])
@paginate(Page)
def list_extensions(request: HttpRequest) -> QuerySet[ExtensionRequest]:
    """List extension requests (延期申请) you may see."""
    return queries.list_extensions(request_user(request))


@router.post("/extensions", response={201: ExtensionOut})
def request_extension(request: HttpRequest, payload: ExtensionIn) -> Status[ExtensionRequest]:
    """Ask to move your unit's deadline for a task or decision, before it passes."""
    user = request_user(request)
    task = access_task(user, payload.task_id) if payload.task_id else None
    decision = queries.access_decision(user, payload.decision_id) if payload.decision_id else None
    extension = actions.do_request_extension(
        unit=unit_or_404(payload.unit_id),
        task=task,
        decision=decision,
        requested_deadline=payload.requested_deadline,
        reason=payload.reason,
        acting_user=user,
    )
    return Status(201, extension)


@router.post("/extensions/{extension_id}/decide", response=ExtensionOut)
def decide_extension(
    request: HttpRequest, extension_id: int, payload: DecideIn
) -> ExtensionRequest:
    """Approve or refuse an extension request (office)."""
    user = check_office(request_user(request))
    return actions.do_decide_extension(
        queries.access_extension(user, extension_id),
        approve=payload.approve,
        note=payload.note,
        acting_user=user,
    )


# --- meetings and decisions ----------------------------------------------------------------


@router.get("/meetings", response=list[MeetingOut])
@paginate(Page)
def list_meetings(request: HttpRequest) -> QuerySet[Meeting]:
    """List meetings you may see."""
    return queries.list_meetings(request_user(request)).prefetch_related("attendees")


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    """Read one meeting."""
    return queries.access_meeting(request_user(request), meeting_id)


@router.post("/meetings", response={201: MeetingOut})
def record_meeting(request: HttpRequest, payload: MeetingIn) -> Status[Meeting]:
    """Record a joint or work meeting (office)."""
    user = check_office(request_user(request))
    program = access_program(user, payload.program_id)
    meeting = actions.do_record_meeting(
        program,
        kind=payload.kind,
        date_held=payload.date,
        title=payload.title,
        attendees=list(Unit.objects.filter(pk__in=payload.attendee_ids)),
        minutes=payload.minutes,
        acting_user=user,
    )
    return Status(201, meeting)


@router.post("/meetings/{meeting_id}/decisions", response={201: DecisionOut})
def add_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Status[Decision]:
    """Add a decision to a meeting (office); later rounds ask its owners about it."""
    user = check_office(request_user(request))
    meeting = queries.access_meeting(user, meeting_id)
    decision = actions.do_add_decision(
        meeting,
        text=payload.text,
        lead_units=list(Unit.objects.filter(pk__in=payload.lead_unit_ids)),
        co_units=list(Unit.objects.filter(pk__in=payload.co_unit_ids)),
        deadline=payload.deadline,
        acting_user=user,
    )
    return Status(201, decision)


@router.get("/decisions", response=list[DecisionOut])
@paginate(Page)
def list_decisions(request: HttpRequest) -> QuerySet[Decision]:
    """List meeting decisions you may see."""
    return queries.list_decisions(request_user(request)).prefetch_related("owner_rows__unit")


# --- instructions --------------------------------------------------------------------------


@router.get("/instructions", response=list[InstructionOut])
@paginate(Page)
def list_instructions(request: HttpRequest) -> QuerySet[Instruction]:
    """List leader instructions (批示) you may see."""
    return queries.list_instructions(request_user(request))


@router.post("/instructions", response={201: InstructionOut})
def write_instruction(request: HttpRequest, payload: InstructionIn) -> Status[Instruction]:
    """Write an instruction on a task, a report or a notice (leader)."""
    user = request_user(request)
    subject: dict[str, Any] = {}
    if payload.task_id:
        subject["task"] = access_task(user, payload.task_id)
    if payload.report_id:
        subject["report"] = queries.access_report(user, payload.report_id)
    if payload.notice_id:
        subject["notice"] = queries.access_notice(user, payload.notice_id)
    instruction = actions.do_write_instruction(
        text=payload.text,
        unit=unit_or_404(payload.unit_id),
        reply_by=payload.reply_by,
        acting_user=user,
        **subject,
    )
    return Status(201, instruction)


@router.post("/instructions/{instruction_id}/answer", response=InstructionOut)
def answer_instruction(request: HttpRequest, instruction_id: int, payload: AnswerIn) -> Instruction:
    """Answer an instruction (the addressed unit)."""
    return _answer(
        request, instruction_id, payload, queries.access_instruction, actions.do_answer_instruction
    )


@router.post("/instructions/{instruction_id}/review", response=InstructionOut)
def review_instruction(request: HttpRequest, instruction_id: int, payload: ReviewIn) -> Instruction:
    """Accept or return the answer to an instruction (office)."""
    return _review(
        request,
        instruction_id,
        payload,
        queries.access_instruction,
        actions.do_review_instruction_answer,
    )


# --- scorecards and timeliness -------------------------------------------------------------


@router.get("/scorecards", response=list[ScorecardOut])
def scorecards(request: HttpRequest, program: int, period: str) -> list[dict[str, Any]]:
    """Return every unit's score for a period with the events behind it (units: their own)."""
    user = request_user(request)
    found = access_program(user, program)
    try:
        parsed = parse_period(period)
    except ValueError:
        raise ApiError(
            422, "invalid", f"“{period}”不是有效的期间", f"{period!r} is not a period"
        ) from None
    cards = queries.scorecards(found, parsed, queries.local_today())
    if not user.reads_everything:
        own = own_units(user)
        cards = [c for c in cards if c.unit_id in own]
    return [
        {
            "unit_id": c.unit_id,
            "unit_name": c.unit_name,
            "base": plain_number(c.scorecard.base),
            "total": plain_number(c.scorecard.total),
            "lines": [
                {
                    "kind": line.event.kind.value,
                    "label_zh": line.label_zh,
                    "label_en": score_label_en(line.event.kind),
                    "day": line.event.day,
                    "subject": line.event.subject,
                    "role": line.event.role,
                    "reference": line.event.reference,
                    "points": plain_number(line.points),
                }
                for line in c.scorecard.lines
            ],
        }
        for c in cards
    ]


@router.get("/timeliness", response=list[TimelinessOut])
def timeliness(request: HttpRequest, round: int) -> list[Any]:
    """Return per unit: reports due, submitted, on time and accepted in a round (office, leader)."""
    user = request_user(request)
    if not user.reads_everything:
        raise Http404
    return list(queries.timeliness(queries.access_round(user, round)))


@router.get("/timeliness/late", response=list[ReportOut])
@paginate(Page)
def late_reports(request: HttpRequest, program: int | None = None) -> QuerySet[ProgressReport]:
    """List reports past their due date and never submitted: who is late."""
    user = request_user(request)
    found = access_program(user, program) if program else None
    return queries.late_reports(user, queries.local_today(), found)
