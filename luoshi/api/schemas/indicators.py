"""Schemas of the indicator endpoints: indicators, targets, data values, imports, rules, progress.

Quantities are decimal strings in JSON ("22038400", "0.3"): exact, never a binary float.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class IndicatorOut(Schema):
    id: int
    program_id: int
    code: str
    name: str
    unit: str
    direction: str
    aggregation: str
    period_type: str
    definition: str
    order: int
    source_target_id: int | None


class IndicatorIn(Schema):
    program_id: int
    code: str = Field(description="指标代码 / identifier used in import files (DHIS2 dataElement)")
    name: str
    unit: str = ""
    direction: str = "more"
    aggregation: str = "sum"
    period_type: str = "year"
    definition: str = ""
    reporting_unit_ids: list[int] = Field(default_factory=list)
    target_value: Decimal | None = None
    target_year: int | None = None


class IndicatorPatch(Schema):
    code: str | None = None
    name: str | None = None
    unit: str | None = None
    direction: str | None = None
    aggregation: str | None = None
    period_type: str | None = None
    definition: str | None = None
    reporting_unit_ids: list[int] | None = None


class TargetOut(Schema):
    id: int
    indicator_id: int
    indicator_code: str = Field(alias="indicator.code")
    region_code: str = Field(alias="region.code")
    region_name: str = Field(alias="region.name")
    comparator: str
    value: Decimal
    value_min: Decimal | None
    year: int
    scope: str
    baseline_value: Decimal | None
    baseline_year: int | None
    baseline_source_url: str
    baseline_quote: str
    baseline_is_derived: bool
    baseline_note: str
    parent_id: int | None
    allocation_method: str
    allocation_share: Decimal | None
    plan_target_id: int | None


class TargetPatch(Schema):
    comparator: str | None = None
    value: Decimal | None = None
    year: int | None = None
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    baseline_source_url: str | None = None
    baseline_quote: str | None = None
    baseline_is_derived: bool | None = None
    baseline_note: str | None = None


class AllocationIn(Schema):
    method: str = Field(description="population | manual")
    values: dict[str, Decimal] = Field(
        default_factory=dict, description="手工分解：区划代码 -> 目标值 / region code -> value"
    )


class DataValueOut(Schema):
    id: int
    indicator_code: str = Field(alias="indicator.code")
    region_code: str = Field(alias="region.code")
    period: str
    value: Decimal
    status: str
    source: str
    comment: str
    return_reason: str
    version: int
    updated_at: datetime


class DataValueIn(Schema):
    indicator: str = Field(description="指标代码 / indicator code")
    region: str = Field(description="区划代码 / region code")
    period: str = Field(description="2020, 2020H1, 2020Q3 or 2020-07")
    value: str = Field(description="数值（十进制文本） / the value as decimal text")
    comment: str = ""
    version: int | None = Field(None, description="乐观锁：当前版本 / expected version")


class BulkIn(Schema):
    values: list[DataValueIn]
    submit: bool = False


class ChangeOut(Schema):
    action: str
    old_value: Decimal | None
    new_value: Decimal | None
    old_status: str
    new_status: str
    old_source: str
    new_source: str
    comment: str
    actor: str | None
    import_job_id: int | None
    created_at: datetime


class ReasonIn(Schema):
    reason: str = ""


class ImportJobOut(Schema):
    id: int
    original_name: str
    format: str
    status: str
    is_background: bool
    phase: str
    progress: int
    rows_read: int
    created_count: int
    updated_count: int
    unchanged_count: int
    error_count: int
    created_at: datetime
    finished_at: datetime | None


class ImportErrorOut(Schema):
    line: int
    column: str
    code: str
    params: dict[str, Any]
    reason_zh: str
    reason_en: str


class RuleOut(Schema):
    id: int
    program_id: int
    indicator_id: int | None
    kind: str
    name: str
    importance: str
    is_blocking: bool
    min_value: Decimal | None
    max_value: Decimal | None
    threshold: Decimal | None
    is_active: bool


class RuleIn(Schema):
    program_id: int
    kind: str
    indicator_id: int | None = None
    name: str = ""
    importance: str = "medium"
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    threshold: Decimal | None = None


class RulePatch(Schema):
    name: str | None = None
    importance: str | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    threshold: Decimal | None = None
    is_active: bool | None = None


class ViolationOut(Schema):
    rule_id: int
    rule_kind: str
    rule_name: str
    importance: str
    is_blocking: bool
    indicator_code: str
    region_code: str
    period: str
    value: Decimal | None
    value_id: int | None
    code: str
    params: dict[str, Any]
    message_zh: str
    message_en: str


class InputOut(Schema):
    symbol: str
    value: str | None
    note: str


class FigureOut(Schema):
    key: str
    value: Decimal | None
    band: str | None
    formula: str
    substituted: str
    inputs: list[InputOut]
    note: str
    notes: list[str]
    lower: Decimal | None
    upper: Decimal | None


class PointOut(Schema):
    period: str
    value: Decimal
    source: str
    status: str
    value_id: int | None
    aggregate: FigureOut | None


class RegionProgressOut(Schema):
    region_code: str
    region_name: str
    target: Decimal | None
    target_year: int | None
    baseline: Decimal | None
    baseline_year: int | None
    baseline_is_derived: bool
    baseline_source_url: str
    points: list[PointOut]
    light: str
    light_rule: str
    missing: str
    is_on_gap: bool
    figures: list[FigureOut]
    rank: int | None = None


class ProgressOut(Schema):
    indicator_id: int
    indicator_code: str
    unit: str
    has_simulated: bool
    province: RegionProgressOut
    forecast: FigureOut
    prefectures: list[RegionProgressOut]
