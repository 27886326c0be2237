"""Programs, their plan under review (import, read, correct, confirm), tasks and targets."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from luoshi.api.auth import request_user
from luoshi.api.errors import ApiError
from luoshi.api.pagination import Page
from luoshi.api.schemas.plans import (
    CountOut,
    DocumentOut,
    ImportForm,
    ImportIn,
    MatrixOut,
    PlanDiffOut,
    PlanOut,
    PlanTargetIn,
    PlanTaskIn,
    ProgramOut,
    TargetOut,
    TaskDetailOut,
    TaskFilter,
    TaskOut,
    UnitNameIn,
    UnitNameOut,
)
from luoshi.org import queries as org_queries
from luoshi.org.models import Region, Unit, User
from luoshi.plans import actions, plan_data, queries
from luoshi.plans.diff import diff_plans
from luoshi.plans.importing import parse_policy, read_policy_upload
from luoshi.plans.models import PolicyDocument, Program, Section, Target, Task

router = Router()


def _region(user: User, code: str | None) -> Region | None:
    return org_queries.access_region(user, code) if code else None


def _draft(user: User, program_id: int) -> PolicyDocument:
    program = queries.access_program(user, program_id)
    document = queries.latest_document(program)
    if document is None or document.confirmed_at is not None:
        raise ApiError(
            409,
            "no_draft",
            "该落实工作没有待确认的版本；如需修改请导入修订版本",
            "no version awaits review; import a revised document",
        )
    return queries.access_document(user, document.pk)


def _plan_out(document: PolicyDocument) -> dict[str, Any]:
    names = list(document.unit_names.select_related("unit").order_by("id"))
    unmapped = [n.verbatim_name for n in names if n.unit is None]
    return {
        "program_id": document.program_id,
        "document_id": document.pk,
        "version": document.version,
        "is_draft": document.confirmed_at is None,
        "title": document.title,
        "doc_number": document.doc_number,
        "date": document.date,
        "source_name": document.source_name,
        "plan": document.plan,
        "unit_names": names,
        "unmapped_names": unmapped,
        "warning_counts": plan_data.review_warnings(document.plan, set(unmapped)),
    }


def _read_upload(file: UploadedFile) -> str:
    if file.size is not None and file.size > settings.UPLOAD_MAX_BYTES:
        raise ApiError(
            413,
            "too_large",
            f"文件超过 {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB",
            f"file larger than {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB",
        )
    return read_policy_upload(file.name or "upload.txt", file.read())


@router.get("/programs", response=list[ProgramOut], tags=["programs"])
@paginate(Page)
def list_programs(request: HttpRequest) -> QuerySet[Program]:
    """List the programs you may open."""
    return queries.list_programs(request_user(request))


@router.post("/programs/upload", response={201: PlanOut}, tags=["programs"])
def import_program_file(
    request: HttpRequest, file: File[UploadedFile], form: Form[ImportForm]
) -> Status[dict[str, Any]]:
    """Start a program from an uploaded .txt, .docx or .html policy (office)."""
    user = request_user(request)
    region = _region(user, form.region_code)
    text = _read_upload(file)
    document = actions.do_start_program_import(
        text=text,
        plan=parse_policy(text),
        source_name=file.name or "",
        name=form.name,
        slug=form.slug,
        region=region,
        acting_user=user,
    )
    return Status(201, _plan_out(document))


@router.get("/programs/{program_id}", response=ProgramOut, tags=["programs"])
def get_program(request: HttpRequest, program_id: int) -> Program:
    """Read one program."""
    return queries.access_program(request_user(request), program_id)


@router.post("/programs", response={201: PlanOut}, tags=["programs"])
def import_program(request: HttpRequest, payload: ImportIn) -> Status[dict[str, Any]]:
    """Start a program from a policy text: the parser runs and the plan awaits review (office)."""
    user = request_user(request)
    region = _region(user, payload.region_code)
    document = actions.do_start_program_import(
        text=payload.text,
        plan=parse_policy(payload.text),
        source_name=payload.source_name,
        name=payload.name,
        slug=payload.slug,
        region=region,
        start_date=payload.start_date,
        end_date=payload.end_date,
        acting_user=user,
    )
    return Status(201, _plan_out(document))


@router.get("/programs/{program_id}/plan", response=PlanOut, tags=["plan"])
def get_plan(request: HttpRequest, program_id: int) -> dict[str, Any]:
    """Read the newest plan version: the draft under review, or the published one (office)."""
    user = request_user(request)
    program = queries.access_program(user, program_id)
    document = queries.latest_document(program)
    if document is None:
        raise ApiError(404, "not_found", "未找到", "not found")
    return _plan_out(queries.access_document(user, document.pk))


@router.post("/programs/{program_id}/plan", response={201: PlanOut}, tags=["plan"])
def reimport_plan(
    request: HttpRequest, program_id: int, payload: ImportIn
) -> Status[dict[str, Any]]:
    """Import a revised policy text as the next version, for review (office)."""
    user = request_user(request)
    program = queries.access_program(user, program_id)
    document = actions.do_start_reimport(
        program,
        text=payload.text,
        plan=parse_policy(payload.text),
        source_name=payload.source_name,
        acting_user=user,
    )
    return Status(201, _plan_out(document))


@router.get("/programs/{program_id}/plan/diff", response=PlanDiffOut, tags=["plan"])
def plan_diff(request: HttpRequest, program_id: int) -> dict[str, Any]:
    """Compare the revised plan under review with the published one (office)."""
    user = request_user(request)
    document = _draft(user, program_id)
    old_tasks, old_targets = actions.published_snapshots(document.program)
    new_tasks, new_targets = actions.plan_snapshots(document)
    diff = diff_plans(old_tasks, new_tasks, old_targets, new_targets)
    return {
        "tasks_added": [t.path for t in diff.tasks_added],
        "tasks_removed": [t.path for t in diff.tasks_removed],
        "tasks_changed": [
            {
                "old_path": c.old.path,
                "new_path": c.new.path,
                "matched_by": c.matched_by,
                "is_text_changed": c.is_text_changed,
                "units_added": list(c.units_added),
                "units_removed": list(c.units_removed),
                "is_lead_changed": c.is_lead_changed,
            }
            for c in diff.tasks_changed
        ],
        "targets_added": len(diff.targets_added),
        "targets_removed": len(diff.targets_removed),
        "targets_changed": len(diff.targets_changed),
    }


@router.put("/programs/{program_id}/plan/task", response=dict[str, Any], tags=["plan"])
def update_plan_task(request: HttpRequest, program_id: int, payload: PlanTaskIn) -> dict[str, Any]:
    """Set one task's units and lead units in the plan under review (office)."""
    user = request_user(request)
    return actions.do_update_plan_task(
        _draft(user, program_id),
        path=payload.path,
        units=payload.units,
        lead_units=payload.lead_units,
        acting_user=user,
    )


