"""What the dashboard pages show, built from one `ProgramSummary`: tables and chart data.

A chart's data (embedded with json_script), its table view and its CSV are all built here from
`luoshi.reports.summary.program_summary` and `luoshi.reports.breakdown`, the same two the API
and the bulletin read, so a figure is the same on the page, in the CSV and in the API.
Numbers travel as exact decimal strings; the chart script turns them into numbers to draw.
"""

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.indicators.analytics.numbers import text
from luoshi.reports.breakdown import LeagueRow, PrefectureIndicator, PrefectureRow, UnitSlice
from luoshi.reports.content.summary_data import (
    LightCounts,
    NoticeLine,
    ProgramSummary,
    RedItem,
    SectionProgress,
    TargetRow,
)
from luoshi.supervision.models import SupervisionNotice
from luoshi.supervision.texts import rule_text

__all__ = [
    "TIMELINESS",
    "Cell",
    "MapChoice",
    "Table",
    "bullet_chart",
    "csv_response",
    "league_table",
    "lights_chart",
    "map_chart",
    "map_choice",
    "map_table",
    "notices_table",
    "red_table",
    "region_bullet_chart",
    "region_indicators",
    "region_indicators_table",
    "sections_chart",
    "sections_table",
    "targets_table",
    "unit_items_table",
]

TIMELINESS = "timeliness"

LIGHT_LABELS: dict[str, Promise] = {
    "green": gettext_lazy("绿灯"),
    "yellow": gettext_lazy("黄灯"),
    "red": gettext_lazy("红灯"),
    "none": gettext_lazy("未报告"),
    "grey": gettext_lazy("无法判断"),
}
RULE_LABELS: dict[str, Promise] = {
    "overdue": gettext_lazy("逾期未通过审核"),
    "delayed_twice": gettext_lazy("连续两轮滞后"),
    "due_soon": gettext_lazy("临近截止尚未报送"),
    "behind_schedule": gettext_lazy("落后序时进度"),
    "reported_delayed": gettext_lazy("报告进展滞后"),
    "on_track": gettext_lazy("正常推进"),
}
MISSING_LABELS: dict[str, Promise] = {
    "no_target": gettext_lazy("未设目标"),
    "no_baseline": gettext_lazy("缺少基期值"),
    "no_data": gettext_lazy("尚无数据"),
}
ROLE_LABELS: dict[str, Promise] = {"lead": gettext_lazy("牵头"), "co": gettext_lazy("配合")}
STATUS_LABELS: dict[str, Promise] = {
    "open": gettext_lazy("待答复"),
    "returned": gettext_lazy("答复被退回"),
}


def dec(value: Decimal | None) -> str | None:
    """Return a Decimal as a plain string for JSON (None stays None)."""
    return None if value is None else text(value)


