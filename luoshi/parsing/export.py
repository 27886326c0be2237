"""Render a Plan as a Markdown 任务分工表 or as an Excel workbook."""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.parsing.model import Plan, Target, Task

TASK_HEADERS = ("序号", "条款", "重点任务", "牵头单位", "责任单位", "完成时限")
TARGET_HEADERS = ("指标", "目标值", "单位", "比较", "年份", "范围", "原文")
_TASK_WIDTHS = (6, 14, 70, 22, 40, 12)
_TARGET_WIDTHS = (30, 14, 8, 6, 8, 12, 60)
_COMPARATOR = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "~": "约", "range": "区间"}
_SHORT_TASK = 80


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


def target_value(target: Target) -> str:
    """Return a target's value as shown in tables: `98`, `1–2`, or blank when unknown."""
    if target.comparator == "range" and target.value_min is not None:
        return f"{_number(target.value_min)}–{_number(target.value)}"
    return _number(target.value)


def task_label(task: Task, *, short: bool) -> str:
    """Return what the 重点任务 column shows: the title, else the clause text."""
    if short and task.title:
        return task.title
    text = task.text if not short else task.text.split("\n", 1)[0]
    if short and len(text) > _SHORT_TASK:
        text = text[: _SHORT_TASK - 1] + "…"
    return text


def task_rows(plan: Plan, *, short: bool) -> list[tuple[str, ...]]:
    """Return one row per task in the order of TASK_HEADERS."""
    return [
        (
            str(number),
            task.path,
            task_label(task, short=short),
            "、".join(task.lead_units),
            "、".join(task.units),
            task.deadline or "",
        )
        for number, task in enumerate(plan.tasks, start=1)
    ]


def target_rows(plan: Plan) -> list[tuple[str, ...]]:
    """Return one row per target in the order of TARGET_HEADERS."""
    return [
        (
            target.indicator,
            target_value(target),
            target.unit or "",
            _COMPARATOR.get(target.comparator, target.comparator),
            str(target.year) if target.year is not None else (target.period or ""),
            target.scope or "",
            target.text,
        )
        for target in plan.targets
    ]


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", "<br>") or " "


def _md_table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def plan_to_markdown(plan: Plan) -> str:
    """Return the plan as Markdown: heading, 任务分工表, 量化目标 and the points to confirm."""
    lines = [f"# {plan.title or '（无标题）'}", ""]
    facts = [
        "、".join(plan.issuer) if plan.issuer else "",
        plan.doc_number or "",
        plan.date.isoformat() if plan.date else "",
    ]
    if any(facts):
        lines += ["　".join(fact for fact in facts if fact), ""]
    lines += ["## 任务分工表", "", *_md_table(TASK_HEADERS, task_rows(plan, short=True)), ""]
    lines += ["## 量化目标", "", *_md_table(TARGET_HEADERS, target_rows(plan)), ""]
    if plan.warnings:
        lines += ["## 待确认", "", *(f"- {warning}" for warning in plan.warnings), ""]
    return "\n".join(lines)


def plan_to_xlsx(plan: Plan) -> bytes:
    """Return the plan as an .xlsx workbook: sheets 任务分工 and 量化目标 (and 待确认)."""
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    first.title = "任务分工"
    sheets: list[tuple[Worksheet, tuple[str, ...], list[tuple[str, ...]], tuple[int, ...]]] = [
        (first, TASK_HEADERS, task_rows(plan, short=False), _TASK_WIDTHS),
        (workbook.create_sheet("量化目标"), TARGET_HEADERS, target_rows(plan), _TARGET_WIDTHS),
    ]
    if plan.warnings:
        rows: list[tuple[str, ...]] = [(str(n), w) for n, w in enumerate(plan.warnings, start=1)]
        notes: tuple[str, ...] = ("序号", "说明")
        sheets.append((workbook.create_sheet("待确认"), notes, rows, (6, 100)))
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet, headers, rows, widths in sheets:
        sheet.append(list(headers))
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row_cells in sheet.iter_rows():
            for cell in row_cells:
                cell.alignment = wrap
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "A2"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
