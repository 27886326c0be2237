"""Rounds and progress reports: open, lock, lights; create, save, submit, review, evidence."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from luoshi.api.auth import request_user
from luoshi.api.pagination import Page
from luoshi.api.routers.supervision.common import stale_as_409, unit_or_404
from luoshi.api.schemas.supervision import (
    EvidenceOut,
    ReasonIn,
    ReportCreateIn,
    ReportDetailOut,
    ReportFilter,
    ReportIn,
    ReportOut,
    RoundFilter,
    RoundIn,
    RoundOut,
    SignOffIn,
    SubmitIn,
    UnlockIn,
    light_out,
)
from luoshi.org.permissions import check_office
from luoshi.plans.queries import access_program, access_task
from luoshi.supervision import actions, queries
from luoshi.supervision.models import ProgressReport, ReportingRound

router = Router()


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
        {"report_id": r.pk, "item": r.item_label, "unit_id": r.unit_id, **light_out(lights[r.pk])}
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
        round_, unit=unit_or_404(payload.unit_id), task=task, decision=decision, acting_user=user
    )
    return Status(201, queries.access_report(user, report.pk))


@router.put("/reports/{report_id}", response=ReportOut)
def save_report(request: HttpRequest, report_id: int, payload: ReportIn) -> ProgressReport:
    """Save content; send the version you read. A stale version answers 409 with the current one."""
    user = request_user(request)
    report = queries.access_report(user, report_id)
    values = payload.dict(exclude_none=True, exclude={"version"})
    saved = stale_as_409(
        lambda: actions.do_save_report(report, version=payload.version, acting_user=user, **values)
    )
    return queries.access_report(user, saved.pk)


@router.post("/reports/{report_id}/submit", response=ReportOut)
def submit_report(request: HttpRequest, report_id: int, payload: SubmitIn) -> ProgressReport:
    """Hand the report in (to the unit head first when the program requires sign-off)."""
    user = request_user(request)
    report = queries.access_report(user, report_id)
    stale_as_409(
        lambda: actions.do_submit_report(report, version=payload.version, acting_user=user)
    )
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