def _percent_of_share(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{(value * 100).quantize(Decimal('0.1'))}%"


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{text(value)}%"


def light_label(color: str) -> str:
    return str(LIGHT_LABELS.get(color, color))


def rule_label(code: str) -> str:
    return str(RULE_LABELS.get(code, code))


@dataclass(frozen=True)
class Cell:
    """One table cell: the text shown, the exact value for CSV, a link, a light, a formula."""

    text: str
    raw: str | None = None
    href: str = ""
    light: str = ""
    how: str = ""
    is_number: bool = False

    @property
    def csv(self) -> str:
        return self.text if self.raw is None else self.raw


def _num(value: Decimal | int | None, *, how: str = "", href: str = "") -> Cell:
    if value is None:
        return Cell("—", raw="", how=how, href=href, is_number=True)
    shown = text(value) if isinstance(value, Decimal) else str(value)
    return Cell(shown, raw=shown, how=how, href=href, is_number=True)


def _share(value: Decimal | None, *, how: str = "") -> Cell:
    return Cell(_percent_of_share(value), raw=dec(value) or "", how=how, is_number=True)


def _light(color: str, *, title: str = "") -> Cell:
    return Cell(light_label(color), raw=color, light=color, how=title)


@dataclass(frozen=True)
class Table:
    key: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def csv_response(table: Table, filename: str) -> HttpResponse:
    """Return the table as a UTF-8 CSV download (with BOM, so Excel reads it as UTF-8)."""
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([cell.csv for cell in row])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- task progress by section ----------------------------------------------------------------


def _section_label(section: SectionProgress) -> str:
    if not section.path:
        return section.title if section.title != "全部任务" else _("全部任务")
    return f"{section.path} {section.title}"


def sections_table(summary: ProgramSummary, how: Callable[[str], str] | None = None) -> Table:
    """Return task progress and lights per top-level section, the whole program last."""
    rows = []
    for section in (*summary.sections, summary.overall):
        is_overall = section is summary.overall
        href = how("" if is_overall else section.path or "-") if how is not None else ""
        lights = section.lights
        rows.append(
            (
                Cell(_("全部任务") if is_overall else _section_label(section), href=href),
                _num(section.tasks),
                _num(section.reported),
                _num(section.completed),
                Cell(
                    _percent(section.average_percent),
                    raw=dec(section.average_percent) or "",
                    href=href,
                    is_number=True,
                ),
                Cell(
                    _percent(section.average_expected),
                    raw=dec(section.average_expected) or "",
                    is_number=True,
                ),
                _num(lights.green),
                _num(lights.yellow),
                _num(lights.red),
                _num(lights.none),
            )
        )
    return Table(
        "sections",
        (
            _("部分"),
            _("任务数"),
            _("已填报"),
            _("已完成"),
            _("平均完成进度"),
            _("平均序时进度"),
            _("绿灯"),
            _("黄灯"),
            _("红灯"),
            _("未报告"),
        ),
        tuple(rows),
    )


def sections_chart(summary: ProgramSummary) -> dict[str, Any]:
    """Return the stacked bars of task lights per section (the whole program first)."""
    sections = (summary.overall, *summary.sections)
    return {
        "rows": [
            {
                "label": _("全部任务") if s is summary.overall else _section_label(s),
                "path": s.path,
                "green": s.lights.green,
                "yellow": s.lights.yellow,
                "red": s.lights.red,
                "none": s.lights.none,
                "average_percent": dec(s.average_percent),
                "average_expected": dec(s.average_expected),
            }
            for s in sections
        ]
    }


# --- targets (bullet charts) -----------------------------------------------------------------


def progress_formula(
    latest: Decimal | None, baseline: Decimal | None, target: Decimal | None, share: Decimal | None
) -> str:
    """Return P = (y − y0) / (y* − y0) with the row's numbers substituted."""
    if share is None or latest is None or baseline is None or target is None:
        return ""
    return (
        f"P = (y − y0) / (y* − y0) = ({text(latest)} − {text(baseline)}) / "
        f"({text(target)} − {text(baseline)}) = {text(share)}"
    )


def targets_table(summary: ProgramSummary, href: Callable[[int], str] | None = None) -> Table:
    """Return the quantified targets: baseline, latest as of the period, target, P, E, forecast."""
    rows = []
    for t in summary.targets:
        link = href(t.indicator_id) if href is not None else ""
        p_how = progress_formula(t.latest, t.baseline, t.target, t.progress_share)
        e_how = (
            _(
                "E = (t − t0) / (T − t0)：%(period)s 末距 %(baseline)s 年末的时间"
                "占 %(target)s 年末距 %(baseline)s 年末的比例"
            )
            % {"period": t.latest_period, "baseline": t.baseline_year, "target": t.target_year}
            if t.expected_share is not None
            else ""
        )
        rows.append(
            (
                Cell(t.name, href=link),
                Cell(t.unit),
                _num(t.baseline),
                Cell(str(t.baseline_year or "—"), raw=str(t.baseline_year or "")),
                _num(t.latest),
                Cell(t.latest_period or "—", raw=t.latest_period),
                Cell(
                    f"{t.comparator} {text(t.target)}".strip() if t.target is not None else "—",
                    raw=dec(t.target) or "",
                    is_number=True,
                ),
                Cell(str(t.target_year or "—"), raw=str(t.target_year or "")),
                _share(t.progress_share, how=p_how),
                _share(t.expected_share, how=e_how),
                _num(t.forecast_value, href=link),
                _light(t.light),
                Cell(str(MISSING_LABELS.get(t.missing, t.missing)) if t.missing else ""),
            )
        )
    return Table(
        "targets",
        (
            _("指标"),
            _("计量单位"),
            _("基期值"),
            _("基期年份"),
            _("最新值"),
            _("最新期间"),
            _("目标值"),
            _("目标年份"),
            _("进展比例 P"),
            _("序时进度 E"),
            _("预测值"),
            _("状态"),
            _("说明"),
        ),
        tuple(rows),
    )


def _bullet(
    row: TargetRow | PrefectureIndicator, forecast: Decimal | None, href: str
) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "unit": row.unit,
        "baseline": dec(row.baseline),
        "latest": dec(row.latest),
        "latest_period": row.latest_period,
        "target": dec(row.target),
        "forecast": dec(forecast),
        "progress_share": dec(row.progress_share),
        "expected_share": dec(row.expected_share),
        "light": row.light,
        "missing": row.missing,
        "note": str(MISSING_LABELS.get(row.missing, "")),
        "href": href,
    }


