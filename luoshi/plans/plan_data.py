"""Read the reviewed plan JSON of a PolicyDocument (plan.schema.json shape): no database."""

import calendar
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from luoshi.plans.diff import TargetSnapshot, TaskSnapshot

_TASK_DEFAULTS: dict[str, Any] = {
    "title": None,
    "text": "",
    "level": "item",
    "units": [],
    "lead_units": [],
    "lead_explicit": False,
    "generic_units": [],
    "responsibility_text": None,
    "canonical": {},
    "deadline": None,
}
_TARGET_DEFAULTS: dict[str, Any] = {
    "text": "",
    "indicator": "",
    "value": None,
    "value_min": None,
    "unit": None,
    "comparator": ">=",
    "year": None,
    "period": None,
    "scope": None,
    "task_path": None,
}
_LEVELS = {"item", "measure", "clause"}
_DEADLINE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def normalize_plan(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Return the plan with every key the review and publish steps read (older files lack some)."""
    tasks = []
    for raw in plan.get("tasks") or []:
        task = {**_TASK_DEFAULTS, **raw}
        task["text"] = task["text"] or ""
        task["units"] = list(task["units"] or [])
        task["lead_units"] = list(task["lead_units"] or [])
        task["generic_units"] = list(task["generic_units"] or [])
        if task["level"] not in _LEVELS:
            task["level"] = "item"
        tasks.append(task)
    return {
        "title": plan.get("title"),
        "issuer": list(plan["issuer"]) if plan.get("issuer") else None,
        "doc_number": plan.get("doc_number"),
        "date": plan.get("date"),
        "outline": [dict(o) for o in plan.get("outline") or []],
        "tasks": tasks,
        "targets": [{**_TARGET_DEFAULTS, **raw} for raw in plan.get("targets") or []],
        "warnings": list(plan.get("warnings") or []),
    }


def unit_names(plan: Mapping[str, Any]) -> list[str]:
    """Return every unit name the plan's tasks name, as written, in first-seen order."""
    seen: dict[str, None] = {}
    for task in plan.get("tasks") or []:
        for name in task.get("units") or []:
            seen.setdefault(name, None)
    return list(seen)


def parse_date(value: object) -> date | None:
    """Return an ISO date string (YYYY-MM-DD) as a date, else None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def deadline_date(value: object) -> date | None:
    """Return a deadline written as 2020, 2020-06 or 2020-06-30 as its last day."""
    if not isinstance(value, str):
        return None
    match = _DEADLINE.match(value.strip())
    if not match:
        return None
    year = int(match[1])
    month = int(match[2] or 12)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match[3] or last)
    return date(year, month, min(day, last))


def to_decimal(value: object) -> Decimal | None:
    """Return a JSON number (or numeric string) as a Decimal without float rounding noise."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def task_snapshots(
    plan: Mapping[str, Any], unit_keys: Mapping[str, str]
) -> tuple[TaskSnapshot, ...]:
    """Return the plan's tasks for diffing; unit names are replaced by their registry keys."""
    return tuple(
        TaskSnapshot(
            path=t["path"],
            title=t.get("title") or "",
            text=t.get("text") or "",
            units=tuple(dict.fromkeys(unit_keys.get(u, u) for u in t.get("units") or [])),
            lead_units=tuple(dict.fromkeys(unit_keys.get(u, u) for u in t.get("lead_units") or [])),
        )
        for t in plan.get("tasks") or []
    )


def target_snapshot(target: Mapping[str, Any]) -> TargetSnapshot:
    """Return one plan target for diffing."""
    return TargetSnapshot(
        indicator=target.get("indicator") or "",
        value=to_decimal(target.get("value")),
        unit=target.get("unit") or "",
        year=target.get("year"),
        comparator=target.get("comparator") or ">=",
        task_path=target.get("task_path") or "",
    )


def section_items(plan: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the outline items that are sections: neither tasks nor inside a task."""
    task_paths = {t["path"] for t in plan.get("tasks") or []}
    out = []
    for item in plan.get("outline") or []:
        path = item["path"]
        parts = path.split("/")
        ancestors = {"/".join(parts[:i]) for i in range(1, len(parts) + 1)}
        if ancestors & task_paths:
            continue
        out.append(item)
    return out


def nearest_ancestor(path: str, candidates: set[str], *, include_self: bool) -> str | None:
    """Return the longest path among candidates that is path or one of its ancestors."""
    parts = path.split("/")
    stop = len(parts) if include_self else len(parts) - 1
    for i in range(stop, 0, -1):
        prefix = "/".join(parts[:i])
        if prefix in candidates:
            return prefix
    return None


def review_warnings(plan: Mapping[str, Any], unmapped: set[str]) -> dict[str, int]:
    """Return counts of what still needs the office: inferred leads, unknown names, blanks."""
    return {
        "inferred_leads": sum(
            1
            for t in plan.get("tasks") or []
            if t.get("units") and not t.get("lead_explicit") and not t.get("lead_confirmed")
        ),
        "unmapped_names": len(unmapped),
        "blank_targets": sum(1 for t in plan.get("targets") or [] if t.get("value") is None),
        "tasks_without_units": sum(1 for t in plan.get("tasks") or [] if not t.get("units")),
    }
