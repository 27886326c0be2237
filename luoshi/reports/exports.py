"""Excel exports: the task split table, indicator tables, timeliness and scorecards.

The numbers come from `program_summary` (the same as the bulletin's); the task split table
and the indicator tables add the plan rows and data values, read once each.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Prefetch

from luoshi.core.periods import Period, parse_period
from luoshi.indicators.models import DataValue, Indicator, ValueSource
from luoshi.indicators.progress import COUNTED_STATUSES
from luoshi.org.models import Region
from luoshi.plans.models import Program, Responsibility, Target, Task
from luoshi.reports.content.bulletin import LIGHT_ZH, doc_title_of
from luoshi.reports.content.numbers import date_zh
from luoshi.reports.content.summary_data import ProgramSummary
from luoshi.reports.render.xlsx import INTEGER, PERCENT, XColumn, XSheet, workbook_bytes
from luoshi.reports.summary import program_summary
from luoshi.supervision.models import RoundSchedule

__all__ = ["EXPORT_KINDS", "export_sheets", "export_workbook"]

EXPORT_KINDS = ("task-split", "indicators", "timeliness", "scorecards", "all")
SIMULATED = "模拟数据：本表数据为模拟数据，仅供演示。"


def _note(summary: ProgramSummary, text: str) -> str:
    prefix = f"{SIMULATED} " if summary.is_simulated else ""
    return f"{prefix}{text}（截至{date_zh(summary.as_of)}）"


def _target_text(target: Target) -> str:
    return target.text.strip() or target.indicator_name


def task_split_sheet(program: Program, summary: ProgramSummary) -> XSheet:
    """Return the 任务分工表 with each task's current light and progress."""
    tasks = list(
        Task.objects.filter(program=program, is_active=True)
        .select_related("section")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("unit").order_by("order"),
            )
        )
        .order_by("order")
    )
    targets: dict[int, list[str]] = defaultdict(list)
    for target in Target.objects.filter(program=program, is_active=True, task__isnull=False):
        assert target.task_id is not None
        targets[target.task_id].append(_target_text(target))
    frequencies = "、".join(
        str(RoundSchedule.Freq(f).label)
        for f in RoundSchedule.objects.filter(program=program, is_active=True).values_list(
            "frequency", flat=True
        )
    )
    lines = {line.task_id: line for line in summary.tasks}
    rows = []
    lights = []
    for number, task in enumerate(tasks, 1):
        responsibilities = list(task.responsibilities.all())
        line = lines.get(task.pk)
        rows.append(
            (
                number,
                task.title or (task.section.title if task.section else ""),
                task.text,
                "\n".join(targets.get(task.pk, [])),
                "、".join(
                    r.unit.name for r in responsibilities if r.role == Responsibility.Role.LEAD
                ),
                "、".join(
                    r.unit.name for r in responsibilities if r.role == Responsibility.Role.CO
                ),
                date_zh(task.deadline) if task.deadline else "长期坚持",
                frequencies or "—",
                LIGHT_ZH.get(line.light, "—") if line else "—",
                float(line.percent) / 100 if line and line.percent is not None else None,
            )
        )
        lights.append(line.light if line else "")
    return XSheet(
        name="任务分工表",
        title=f"{doc_title_of(summary)}任务分工表",
        note=_note(summary, f"状态为{summary.period_label}报送轮次的亮灯结果"),
        columns=(
            XColumn("序号", 6, INTEGER),
            XColumn("重点任务", 22, wrap=True, align="left"),
            XColumn("具体措施", 60, wrap=True, align="left"),
            XColumn("量化目标", 22, wrap=True, align="left"),
            XColumn("牵头单位", 16, wrap=True),
            XColumn("责任单位", 30, wrap=True, align="left"),
            XColumn("完成时限", 14),
            XColumn("报送频次", 10),
            XColumn("当前状态", 10),
            XColumn("完成进度", 10, PERCENT),
        ),
        rows=rows,
        row_lights=lights,
        light_column=8,
    )


def targets_sheet(summary: ProgramSummary) -> XSheet:
    """Return the target table (the bulletin's 表1) with exact values."""
    rows = [
        (
            number,
            t.name,
            t.unit,
            t.baseline,
            t.baseline_year,
            t.latest,
            t.latest_period or None,
            t.target,
            t.target_year,
            t.progress_share,
            t.expected_share,
            t.anticipated_value,
            LIGHT_ZH.get(t.light, "—"),
            "模拟数据" if t.is_simulated else "",
        )
        for number, t in enumerate(summary.targets, 1)
    ]
    return XSheet(
        name="量化目标",
        title=f"量化目标完成情况（{summary.period_label}）",
        note=_note(summary, "完成进度 P=(y−y0)/(y*−y0)，序时进度 E=(t−t0)/(T−t0)"),
        columns=(
            XColumn("序号", 6, INTEGER),
            XColumn("指标", 30, wrap=True, align="left"),
            XColumn("单位", 8),
            XColumn("基期值", 16, "#,##0.00", align="right"),
            XColumn("基期年", 8, INTEGER),
            XColumn("最新值", 16, "#,##0.00", align="right"),
            XColumn("最新期", 10),
            XColumn("目标值", 16, "#,##0.00", align="right"),
            XColumn("目标年", 8, INTEGER),
            XColumn("完成进度", 10, PERCENT),
            XColumn("序时进度", 10, PERCENT),
            XColumn("预计值", 16, "#,##0.00", align="right"),
            XColumn("状态", 8),
            XColumn("备注", 10),
        ),
        rows=rows,
        row_lights=[t.light for t in summary.targets],
        light_column=12,
    )


