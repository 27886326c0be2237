"""The parsed plan: frozen dataclasses, and their JSON shape per data/plan.schema.json."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

TaskLevel = Literal["item", "measure", "clause"]
Comparator = Literal[">=", ">", "<=", "<", "=", "~", "range"]


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into the normalised document text."""

    start: int
    end: int


@dataclass(frozen=True)
class OutlineItem:
    path: str
    title: str
    span: Span | None = None


@dataclass(frozen=True)
class Task:
    path: str
    title: str | None
    text: str
    level: TaskLevel
    units: tuple[str, ...]
    lead_units: tuple[str, ...]
    lead_explicit: bool
    generic_units: tuple[str, ...]
    responsibility_text: str | None
    canonical: tuple[tuple[str, str | None], ...] = ()
    deadline: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Target:
    text: str
    indicator: str
    value: Decimal | None
    unit: str | None
    comparator: Comparator
    year: int | None
    value_min: Decimal | None = None
    period: str | None = None
    scope: str | None = None
    task_path: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Plan:
    title: str | None
    issuer: tuple[str, ...] | None
    doc_number: str | None
    date: date | None
    outline: tuple[OutlineItem, ...] = ()
    tasks: tuple[Task, ...] = ()
    targets: tuple[Target, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the plan in the JSON shape of plan.schema.json."""
        return {
            "title": self.title,
            "issuer": list(self.issuer) if self.issuer is not None else None,
            "doc_number": self.doc_number,
            "date": self.date.isoformat() if self.date else None,
            "outline": [{"path": o.path, "title": o.title} for o in self.outline],
            "tasks": [_task_dict(t) for t in self.tasks],
            "targets": [_target_dict(t) for t in self.targets],
            "warnings": list(self.warnings),
        }


def json_number(value: Decimal | None) -> int | float | None:
    """Return a Decimal as a JSON number: an int when integral, else a float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _task_dict(task: Task) -> dict[str, Any]:
    return {
        "path": task.path,
        "title": task.title,
        "text": task.text,
        "level": task.level,
        "units": list(task.units),
        "lead_units": list(task.lead_units),
        "lead_explicit": task.lead_explicit,
        "generic_units": list(task.generic_units),
        "responsibility_text": task.responsibility_text,
        "canonical": dict(task.canonical),
        "deadline": task.deadline,
    }


def _target_dict(target: Target) -> dict[str, Any]:
    return {
        "text": target.text,
        "indicator": target.indicator,
        "value": json_number(target.value),
        "value_min": json_number(target.value_min),
        "unit": target.unit,
        "comparator": target.comparator,
        "year": target.year,
        "period": target.period,
        "scope": target.scope,
        "task_path": target.task_path,
    }