def bullet_chart(
    summary: ProgramSummary, href: Callable[[int], str] | None = None
) -> dict[str, Any]:
    """Return the targets as bullet-chart rows: 0 is the baseline and 1 the target."""
    return {
        "rows": [
            _bullet(t, t.forecast_value, href(t.indicator_id) if href is not None else "")
            for t in summary.targets
        ]
    }


def region_indicators(row: PrefectureRow) -> list[PrefectureIndicator]:
    """Return the 市州's indicators that have an allocated target or a value."""
    return [i for i in row.indicators if i.target is not None or i.latest is not None]


def region_bullet_chart(
    row: PrefectureRow, href: Callable[[int], str] | None = None
) -> dict[str, Any]:
    """Return a 市州's indicators as bullet-chart rows against their allocated targets."""
    return {
        "rows": [
            _bullet(i, None, href(i.indicator_id) if href is not None else "")
            for i in region_indicators(row)
        ]
    }


def region_indicators_table(row: PrefectureRow, href: Callable[[int], str] | None = None) -> Table:
    """Return a 市州's indicators: baseline, latest value, allocated target, P, R, light."""
    rows = []
    for i in region_indicators(row):
        link = href(i.indicator_id) if href is not None else ""
        rows.append(
            (
                Cell(i.name, href=link),
                Cell(i.unit),
                _num(i.baseline),
                _num(i.latest),
                Cell(i.latest_period or "—", raw=i.latest_period),
                _num(i.target),
                _share(i.progress_share, how=i.progress_formula),
                _share(i.expected_share),
                _num(i.growth_ratio, how=i.growth_formula),
                _light(i.light),
                Cell(str(MISSING_LABELS.get(i.missing, i.missing)) if i.missing else ""),
            )
        )
    return Table(
        "indicators",
        (
            _("指标"),
            _("计量单位"),
            _("基期值"),
            _("最新值"),
            _("最新期间"),
            _("分解目标"),
            _("进展比例 P"),
            _("序时进度 E"),
            _("增长比 R"),
            _("状态"),
            _("说明"),
        ),
        tuple(rows),
    )


# --- the map of the 市州 ---------------------------------------------------------------------


@dataclass(frozen=True)
class MapChoice:
    """What colours the map: an indicator's progress share, or reporting timeliness."""

    key: str
    name: str
    unit: str

    @property
    def is_timeliness(self) -> bool:
        return self.key == TIMELINESS


def map_choice(wanted: str, summary: ProgramSummary, *, allow_timeliness: bool = True) -> MapChoice:
    """Return the chosen map colouring; by default the first target assessed in the 市州."""
    targets = {t.code: t for t in summary.targets}
    if wanted == TIMELINESS and allow_timeliness:
        return MapChoice(TIMELINESS, _("报送及时率"), "%")
    if wanted in targets:
        return MapChoice(wanted, targets[wanted].name, targets[wanted].unit)
    assessed = [t for t in summary.targets if t.progress_share is not None]
    first = assessed[0] if assessed else (summary.targets[0] if summary.targets else None)
    if first is None:
        return MapChoice(TIMELINESS, _("报送及时率"), "%")
    return MapChoice(first.code, first.name, first.unit)