def indicator_sheets(program: Program, summary: ProgramSummary, period: Period) -> list[XSheet]:
    """Return one sheet per indicator with data: regions down, periods across (to the period)."""
    indicators = list(Indicator.objects.filter(program=program, is_active=True).order_by("order"))
    values: dict[int, dict[tuple[int, str], tuple[object, str]]] = defaultdict(dict)
    periods: dict[int, set[str]] = defaultdict(set)
    rows = DataValue.objects.filter(
        indicator__in=indicators, status__in=COUNTED_STATUSES, period_start__lte=period.end
    ).values_list("indicator_id", "region_id", "period", "value", "source")
    for indicator_id, region_id, period_text, value, source in rows:
        if parse_period(period_text).end > period.end:
            continue
        values[indicator_id][(region_id, period_text)] = (value, source)
        periods[indicator_id].add(period_text)
    region_ids = {region_id for by in values.values() for region_id, _ in by}
    regions = list(Region.objects.filter(pk__in=region_ids).order_by("code"))
    sheets = []
    for number, indicator in enumerate(indicators, 1):
        own = values.get(indicator.pk)
        if not own:
            continue
        columns_periods = sorted(periods[indicator.pk], key=parse_period)
        simulated = any(source == ValueSource.SIMULATED for _, source in own.values())
        table = []
        for region in regions:
            cells = [own.get((region.pk, p)) for p in columns_periods]
            if not any(cells):
                continue
            table.append((region.code, region.name, *[c[0] if c else None for c in cells]))
        note = f"单位：{indicator.unit or '—'}；按行政区划和报送期排列"
        if simulated:
            note = f"{SIMULATED} {note}"
        sheets.append(
            XSheet(
                name=f"{number:02d}{indicator.name}"[:31],
                title=f"{indicator.name}（{indicator.unit}）" if indicator.unit else indicator.name,
                note=note,
                columns=(
                    XColumn("区划代码", 10),
                    XColumn("地区", 14, align="left"),
                    *[XColumn(p, 14, "#,##0.00", align="right") for p in columns_periods],
                ),
                rows=table,
            )
        )
    return sheets


def timeliness_sheet(summary: ProgramSummary) -> XSheet:
    rows = [
        (
            r.unit_name,
            r.due,
            r.submitted,
            r.on_time,
            r.accepted,
            r.late,
            float(r.on_time_rate) / 100 if r.on_time_rate is not None else None,
        )
        for r in (*summary.timeliness, summary.timeliness_total)
    ]
    return XSheet(
        name="报送情况",
        title=f"各单位进展情况报送情况（{summary.period_label}）",
        note=_note(summary, "逾期或未报送 = 应报送 − 按时报送"),
        columns=(
            XColumn("单位", 28, align="left"),
            XColumn("应报送", 10, INTEGER),
            XColumn("已报送", 10, INTEGER),
            XColumn("按时报送", 10, INTEGER),
            XColumn("审核通过", 10, INTEGER),
            XColumn("逾期或未报送", 12, INTEGER),
            XColumn("按时报送率", 12, PERCENT),
        ),
        rows=rows,
    )


def scorecards_sheet(summary: ProgramSummary) -> XSheet:
    rows = [
        (
            number,
            s.unit_name,
            s.base,
            s.plus,
            s.minus,
            s.total,
            s.events,
            s.red_notices,
        )
        for number, s in enumerate(summary.scorecards, 1)
    ]
    return XSheet(
        name="考核评分",
        title=f"各单位考核评分（{summary.period_label}）",
        note=_note(summary, "得分 = 基础分 + 加分 + 减分；每项加减分见平台考核评分页"),
        columns=(
            XColumn("名次", 6, INTEGER),
            XColumn("单位", 28, align="left"),
            XColumn("基础分", 10, "0.0"),
            XColumn("加分", 10, "0.0"),
            XColumn("减分", 10, "0.0"),
            XColumn("得分", 10, "0.0"),
            XColumn("事项数", 10, INTEGER),
            XColumn("红色督办单", 12, INTEGER),
        ),
        rows=rows,
    )


def export_sheets(program: Program, period: Period, kind: str, *, today: date) -> list[XSheet]:
    """Return the sheets of one export kind (see EXPORT_KINDS) for the program and period."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export {kind!r}: use one of {', '.join(EXPORT_KINDS)}")
    summary = program_summary(program, period, today=today)
    sheets: list[XSheet] = []
    if kind in ("task-split", "all"):
        sheets.append(task_split_sheet(program, summary))
    if kind in ("indicators", "all"):
        sheets.append(targets_sheet(summary))
        sheets += indicator_sheets(program, summary, period)
    if kind in ("timeliness", "all"):
        sheets.append(timeliness_sheet(summary))
    if kind in ("scorecards", "all"):
        sheets.append(scorecards_sheet(summary))
    return sheets


def export_workbook(program: Program, period: Period, kind: str, *, today: date) -> bytes:
    """Return the export as an .xlsx workbook."""
    return workbook_bytes(export_sheets(program, period, kind, today=today))
