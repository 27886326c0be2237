"""Supervision: rounds, reports, notices, extensions, meetings, decisions, instructions, scores."""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from luoshi.api.auth import request_user
from luoshi.api.errors import ApiError
from luoshi.api.pagination import Page
from luoshi.core.periods import parse_period
from luoshi.org.audit import jsonable
from luoshi.org.models import Unit
from luoshi.org.permissions import check_office
from luoshi.plans.queries import access_program, access_task, own_units
from luoshi.supervision import actions, queries
from luoshi.supervision.errors import StaleVersionError
from luoshi.supervision.lights import Light
from luoshi.supervision.models import (
    Decision,
    ExtensionRequest,
    Instruction,
    Meeting,
    ProgressReport,
    ReportingRound,
    SupervisionNotice,
)

router = Router(tags=["supervision"])

T = TypeVar("T")


def _stale(call: Callable[[], T]) -> T:
    """Run an action; a stale version becomes 409 with the stored version and values."""
    try:
        return call()
    except StaleVersionError as error:
        raise ApiError(
            409,
            "stale_version",
            str(error.messages[0]),
            "the report was changed by someone else; your change was not saved",
            current_version=error.current_version,
            current_values=jsonable(error.current_values),
        ) from None


def _unit(user: Any, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


# --- schemas -------------------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    program_id: int
    period: str
    period_start: date
    period_end: date
    opens_on: date
    due_on: date
    locks_on: date | None
    unlocked_until: date | None
    status: str
    is_simulated: bool


class RoundIn(Schema):
    program_id: int
    period: str = Field(description="2020、2020H1、2020Q3 或 2020-07 / a period string")
    opens_on: date
    due_on: date
    locks_on: date | None = None


class UnlockIn(Schema):
    until: date


class LightOut(Schema):
    color: str
    rule_code: str
    explanation_zh: str
    inputs: dict[str, str]


class ReportOut(Schema):
    id: int
    round_id: int
    period: str = Field(alias="round.period")
    task_id: int | None
    decision_id: int | None
    item: str = Field(alias="item_label")
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    role: str
    is_consolidated: bool
    status: str
    progress_status: str
    percent_complete: str
    progress: str
    problems: str
    next_steps: str
    return_reason: str
    return_count: int
    version: int
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    is_on_time: bool | None
    is_simulated: bool

    @staticmethod
    def resolve_percent_complete(obj: ProgressReport) -> str:
        return format(Decimal(obj.percent_complete).normalize(), "f")


class ReportDetailOut(ReportOut):
    light: LightOut
    evidence: list[dict[str, Any]]

    @staticmethod
    def resolve_light(obj: ProgressReport) -> dict[str, Any]:
        light = queries.report_lights(obj.round, [obj], queries.local_today())[obj.pk]
        return _light_out(light)

    @staticmethod
    def resolve_evidence(obj: ProgressReport) -> list[dict[str, Any]]:
        return [
            {"id": e.pk, "original_name": e.original_name, "size": e.size, "file_type": e.file_type}
            for e in obj.evidence.all()
        ]


class ReportCreateIn(Schema):
    round_id: int
    unit_id: int
    task_id: int | None = None
    decision_id: int | None = None


class ReportIn(Schema):
    version: int = Field(description="读取时的版本号 / the version you read")
    progress_status: str | None = None
    percent_complete: Decimal | None = Field(None, ge=0, le=100)
    progress: str | None = None
    problems: str | None = None
    next_steps: str | None = None


class SubmitIn(Schema):
    version: int | None = None


class SignOffIn(Schema):
    approve: bool = True
    note: str = ""


class ReasonIn(Schema):
    reason: str


class EvidenceOut(Schema):
    id: int
    original_name: str
    size: int
    file_type: str


class NoticeOut(Schema):
    id: int
    program_id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    level: str
    reason: str
    text: str
    round_id: int | None
    report_id: int | None
    issued_on: date
    reply_by: date | None
    status: str
    answer: str
    review_note: str
    escalated_from_id: int | None
    is_simulated: bool


class AnswerIn(Schema):
    answer: str


class ReviewIn(Schema):
    accept: bool
    note: str = ""


class ExtensionOut(Schema):
    id: int
    program_id: int
    task_id: int | None
    decision_id: int | None
    unit_id: int
    current_deadline: date
    requested_deadline: date
    reason: str
    status: str
    decision_note: str
    is_simulated: bool


class ExtensionIn(Schema):
    unit_id: int
    task_id: int | None = None
    decision_id: int | None = None
    requested_deadline: date
    reason: str


class DecideIn(Schema):
    approve: bool
    note: str = ""


class DecisionOut(Schema):
    id: int
    meeting_id: int
    program_id: int
    number: int
    text: str
    deadline: date | None
    status: str
    owners: list[dict[str, Any]]
    is_simulated: bool

    @staticmethod
    def resolve_owners(obj: Decision) -> list[dict[str, Any]]:
        return [
            {"unit_id": o.unit_id, "unit_name": o.unit.name, "role": o.role}
            for o in obj.owner_rows.all()
        ]


class MeetingOut(Schema):
    id: int
    program_id: int
    kind: str
    date: date
    title: str
    minutes: str
    attendee_ids: list[int]
    is_simulated: bool

    @staticmethod
    def resolve_attendee_ids(obj: Meeting) -> list[int]:
        return sorted(u.pk for u in obj.attendees.all())


class MeetingIn(Schema):
    program_id: int
    kind: str
    date: date
    title: str
    attendee_ids: list[int] = Field(default_factory=list)
    minutes: str = ""


class DecisionIn(Schema):
    text: str
    lead_unit_ids: list[int]
    co_unit_ids: list[int] = Field(default_factory=list)
    deadline: date | None = None


class InstructionOut(Schema):
    id: int
    program_id: int
    author_id: int | None
    text: str
    task_id: int | None
    report_id: int | None
    notice_id: int | None
    unit_id: int
    reply_by: date | None
    status: str
    answer: str
    review_note: str
    is_simulated: bool


class InstructionIn(Schema):
    text: str
    unit_id: int
    task_id: int | None = None
    report_id: int | None = None
    notice_id: int | None = None
    reply_by: date | None = None


class ScoreLineOut(Schema):
    kind: str
    label_zh: str
    day: date
    subject: str
    role: str
    reference: str
    points: str


class ScorecardOut(Schema):
    unit_id: int
    unit_name: str
    base: str
    total: str
    lines: list[ScoreLineOut]


class TimelinessOut(Schema):
    unit_id: int
    unit_name: str
    due: int
    submitted: int
    on_time: int
    accepted: int


class RoundFilter(Schema):
    program: int | None = None


class ReportFilter(Schema):
    round: int | None = None
    status: str | None = None
    unit: int | None = None


class NoticeFilter(Schema):
    level: str | None = None
    status: str | None = None


def _light_out(light: Light) -> dict[str, Any]:
    return {
        "color": light.color.value,
        "rule_code": light.rule_code,
        "explanation_zh": light.explanation_zh,
        "inputs": dict(light.inputs),
    }


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


# --- rounds --------------------------------------------------------------------------------


@router.get("/rounds", response=list[RoundOut])
@paginate(Page)
def list_rounds(request: HttpRequest, filters: Query[RoundFilter]) -> QuerySet[ReportingRound]:
    """List reporting rounds you may see, newest period first."""
    user = request_user(request)
    program = access_program(user, filters.program) if filters.program else None
    return queries.list_rounds(user, program)


@router.post("/rounds", response={201: RoundOut})
def open_round(request: HttpRequest, payload: RoundIn) -> Status[ReportingRound]:
    """Open a round (office): every responsible unit of every active task must report."""
    user = check_office(request_user(request))
    program = access_program(user, payload.program_id)
    round_ = actions.do_open_round(
        program,
        period=payload.period,
        opens_on=payload.opens_on,
        due_on=payload.due_on,
        locks_on=payload.locks_on,
        acting_user=user,
    )
    return Status(201, round_)


@router.get("/rounds/{round_id}", response=RoundOut)
def get_round(request: HttpRequest, round_id: int) -> ReportingRound:
    """Read one round."""
    return queries.access_round(request_user(request), round_id)


@router.get("/rounds/{round_id}/lights", response=list[dict[str, Any]])
def round_lights(request: HttpRequest, round_id: int) -> list[dict[str, Any]]:
    """Return every report's light in the round, with the rule and its inputs."""
    user = request_user(request)
    round_ = queries.access_round(user, round_id)
    reports = list(queries.list_reports(user).filter(round=round_))
    lights = queries.report_lights(round_, reports, queries.local_today())
    return [
        {"report_id": r.pk, "item": r.item_label, "unit_id": r.unit_id, **_light_out(lights[r.pk])}
        for r in reports
    ]


@router.post("/rounds/{round_id}/lock", response=RoundOut)
def lock_round(request: HttpRequest, round_id: int) -> ReportingRound:
    """Lock a round (office)."""
    user = check_office(request_user(request))
    return actions.do_lock_round(queries.access_round(user, round_id), acting_user=user)


@router.post("/rounds/{round_id}/close", response=RoundOut)
def close_round(request: HttpRequest, round_id: int) -> ReportingRound:
    """Close a round (office)."""
    user = check_office(request_user(request))
    return actions.do_close_round(queries.access_round(user, round_id), acting_user=user)


@router.post("/rounds/{round_id}/unlock", response=RoundOut)
def unlock_round(request: HttpRequest, round_id: int, payload: UnlockIn) -> ReportingRound:
    """Allow edits to a locked round through a given day (office)."""
    user = check_office(request_user(request))
    return actions.do_unlock_round(
        queries.access_round(user, round_id),
        until=payload.until,
        today=queries.local_today(),
        acting_user=user,
    )


# --- reports -------------------------------------------------------------------------------


@router.get("/reports", response=list[ReportOut])
@paginate(Page)
def list_reports(request: HttpRequest, filters: Query[ReportFilter]) -> QuerySet[ProgressReport]:
    """List reports you may see: your units' own, and co-units' reports on items you lead."""
    user = request_user(request)
    reports = queries.list_reports(user)
    if filters.round is not None:
        reports = reports.filter(round_id=filters.round)
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.unit is not None:
        reports = reports.filter(unit_id=filters.unit)
    return reports.order_by("-round__period_start", "task__order", "decision_id", "unit__name")


@router.get("/reports/{report_id}", response=ReportDetailOut)
def get_report(request: HttpRequest, report_id: int) -> ProgressReport:
    """Read one report with its light (rule and inputs) and evidence files."""
    return queries.access_report(request_user(request), report_id)


@router.post("/reports", response={201: ReportOut})
def create_report(request: HttpRequest, payload: ReportCreateIn) -> Status[ProgressReport]:
    """Add your unit's report to a round; refused when the unit is not responsible."""
    user = request_user(request)
    round_ = queries.access_round(user, payload.round_id)
    task = access_task(user, payload.task_id) if payload.task_id else None
    decision = queries.access_decision(user, payload.decision_id) if payload.decision_id else None
    report = actions.do_create_report(
        round_, unit=_unit(user, payload.unit_id), task=task, decision=decision, acting_user=user
    )
    return Status(201, queries.access_report(user, report.pk))


@router.put("/reports/{report_id}", response=ReportOut)
def save_report(request: HttpRequest, report_id: int, payload: ReportIn) -> ProgressReport:
    """Save content; send the version you read. A stale version answers 409 with the current one."""
    user = request_user(request)
    report = queries.access_report(user, report_id)
    values = payload.dict(exclude_none=True, exclude={"version"})
    saved = _stale(
        lambda: actions.do_save_report(report, version=payload.version, acting_user=user, **values)
    )
    return queries.access_report(user, saved.pk)


@router.post("/reports/{report_id}/submit", response=ReportOut)
def submit_report(request: HttpRequest, report_id: int, payload: SubmitIn) -> ProgressReport:
    """Hand the report in (to the unit head first when the program requires sign-off)."""
    user = request_user(request)
    report = queries.access_report(user, report_id)
    _stale(lambda: actions.do_submit_report(report, version=payload.version, acting_user=user))
    return queries.access_report(user, report_id)


@router.post("/reports/{report_id}/signoff", response=ReportOut)
def sign_off_report(request: HttpRequest, report_id: int, payload: SignOffIn) -> ProgressReport:
    """Sign off (unit head) or send back with a note."""
    user = request_user(request)
    report = queries.access_report(user, report_id)
    actions.do_sign_off_report(report, approve=payload.approve, note=payload.note, acting_user=user)
    return queries.access_report(user, report_id)


@router.post("/reports/{report_id}/accept", response=ReportOut)
def accept_report(request: HttpRequest, report_id: int) -> ProgressReport:
    """Accept a submitted report (office)."""
    user = check_office(request_user(request))
    actions.do_accept_report(queries.access_report(user, report_id), acting_user=user)
    return queries.access_report(user, report_id)


@router.post("/reports/{report_id}/return", response=ReportOut)
def return_report(request: HttpRequest, report_id: int, payload: ReasonIn) -> ProgressReport:
    """Return a submitted report with the reason (office)."""
    user = check_office(request_user(request))
    actions.do_return_report(
        queries.access_report(user, report_id), reason=payload.reason, acting_user=user
    )
    return queries.access_report(user, report_id)


@router.post("/reports/{report_id}/evidence", response={201: EvidenceOut})
def upload_evidence(request: HttpRequest, report_id: int, file: File[UploadedFile]) -> Status[Any]:
    """Attach an evidence file (pdf, doc, docx, xls, xlsx, jpg, png, txt; size limited)."""
    user = request_user(request)
    report = queries.access_report(user, report_id)
    return Status(201, actions.do_add_evidence(report, upload=file, acting_user=user))


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
    user = request_user(request)
    return actions.do_answer_notice(
        queries.access_notice(user, notice_id), text=payload.answer, acting_user=user
    )


@router.post("/notices/{notice_id}/review", response=NoticeOut)
def review_notice(request: HttpRequest, notice_id: int, payload: ReviewIn) -> SupervisionNotice:
    """Accept or return a notice's answer (office)."""
    user = check_office(request_user(request))
    return actions.do_review_notice_answer(
        queries.access_notice(user, notice_id),
        accept=payload.accept,
        note=payload.note,
        acting_user=user,
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
        unit=_unit(user, payload.unit_id),
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
        unit=_unit(user, payload.unit_id),
        reply_by=payload.reply_by,
        acting_user=user,
        **subject,
    )
    return Status(201, instruction)


@router.post("/instructions/{instruction_id}/answer", response=InstructionOut)
def answer_instruction(request: HttpRequest, instruction_id: int, payload: AnswerIn) -> Instruction:
    """Answer an instruction (the addressed unit)."""
    user = request_user(request)
    return actions.do_answer_instruction(
        queries.access_instruction(user, instruction_id), text=payload.answer, acting_user=user
    )


@router.post("/instructions/{instruction_id}/review", response=InstructionOut)
def review_instruction(request: HttpRequest, instruction_id: int, payload: ReviewIn) -> Instruction:
    """Accept or return the answer to an instruction (office)."""
    user = check_office(request_user(request))
    return actions.do_review_instruction_answer(
        queries.access_instruction(user, instruction_id),
        accept=payload.accept,
        note=payload.note,
        acting_user=user,
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
            "base": _plain(c.scorecard.base),
            "total": _plain(c.scorecard.total),
            "lines": [
                {
                    "kind": line.event.kind.value,
                    "label_zh": line.label_zh,
                    "day": line.event.day,
                    "subject": line.event.subject,
                    "role": line.event.role,
                    "reference": line.event.reference,
                    "points": _plain(line.points),
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