def map_options(summary: ProgramSummary, *, allow_timeliness: bool = True) -> list[tuple[str, str]]:
    """Return the (key, label) choices of the map's colouring."""
    options = [(t.code, t.name) for t in summary.targets]
    if allow_timeliness:
        options.append((TIMELINESS, _("报送及时率（市州政府）")))
    return options


def map_chart(
    rows: Sequence[PrefectureRow], choice: MapChoice, href: Callable[[str], str] | None = None
) -> dict[str, Any]:
    """Return each 市州's value (P in percent, or the on-time share) with its adcode for the map."""
    out = []
    for row in rows:
        value: Decimal | None = None
        light = "grey"
        if choice.is_timeliness:
            value = row.timeliness.on_time_rate if row.timeliness is not None else None
        else:
            indicator = row.indicator(choice.key)
            if indicator is not None and indicator.progress_share is not None:
                value = (indicator.progress_share * 100).quantize(Decimal("0.1"))
            light = indicator.light if indicator is not None else "grey"
        out.append(
            {
                "code": row.code,
                "adcode": row.code[:4],
                "name": row.name,
                "value": dec(value),
                "light": light,
                "href": href(row.code) if href is not None else "",
            }
        )
    return {"metric": choice.key, "label": choice.name, "rows": out}


def map_table(
    rows: Sequence[PrefectureRow], choice: MapChoice, href: Callable[[str], str] | None = None
) -> Table:
    """Return the map's numbers as a table: per 市州, the indicator's figures or timeliness."""
    out: list[tuple[Cell, ...]] = []
    if choice.is_timeliness:
        for row in rows:
            line = row.timeliness
            link = href(row.code) if href is not None else ""
            rate = line.on_time_rate if line is not None else None
            how = (
                _("按时率 = 按时报送 ÷ 应报 = %(on_time)s ÷ %(due)s")
                % {"on_time": line.on_time, "due": line.due}
                if line is not None and line.due
                else ""
            )
            out.append(
                (
                    Cell(row.name, href=link),
                    Cell(row.unit_name or "—", raw=row.unit_name),
                    _num(line.due if line else None),
                    _num(line.submitted if line else None),
                    _num(line.on_time if line else None),
                    Cell(_percent(rate), raw=dec(rate) or "", how=how, is_number=True),
                )
            )
        return Table(
            "map", (_("市州"), _("单位"), _("应报"), _("已报"), _("按时"), _("按时率")), tuple(out)
        )
    for row in rows:
        link = href(row.code) if href is not None else ""
        i = row.indicator(choice.key)
        if i is None:
            continue
        out.append(
            (
                Cell(row.name, href=link),
                _num(i.baseline),
                _num(i.latest),
                Cell(i.latest_period or "—", raw=i.latest_period),
                _num(i.target),
                _share(i.progress_share, how=i.progress_formula),
                _num(i.growth_ratio, how=i.growth_formula),
                _light(i.light),
                Cell(str(MISSING_LABELS.get(i.missing, i.missing)) if i.missing else ""),
            )
        )
    headers = (
        _("市州"),
        _("基期值"),
        _("最新值"),
        _("最新期间"),
        _("分解目标"),
        _("进展比例 P"),
        _("增长比 R"),
        _("状态"),
        _("说明"),
    )
    return Table("map", headers, tuple(out))


# --- units -----------------------------------------------------------------------------------


