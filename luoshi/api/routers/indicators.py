"""Indicators, targets, data values (bulk read and write), imports, validation rules, progress.

The progress endpoint and the indicator page both call progress.indicator_progress, so they
give the same numbers; every figure comes with its formula, inputs and notes.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from luoshi.api.auth import request_user
from luoshi.api.errors import ApiError
from luoshi.api.pagination import Page
from luoshi.api.schemas.indicators import (
    AllocationIn,
    BulkIn,
    ChangeOut,
    DataValueOut,
    ImportErrorOut,
    ImportJobOut,
    IndicatorIn,
    IndicatorOut,
    IndicatorPatch,
    ProgressOut,
    ReasonIn,
    RuleIn,
    RuleOut,
    RulePatch,
    TargetOut,
    TargetPatch,
    ViolationOut,
)
from luoshi.core.periods import Period, parse_period
from luoshi.indicators import actions, queries
from luoshi.indicators.actions import ConflictError
from luoshi.indicators.analytics import Figure
from luoshi.indicators.exporters import csv_chunks, dhis2_bytes, xlsx_bytes
from luoshi.indicators.exports import value_rows
from luoshi.indicators.messages import describe_in
from luoshi.indicators.models import (
    DataValue,
    ImportJob,
    Indicator,
    IndicatorTarget,
    ValidationRule,
)
from luoshi.indicators.progress import IndicatorProgress, RegionProgress, indicator_progress
from luoshi.indicators.rollup import RollupPoint, rollup
from luoshi.indicators.validation import evaluate
from luoshi.org import queries as org_queries
from luoshi.org.models import Region, Unit, User
from luoshi.org.permissions import check_office
from luoshi.plans import queries as plan_queries
from luoshi.plans.models import Program

router = Router(tags=["indicators"])


def _program(user: User, program_id: int | None) -> Program | None:
    return queries.access_indicator_program(user, program_id) if program_id else None


def _period(text: str | None, field: str) -> Period | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except ValueError:
        raise ApiError(
            422, "invalid", f"“{text}”不是期间（{field}）", f"{text!r} is not a period ({field})"
        ) from None


def _units(ids: list[int]) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=ids))
    if len(units) != len(set(ids)):
        raise ApiError(422, "invalid", "有未知的单位", "unknown unit id")
    return units


# Indicators ----------------------------------------------------------------------------------


class IndicatorFilter(Schema):
    program: int | None = None


@router.get("/indicators", response=list[IndicatorOut])
@paginate(Page)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilter]) -> QuerySet[Indicator]:
    """List the indicators you may read."""
    user = request_user(request)
    return queries.list_indicators(user, _program(user, filters.program))


@router.post("/indicators", response={201: IndicatorOut})
def create_indicator(request: HttpRequest, payload: IndicatorIn) -> Status[Indicator]:
    """Create an indicator by hand, with an optional province target (office)."""
    user = check_office(request_user(request))
    program = plan_queries.access_program(user, payload.program_id)
    indicator = actions.do_create_indicator(
        program,
        code=payload.code,
        name=payload.name,
        unit=payload.unit,
        direction=payload.direction,
        aggregation=payload.aggregation,
        period_type=payload.period_type,
        definition=payload.definition,
        reporting_units=_units(payload.reporting_unit_ids),
        target_value=payload.target_value,
        target_year=payload.target_year,
        acting_user=user,
    )
    return Status(201, indicator)


@router.post("/programs/{program_id}/indicators/from-targets", response={201: list[IndicatorOut]})
def create_from_targets(request: HttpRequest, program_id: int) -> Status[list[Indicator]]:
    """Create indicators, targets and published baselines from the program's targets (office)."""
    user = check_office(request_user(request))
    program = plan_queries.access_program(user, program_id)
    return Status(201, actions.do_create_indicators_from_targets(program, acting_user=user))


@router.get("/indicators/{indicator_id}", response=IndicatorOut)
def get_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    """Read one indicator."""
    return queries.access_indicator(request_user(request), indicator_id)


