"""Views of a parsed plan as plain tuples, for the pattern tests to compare exactly."""

from decimal import Decimal

from luoshi.parsing.pipeline import parse_text


def parsed_tasks(raw: str) -> list[tuple[str, list[str], list[str], bool]]:
    """Return each task's path, units, lead units and whether the lead was stated."""
    plan = parse_text(raw).to_dict()
    return [(t["path"], t["units"], t["lead_units"], t["lead_explicit"]) for t in plan["tasks"]]


def parsed_targets(raw: str) -> list[tuple[str, Decimal | None, str | None, int | None]]:
    """Return each target's task path, value, unit and year."""
    plan = parse_text(raw)
    return [(t.task_path or "", t.value, t.unit, t.year) for t in plan.targets]