def league_table(rows: Iterable[LeagueRow], href: Callable[[int], str] | None = None) -> Table:
    """Return the league of units: rank, timeliness in the round, score for the period."""
    out = []
    for row in rows:
        line, score = row.timeliness, row.score
        rate = line.on_time_rate if line is not None else None
        out.append(
            (
                _num(row.rank),
                Cell(row.unit_name, href=href(row.unit_id) if href is not None else ""),
                _num(line.due if line else None),
                _num(line.on_time if line else None),
                Cell(_percent(rate), raw=dec(rate) or "", is_number=True),
                _num(line.accepted if line else None),
                _num(score.total if score else None),
                _num(score.plus if score else None),
                _num(score.minus if score else None),
                _num(score.red_notices if score else None),
            )
        )
    return Table(
        "league",
        (
            _("排名"),
            _("单位"),
            _("应报"),
            _("按时"),
            _("按时率"),
            _("已通过"),
            _("得分"),
            _("加分"),
            _("扣分"),
            _("红色督办单"),
        ),
        tuple(out),
    )


def red_table(
    items: Iterable[RedItem],
    report_href: Callable[[int], str] | None = None,
    unit_href: Callable[[int], str] | None = None,
) -> Table:
    """Return the red items of the round: unit, item and the rule that lit it."""
    return Table(
        "red",
        (_("单位"), _("事项"), _("规则"), _("说明")),
        tuple(
            (
                Cell(r.unit_name, href=unit_href(r.unit_id) if unit_href is not None else ""),
                Cell(
                    r.item_label, href=report_href(r.report_id) if report_href is not None else ""
                ),
                Cell(rule_label(r.rule_code), raw=r.rule_code),
                Cell(rule_text(r.rule_code, r.rule_params)),
            )
            for r in items
        ),
    )


def _day(value: date | None) -> Cell:
    return Cell(
        value.isoformat() if value is not None else "—", raw=value.isoformat() if value else ""
    )


def notices_table(
    notices: Iterable[NoticeLine],
    notice_href: Callable[[int], str] | None = None,
    unit_href: Callable[[int], str] | None = None,
) -> Table:
    """Return the notices not yet answered (or answered and returned) by the period's end."""
    return Table(
        "notices",
        (_("级别"), _("单位"), _("原因"), _("发出日期"), _("答复期限"), _("状态")),
        tuple(
            (
                Cell(
                    str(SupervisionNotice.Level(n.level).label),
                    raw=n.level,
                    href=notice_href(n.notice_id) if notice_href is not None else "",
                    light={"red": "red", "yellow": "yellow"}.get(n.level, ""),
                ),
                Cell(n.unit_name, href=unit_href(n.unit_id) if unit_href is not None else ""),
                Cell(str(SupervisionNotice.Reason(n.reason).label), raw=n.reason),
                _day(n.issued_on),
                _day(n.reply_by),
                Cell(str(STATUS_LABELS.get(n.status, n.status)), raw=n.status),
            )
            for n in notices
        ),
    )


def unit_items_table(unit: UnitSlice, report_href: Callable[[int], str] | None = None) -> Table:
    """Return a unit's yellow and red items in the round with their rule and progress."""
    return Table(
        "items",
        (_("事项"), _("角色"), _("状态"), _("规则"), _("完成进度"), _("序时进度"), _("说明")),
        tuple(
            (
                Cell(
                    i.item_label, href=report_href(i.report_id) if report_href is not None else ""
                ),
                Cell(str(ROLE_LABELS.get(i.role, i.role)), raw=i.role),
                _light(i.light),
                Cell(rule_label(i.rule_code), raw=i.rule_code),
                Cell(_percent(i.percent), raw=dec(i.percent) or "", is_number=True),
                Cell(_percent(i.expected), raw=dec(i.expected) or "", is_number=True),
                Cell(rule_text(i.rule_code, i.rule_params)),
            )
            for i in unit.behind
        ),
    )


def lights_chart(counts: LightCounts) -> dict[str, Any]:
    """Return light counts for a ring chart."""
    return {
        "rows": [
            {"light": color, "label": light_label(color), "value": getattr(counts, color)}
            for color in ("green", "yellow", "red", "none")
        ]
    }


def lights_table(counts: LightCounts) -> Table:
    return Table(
        "lights",
        (_("状态"), _("事项数")),
        tuple(
            (_light(color), _num(getattr(counts, color)))
            for color in ("green", "yellow", "red", "none")
        ),
    )