@router.patch("/indicators/{indicator_id}", response=IndicatorOut)
def update_indicator(request: HttpRequest, indicator_id: int, payload: IndicatorPatch) -> Indicator:
    """Change an indicator (office)."""
    user = check_office(request_user(request))
    indicator = queries.access_indicator(user, indicator_id)
    changes = payload.dict(exclude_unset=True)
    unit_ids = changes.pop("reporting_unit_ids", None)
    return actions.do_update_indicator(
        indicator,
        acting_user=user,
        reporting_units=_units(unit_ids) if unit_ids is not None else None,
        **{k: v for k, v in changes.items() if v is not None},
    )


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "value": figure.value,
        "band": figure.band,
        "formula": figure.formula,
        "substituted": figure.substituted,
        "inputs": [
            {"symbol": i.symbol, "value": None if i.value is None else str(i.value), "note": i.note}
            for i in figure.inputs
        ],
        "note": figure.note,
        "notes": list(figure.notes),
        "lower": figure.lower,
        "upper": figure.upper,
    }


def _region(row: RegionProgress, rank: int | None = None) -> dict[str, Any]:
    target = row.target
    assessment = row.assessment
    return {
        "region_code": row.region.code,
        "region_name": row.region.name,
        "target": target.value if target else None,
        "target_year": target.year if target else None,
        "baseline": target.baseline_value if target else None,
        "baseline_year": target.baseline_year if target else None,
        "baseline_is_derived": bool(target and target.baseline_is_derived),
        "baseline_source_url": target.baseline_source_url if target else "",
        "points": [
            {
                "period": p.period,
                "value": p.value,
                "source": p.source,
                "status": p.status,
                "value_id": p.value_id,
                "aggregate": _figure(p.aggregate) if p.aggregate else None,
            }
            for p in row.points
        ],
        "light": row.light.color,
        "light_rule": row.light.rule,
        "missing": row.missing,
        "is_on_gap": bool(assessment and assessment.is_on_gap),
        "figures": [_figure(f) for f in assessment.figures()] if assessment else [],
        "rank": rank,
    }


def progress_payload(progress: IndicatorProgress) -> dict[str, Any]:
    """Return the progress of an indicator as the API shows it."""
    ranks = {r.code: r.rank for r in progress.ranking}
    return {
        "indicator_id": progress.indicator.pk,
        "indicator_code": progress.indicator.code,
        "unit": progress.indicator.unit,
        "has_simulated": progress.has_simulated,
        "province": _region(progress.province),
        "forecast": _figure(progress.forecast),
        "prefectures": [_region(p, ranks.get(p.region.code)) for p in progress.prefectures],
    }


