"""Schemas of the programs, plan-review and task endpoints."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from luoshi.plans.models import Target, Task


class ProgramOut(Schema):
    id: int
    name: str
    slug: str
    status: str
    region_code: str | None = Field(None, alias="region.code")
    start_date: date | None
    end_date: date | None
    is_public: bool
    task_count: int = 0
    unit_count: int = 0


class ImportIn(Schema):
    text: str = Field(description="政策文件正文 / the policy text")
    source_name: str = ""
    name: str = ""
    slug: str = ""
    region_code: str | None = None
    start_date: date | None = None
    end_date: date | None = None


class ImportForm(Schema):
    name: str = ""
    slug: str = ""
    region_code: str | None = None


class UnitNameOut(Schema):
    verbatim_name: str
    unit_id: int | None
    unit_name: str | None = Field(None, alias="unit.name")
    source: str


class PlanOut(Schema):
    program_id: int
    document_id: int
    version: int
    is_draft: bool
    title: str
    doc_number: str
    date: date | None
    source_name: str
    plan: dict[str, Any] = Field(description="plan.schema.json 格式的解析结果 / the parsed plan")
    unit_names: list[UnitNameOut]
    unmapped_names: list[str]
    warning_counts: dict[str, int]


class PlanTaskIn(Schema):
    path: str
    units: list[str]
    lead_units: list[str]


class UnitNameIn(Schema):
    verbatim_name: str
    unit_id: int | None = None
    new_unit_kind: str | None = Field(None, description="新建单位时的类型 / kind of a new unit")


class PlanTargetIn(Schema):
    value: Decimal | None
    year: int | None
    unit: str | None = None


class CountOut(Schema):
    count: int


class PlanDiffOut(Schema):
    tasks_added: list[str]
    tasks_removed: list[str]
    tasks_changed: list[dict[str, Any]]
    targets_added: int
    targets_removed: int
    targets_changed: int


class ResponsibilityOut(Schema):
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    verbatim_name: str
    role: str
    is_explicit: bool


class TaskOut(Schema):
    id: int
    program_id: int
    section_path: str | None = Field(None, alias="section.path")
    path: str
    title: str
    level: str
    text: str
    responsibility_text: str
    deadline: date | None
    is_active: bool
    responsibilities: list[ResponsibilityOut]

    @staticmethod
    def resolve_responsibilities(obj: Task) -> list[Any]:
        return list(obj.responsibilities.all())


def plain_decimal(value: Decimal | None) -> str | None:
    """Return a Decimal as text without exponent or trailing zeros (100.000000 -> 100)."""
    if value is None:
        return None
    return format(value.normalize(), "f")


class TargetOut(Schema):
    id: int
    path: str
    task_id: int | None
    indicator_name: str
    text: str
    value: str | None = Field(description="十进制数的文本 / a decimal as text, exact")
    value_min: str | None
    unit: str
    comparator: str
    year: int | None
    period: str
    scope: str

    @staticmethod
    def resolve_value(obj: Target) -> str | None:
        return plain_decimal(obj.value)

    @staticmethod
    def resolve_value_min(obj: Target) -> str | None:
        return plain_decimal(obj.value_min)


class TaskDetailOut(TaskOut):
    targets: list[TargetOut]

    @staticmethod
    def resolve_targets(obj: Task) -> list[Any]:
        return list(obj.targets.all())


class TaskFilter(Schema):
    program: int = Field(description="落实工作 id / program id")
    section: str | None = Field(None, description="条款路径 / section path, e.g. 二")
    unit: int | None = None
    role: str | None = Field(None, pattern="^(lead|co)$")
    status: str | None = Field(None, pattern="^(active|removed|all)$")
    q: str | None = None


class MatrixOut(Schema):
    units: list[dict[str, Any]]
    rows: list[dict[str, Any]]


class DocumentOut(Schema):
    id: int
    version: int
    title: str
    confirmed_at: datetime | None
