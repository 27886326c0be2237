"""Effective deadlines (extensions included) and the status lights computed from them."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from luoshi.plans.models import Program, Task
from luoshi.supervision.lights import Light, LightInputs, compute_light, worst_light
from luoshi.supervision.models import (
    Decision,
    ExtensionRequest,
    ProgressReport,
    ReportingRound,
)
from luoshi.supervision.queries.common import get_settings


def _deadline_key(task_id: int | None, decision_id: int | None) -> str:
    return f"task:{task_id}" if task_id is not None else f"decision:{decision_id}"


def extended_deadlines(program: Program) -> dict[tuple[str, int], date]:
    """Return {(item key, unit id): new deadline} from the program's approved extensions."""
    out: dict[tuple[str, int], date] = {}
    approved = ExtensionRequest.objects.filter(
        program=program, status=ExtensionRequest.Status.APPROVED
    ).values_list("task_id", "decision_id", "unit_id", "requested_deadline")
    for task_id, decision_id, unit_id, deadline in approved:
        key = (_deadline_key(task_id, decision_id), unit_id)
        if key not in out or deadline > out[key]:
            out[key] = deadline
    return out


def _planned_deadline(program: Program, task: Task | None, decision: Decision | None) -> date:
    item_deadline = task.deadline if task is not None else decision.deadline if decision else None
    return item_deadline or program.end_date or date(timezone.localdate().year, 12, 31)


def _span_start(program: Program, task: Task | None, decision: Decision | None) -> date:
    if decision is not None:
        return decision.meeting.date
    if program.start_date is not None:
        return program.start_date
    assert task is not None
    return timezone.localtime(task.created_at).date()


def effective_deadline(
    program: Program, *, task: Task | None = None, decision: Decision | None = None, unit_id: int
) -> date:
    """Return the unit's deadline for the item: the latest approved extension, else the plan's."""
    key = (_deadline_key(task.pk if task else None, decision.pk if decision else None), unit_id)
    return extended_deadlines(program).get(key) or _planned_deadline(program, task, decision)


def _previous_round(round_: ReportingRound) -> ReportingRound | None:
    return (
        ReportingRound.objects.filter(
            program_id=round_.program_id, period_end__lt=round_.period_start
        )
        .order_by("-period_end")
        .first()
    )


def report_lights(
    round_: ReportingRound, reports: Iterable[ProgressReport], today: date
) -> dict[int, Light]:
    """Return the light of each report (unit × item) in the round."""
    reports = list(reports)
    program = round_.program
    thresholds = get_settings(program).thresholds
    extensions = extended_deadlines(program)
    previous: dict[tuple[str, int], str] = {}
    before = _previous_round(round_)
    if before is not None:
        for task_id, decision_id, unit_id, progress in (
            ProgressReport.objects.filter(round=before)
            .exclude(status=ProgressReport.Status.DRAFT)
            .values_list("task_id", "decision_id", "unit_id", "progress_status")
        ):
            previous[(_deadline_key(task_id, decision_id), unit_id)] = progress
    out: dict[int, Light] = {}
    for report in reports:
        key = (_deadline_key(report.task_id, report.decision_id), report.unit_id)
        task, decision = report.task, report.decision
        span_end = extensions.get(key) or _planned_deadline(program, task, decision)
        out[report.pk] = compute_light(
            LightInputs(
                today=today,
                due_on=round_.due_on,
                as_of=round_.period_end,
                span_start=_span_start(program, task, decision),
                span_end=span_end,
                report_status=report.status,
                progress_status=report.progress_status,
                percent_complete=report.percent_complete,
                previous_progress_status=previous.get(key, ""),
                thresholds=thresholds,
            )
        )
    return out


def item_lights(
    round_: ReportingRound, reports: Iterable[ProgressReport], today: date
) -> dict[str, Light]:
    """Return each item's light in the round: the worst of its units' lights."""
    reports = list(reports)
    lights = report_lights(round_, reports, today)
    grouped: dict[str, list[Light]] = defaultdict(list)
    for report in reports:
        grouped[report.item_key].append(lights[report.pk])
    return {key: light for key, items in grouped.items() if (light := worst_light(items))}


def current_item_light(
    task: Task, today: date
) -> tuple[ReportingRound | None, Light | None, list[ProgressReport]]:
    """Return the task's latest opened round, its light there and the round's reports on it."""
    round_ = (
        ReportingRound.objects.filter(
            program_id=task.program_id, opens_on__lte=today, reports__task=task
        )
        .select_related("program")
        .order_by("-period_start")
        .first()
    )
    if round_ is None:
        return None, None, []
    reports = list(
        ProgressReport.objects.filter(round=round_, task=task)
        .select_related("unit", "task", "round")
        .order_by("role", "unit__name")
    )
    lights = report_lights(round_, reports, today)
    return round_, worst_light(lights.values()), reports