@router.get("/indicators/{indicator_id}/progress", response=ProgressOut)
def get_progress(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    """Every progress figure, province-wide and per 市州, each with its formula and inputs."""
    indicator = queries.access_indicator(request_user(request), indicator_id)
    progress = indicator_progress(indicator)
    if progress is None:
        raise ApiError(404, "not_found", "没有可用的行政区划", "no region to assess")
    return progress_payload(progress)


class RollupFilter(Schema):
    level: Region.Level = Region.Level.PREFECTURE
    period_from: str | None = None
    period_to: str | None = None


class RollupPointOut(Schema):
    period: str
    regions: int
    total: Decimal
    value: Decimal | None


@router.get("/indicators/{indicator_id}/rollup", response=list[RollupPointOut])
def get_rollup(
    request: HttpRequest, indicator_id: int, filters: Query[RollupFilter]
) -> list[RollupPoint]:
    """Per period: how many regions of one level reported (counted values) and their roll-up."""
    indicator = queries.access_indicator(request_user(request), indicator_id, with_units=False)
    first = _period(filters.period_from, "period_from")
    last = _period(filters.period_to, "period_to")
    return rollup(
        indicator,
        filters.level,
        first=first.start if first else None,
        last=last.start if last else None,
    )


# Targets -------------------------------------------------------------------------------------


class TargetFilter(Schema):
    indicator: int | None = None
    program: int | None = None


@router.get("/targets", response=list[TargetOut])
@paginate(Page)
def list_targets(request: HttpRequest, filters: Query[TargetFilter]) -> QuerySet[IndicatorTarget]:
    """List indicator targets (with baselines and their sources, and 市州 allocations)."""
    user = request_user(request)
    indicator = queries.access_indicator(user, filters.indicator) if filters.indicator else None
    return queries.list_indicator_targets(
        user, indicator=indicator, program=_program(user, filters.program)
    )


@router.get("/targets/{target_id}", response=TargetOut)
def get_target(request: HttpRequest, target_id: int) -> IndicatorTarget:
    """Read one indicator target."""
    return queries.access_indicator_target(request_user(request), target_id)


@router.patch("/targets/{target_id}", response=TargetOut)
def update_target(request: HttpRequest, target_id: int, payload: TargetPatch) -> IndicatorTarget:
    """Change a target's value, year or baseline (office)."""
    user = check_office(request_user(request))
    target = queries.access_indicator_target(user, target_id)
    return actions.do_update_indicator_target(
        target, acting_user=user, **payload.dict(exclude_unset=True)
    )


@router.post("/targets/{target_id}/allocate", response={201: list[TargetOut]})
def allocate_target(
    request: HttpRequest, target_id: int, payload: AllocationIn
) -> Status[list[IndicatorTarget]]:
    """Split a province target over the 市州, by population share or by hand (office)."""
    user = check_office(request_user(request))
    target = queries.access_indicator_target(user, target_id)
    created = actions.do_allocate_target(
        target, method=payload.method, manual=payload.values, acting_user=user
    )
    ids = [t.pk for t in created]
    return Status(
        201, list(IndicatorTarget.objects.filter(pk__in=ids).select_related("indicator", "region"))
    )


# Data values ---------------------------------------------------------------------------------


class ValueFilter(Schema):
    program: int | None = None
    indicator: int | None = None
    region: str | None = None
    period: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    status: str | None = None
    source: str | None = None


def _values(request: HttpRequest, filters: ValueFilter) -> QuerySet[DataValue]:
    user = request_user(request)
    return queries.list_data_values(
        user,
        program=_program(user, filters.program),
        indicator=queries.access_indicator(user, filters.indicator) if filters.indicator else None,
        region=org_queries.access_region(user, filters.region) if filters.region else None,
        period=filters.period,
        period_from=_period(filters.period_from, "period_from"),
        period_to=_period(filters.period_to, "period_to"),
        status=filters.status,
        source=filters.source,
    )


@router.get("/data-values", response=list[DataValueOut])
@paginate(Page)
def list_values(request: HttpRequest, filters: Query[ValueFilter]) -> QuerySet[DataValue]:
    """List data values (page_size up to 200; use /data-values/export for everything)."""
    return _values(request, filters)


class ExportFilter(ValueFilter):
    format: str = "csv"


@router.get("/data-values/export", response={200: None})
def export_values(
    request: HttpRequest, filters: Query[ExportFilter]
) -> HttpResponse | StreamingHttpResponse:
    """Read every matching value at once, as CSV, Excel or DHIS2 dataValueSets JSON."""
    values = _values(request, filters)
    if filters.format == "csv":
        response = StreamingHttpResponse(
            csv_chunks(value_rows(values)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="luoshi-values.csv"'
        return response
    if filters.format == "xlsx":
        workbook = HttpResponse(
            xlsx_bytes(value_rows(values)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        workbook["Content-Disposition"] = 'attachment; filename="luoshi-values.xlsx"'
        return workbook
    if filters.format == "dhis2":
        return HttpResponse(dhis2_bytes(value_rows(values)), content_type="application/json")
    raise ApiError(422, "invalid", "格式应为 csv、xlsx 或 dhis2", "format is csv, xlsx or dhis2")


@router.post("/data-values/bulk", response=list[DataValueOut])
def save_values(request: HttpRequest, payload: BulkIn) -> list[DataValue]:
    """Write many values at once: all of them or, if any row is wrong, none (errors by row)."""
    user = request_user(request)
    indicators = {
        i.code: i
        for i in queries.list_indicators(user).filter(
            code__in={v.indicator for v in payload.values}
        )
    }
    regions = {
        r.code: r
        for r in org_queries.list_regions(user).filter(code__in={v.region for v in payload.values})
    }
    errors: dict[str, list[str]] = {}
    items = []
    for number, row in enumerate(payload.values, start=1):
        indicator, region = indicators.get(row.indicator), regions.get(row.region)
        if indicator is None:
            errors[str(number)] = [f"未知的指标代码“{row.indicator}” / unknown indicator"]
        elif region is None:
            errors[str(number)] = [f"未知的区划代码“{row.region}” / unknown region"]
        else:
            items.append(
                actions.ValueInput(
                    indicator, region, row.period, row.value, row.comment, row.version
                )
            )
    if not errors:
        try:
            saved = actions.do_save_data_values(items, submit=payload.submit, acting_user=user)
        except ValidationError as error:
            errors = error.message_dict
    if errors:
        raise ApiError(
            400,
            "invalid_rows",
            "有数据行未通过检查，均未保存",
            "some rows were refused; nothing was saved",
            errors=errors,
        )
    return list(
        DataValue.objects.filter(pk__in=[v.pk for v in saved])
        .select_related("indicator", "region")
        .order_by("indicator__order", "period_start", "region__code")
    )


@router.get("/data-values/{value_id}", response=DataValueOut)
def get_value(request: HttpRequest, value_id: int) -> DataValue:
    """Read one data value."""
    return queries.access_data_value(request_user(request), value_id)


@router.get("/data-values/{value_id}/history", response=list[ChangeOut])
def value_history(request: HttpRequest, value_id: int) -> list[dict[str, Any]]:
    """Every change to one data value, newest first."""
    value = queries.access_data_value(request_user(request), value_id)
    return [
        {
            "action": c.action,
            "old_value": c.old_value,
            "new_value": c.new_value,
            "old_status": c.old_status,
            "new_status": c.new_status,
            "old_source": c.old_source,
            "new_source": c.new_source,
            "comment": c.comment,
            "actor": str(c.actor) if c.actor else None,
            "import_job_id": c.import_job_id,
            "created_at": c.created_at,
        }
        for c in queries.value_history(value)
    ]


@router.post("/data-values/{value_id}/{action}", response=DataValueOut)
def review_value(request: HttpRequest, value_id: int, action: str, payload: ReasonIn) -> DataValue:
    """Submit (reporter), approve, return or reopen (office) one value."""
    user = request_user(request)
    value = queries.access_data_value(user, value_id)
    try:
        if action == "submit":
            return actions.do_submit_data_value(value, acting_user=user)
        if action == "approve":
            return actions.do_approve_data_value(value, acting_user=user)
        if action == "return":
            return actions.do_return_data_value(value, reason=payload.reason, acting_user=user)
        if action == "reopen":
            return actions.do_reopen_data_value(value, reason=payload.reason, acting_user=user)
    except ConflictError as error:
        raise ApiError(
            409,
            "conflict",
            "数据已被他人修改，请刷新后重试",
            "changed by someone else; reload and retry",
            version=error.current_version,
        ) from None
    raise ApiError(404, "not_found", "未找到", "not found")


# Imports -------------------------------------------------------------------------------------


@router.post("/imports", response={201: ImportJobOut, 202: ImportJobOut})
def create_import(
    request: HttpRequest, file: File[UploadedFile], submit: bool = True
) -> Status[ImportJob]:
    """Import a CSV or Excel template or DHIS2 JSON; 202 when it runs in the background."""
    user = request_user(request)
    if not (user.is_office or user.unit_id):
        raise ApiError(404, "not_found", "未找到", "not found")
    job = actions.do_start_import(file, name=file.name or "upload", submit=submit, acting_user=user)
    return Status(202 if job.is_background and not job.is_finished else 201, job)


@router.get("/imports", response=list[ImportJobOut])
@paginate(Page)
def list_imports(request: HttpRequest) -> QuerySet[ImportJob]:
    """List import jobs: yours, or all for the office."""
    return queries.list_import_jobs(request_user(request))


@router.get("/imports/{job_id}", response=ImportJobOut)
def get_import(request: HttpRequest, job_id: int) -> ImportJob:
    """Read an import job's status and progress."""
    return queries.access_import_job(request_user(request), job_id)


class ImportErrorsOut(Schema):
    items: list[ImportErrorOut]
    count: int
    page: int
    page_size: int


@router.get("/imports/{job_id}/errors", response=ImportErrorsOut)
def import_errors(
    request: HttpRequest, job_id: int, page: int = 1, page_size: int = 200
) -> dict[str, Any]:
    """Every bad row of a failed import: line, column, code and the reason in both languages."""
    job = queries.access_import_job(request_user(request), job_id)
    page, page_size = max(page, 1), min(max(page_size, 1), 1000)
    chosen = job.errors[(page - 1) * page_size : page * page_size]
    return {
        "items": [
            {
                **entry,
                "reason_zh": describe_in("zh-hans", entry["code"], entry["params"]),
                "reason_en": describe_in("en", entry["code"], entry["params"]),
            }
            for entry in chosen
        ],
        "count": len(job.errors),
        "page": page,
        "page_size": page_size,
    }


# Validation rules ----------------------------------------------------------------------------


class RuleFilter(Schema):
    program: int | None = None


@router.get("/validation-rules", response=list[RuleOut])
@paginate(Page)
def list_rules(request: HttpRequest, filters: Query[RuleFilter]) -> QuerySet[ValidationRule]:
    """List validation rules."""
    user = request_user(request)
    return queries.list_validation_rules(user, _program(user, filters.program))


@router.post("/validation-rules", response={201: RuleOut})
def create_rule(request: HttpRequest, payload: RuleIn) -> Status[ValidationRule]:
    """Create a validation rule (office)."""
    user = check_office(request_user(request))
    program = plan_queries.access_program(user, payload.program_id)
    indicator = (
        queries.access_indicator(user, payload.indicator_id) if payload.indicator_id else None
    )
    rule = actions.do_create_validation_rule(
        program,
        kind=payload.kind,
        indicator=indicator,
        name=payload.name,
        importance=payload.importance,
        min_value=payload.min_value,
        max_value=payload.max_value,
        threshold=payload.threshold,
        acting_user=user,
    )
    return Status(201, rule)


class ViolationFilter(Schema):
    program: int
    period: str | None = None
    indicator: int | None = None


@router.get("/validation-rules/violations", response=list[ViolationOut])
def list_violations(request: HttpRequest, filters: Query[ViolationFilter]) -> list[dict[str, Any]]:
    """Run the program's rules and list every violation by indicator, period and region."""
    user = request_user(request)
    program = queries.access_indicator_program(user, filters.program)
    indicators = list(queries.list_indicators(user, program))
    if filters.indicator:
        indicators = [i for i in indicators if i.pk == filters.indicator]
    found = evaluate(
        program, indicators=indicators, periods={filters.period} if filters.period else None
    )
    return [
        {
            **{k: getattr(v, k) for k in ViolationOut.model_fields if hasattr(v, k)},
            "message_zh": describe_in("zh-hans", v.code, v.params),
            "message_en": describe_in("en", v.code, v.params),
        }
        for v in found
    ]


@router.patch("/validation-rules/{rule_id}", response=RuleOut)
def update_rule(request: HttpRequest, rule_id: int, payload: RulePatch) -> ValidationRule:
    """Change a validation rule (office)."""
    user = check_office(request_user(request))
    rule = queries.access_validation_rule(user, rule_id)
    return actions.do_update_validation_rule(
        rule, acting_user=user, **payload.dict(exclude_unset=True)
    )