@router.put("/programs/{program_id}/plan/targets/{index}", response=dict[str, Any], tags=["plan"])
def update_plan_target(
    request: HttpRequest, program_id: int, index: int, payload: PlanTargetIn
) -> dict[str, Any]:
    """Correct one target's value, year or unit of measure in the plan under review (office)."""
    user = request_user(request)
    return actions.do_update_plan_target(
        _draft(user, program_id),
        index=index,
        value=payload.value,
        year=payload.year,
        unit=payload.unit,
        acting_user=user,
    )


@router.post("/programs/{program_id}/plan/unit-names", response=UnitNameOut, tags=["plan"])
def map_unit_name(request: HttpRequest, program_id: int, payload: UnitNameIn) -> Any:
    """Map a unit name as written to a registry unit, or create a new unit (office)."""
    user = request_user(request)
    unit: Unit | None = None
    if payload.unit_id is not None:
        unit = org_queries.access_unit(user, payload.unit_id)
    return actions.do_map_unit_name(
        _draft(user, program_id),
        verbatim_name=payload.verbatim_name,
        unit=unit,
        new_unit_kind=payload.new_unit_kind,
        acting_user=user,
    )


@router.post("/programs/{program_id}/plan/confirm-leads", response=CountOut, tags=["plan"])
def confirm_leads(request: HttpRequest, program_id: int) -> dict[str, int]:
    """Confirm every inferred lead unit as it stands (office)."""
    user = request_user(request)
    count = actions.do_confirm_plan_leads(_draft(user, program_id), acting_user=user)
    return {"count": count}


@router.post("/programs/{program_id}/plan/confirm", response=ProgramOut, tags=["plan"])
def publish_plan(request: HttpRequest, program_id: int) -> Program:
    """Confirm and publish the plan under review: tasks, responsibilities, targets (office)."""
    user = request_user(request)
    program = actions.do_publish_plan(_draft(user, program_id), acting_user=user)
    return queries.access_program(user, program.pk)


@router.get("/programs/{program_id}/documents", response=list[DocumentOut], tags=["plan"])
def list_documents(request: HttpRequest, program_id: int) -> QuerySet[PolicyDocument]:
    """List a program's document versions (office)."""
    user = request_user(request)
    if not user.is_office:
        raise ApiError(404, "not_found", "未找到", "not found")
    return queries.access_program(user, program_id).documents.order_by("-version")


@router.get("/programs/{program_id}/targets", response=list[TargetOut], tags=["programs"])
def list_targets(request: HttpRequest, program_id: int) -> QuerySet[Target]:
    """List a published program's active targets."""
    program = queries.access_program(request_user(request), program_id)
    return program.targets.filter(is_active=True).order_by("order")


@router.get("/programs/{program_id}/matrix", response=MatrixOut, tags=["programs"])
def responsibility_matrix(request: HttpRequest, program_id: int) -> dict[str, Any]:
    """Read sections x units with lead and co task counts (office and leader)."""
    user = request_user(request)
    if not user.reads_everything:
        raise ApiError(404, "not_found", "未找到", "not found")
    matrix = queries.responsibility_matrix(queries.access_program(user, program_id))
    return {
        "units": [{"id": u.pk, "name": u.name} for u in matrix.units],
        "rows": [
            {
                "section": row.path,
                "title": row.title,
                "cells": [{"lead": c.lead, "co": c.co} for c in row.cells],
            }
            for row in matrix.rows
        ],
    }


@router.get("/tasks", response=list[TaskOut], tags=["tasks"])
@paginate(Page)
def list_tasks(request: HttpRequest, filters: Query[TaskFilter]) -> QuerySet[Task]:
    """List a program's tasks you may see, filtered by section, unit, role, status or text."""
    user = request_user(request)
    program = queries.access_program(user, filters.program)
    section: Section | None = None
    if filters.section:
        section = program.sections.filter(path=filters.section).first()
        if section is None:
            raise ApiError(
                422,
                "invalid",
                f"没有条款“{filters.section}”",
                f"no section {filters.section!r}",
            )
    unit = org_queries.access_unit(user, filters.unit) if filters.unit is not None else None
    return queries.list_tasks(
        user,
        program,
        section=section,
        unit=unit,
        role=filters.role,
        status=filters.status,
        q=filters.q,
    ).select_related("section")


@router.get("/tasks/{task_id}", response=TaskDetailOut, tags=["tasks"])
def get_task(request: HttpRequest, task_id: int) -> Task:
    """Read one task with its responsibilities and targets."""
    return queries.access_task(request_user(request), task_id)
