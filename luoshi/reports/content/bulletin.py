"""The content of a 通报 (GB/T 9704-2012 parts), built from a ProgramSummary. PURE.

A bulletin is 版头 (issuer mark, document number, red rule), 主体 (title, 主送, five body
sections with the standard headings, tables, charts, 落款 and date) and 版记 (抄送, 印发机关,
印发日期). Every narrative paragraph is generated from the numbers and has a key; the office
may replace its text (`narrative_overrides[key]`), and the renderers print what is here.
"""

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from luoshi.reports.content.numbers import date_zh, percent, plain, scale_for, share_percent
from luoshi.reports.content.summary_data import (
    RED,
    YELLOW,
    ProgramSummary,
    TargetRow,
    UnitMention,
)

__all__ = [
    "Block",
    "BodySection",
    "Bulletin",
    "BulletinOptions",
    "Chart",
    "ChartRow",
    "Column",
    "Heading",
    "Masthead",
    "Paragraph",
    "Record",
    "Table",
    "build_bulletin",
    "doc_title_of",
]

SIMULATED_MARK = "模拟数据"
SIMULATED_NOTE = "本通报中的数据为模拟数据，仅供演示，不作为工作依据。"
LIGHT_ZH = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "grey": "—", "none": "未报送"}
ROLE_ZH = {"lead": "牵头", "co": "配合"}
RULE_SHORT_ZH = {
    "overdue": "逾期未通过审核",
    "delayed_twice": "连续两轮滞后",
    "due_soon": "临近截止未报送",
    "behind_schedule": "落后序时进度",
    "reported_delayed": "报告进展滞后",
    "on_track": "正常推进",
}
COMPARATOR_ZH = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "", "~": "约", "range": ""}
# How many units a sentence names before it says 等N个单位.
_NAMES_IN_TEXT = 12


@dataclass(frozen=True)
class BulletinOptions:
    """What the office sets for a bulletin: who issues it, its number, whom it goes to."""

    issuer: str = "落实工作领导小组办公室"
    issuer_mark: str = ""
    doc_number: str = ""
    addressees: str = "各有关单位"
    cc: str = ""
    printer: str = ""
    date: dt.date | None = None

    @property
    def mark(self) -> str:
        return self.issuer_mark or f"{self.issuer}文件"


@dataclass(frozen=True)
class Masthead:
    issuer_mark: str
    doc_number: str
    simulated_mark: str = ""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str

    @property
    def kind(self) -> str:
        return "heading"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; `key` names an editable narrative paragraph, "" a fixed one.

    `lead` is a level-2 or level-3 heading run in at the start of the paragraph (（一）….),
    printed in that heading's font, then `text`.
    """

    key: str
    text: str
    lead: str = ""
    lead_level: int = 2
    generated: str = ""
    is_overridden: bool = False

    @property
    def kind(self) -> str:
        return "paragraph"


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: Decimal
    align: str = "center"


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    row_lights: tuple[str, ...] = ()
    light_column: int | None = None
    note: str = ""

    @property
    def kind(self) -> str:
        return "table"

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.title for c in self.columns)

    @property
    def cells(self) -> tuple[tuple[tuple[str, str, str], ...], ...]:
        """Return each row's cells as (text, align, light); light only in the light column."""
        out = []
        for index, row in enumerate(self.rows):
            light = self.row_lights[index] if index < len(self.row_lights) else ""
            out.append(
                tuple(
                    (text, column.align, light if position == self.light_column else "")
                    for position, (text, column) in enumerate(zip(row, self.columns, strict=True))
                )
            )
        return tuple(out)


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: tuple[Decimal, ...]
    marker: Decimal | None = None
    text: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart as data: stacked bars (style `stacked`) or bars against a marker (`bullet`)."""

    key: str
    caption: str
    style: str
    series: tuple[str, ...]
    colors: tuple[str, ...]
    rows: tuple[ChartRow, ...]
    axis_max: Decimal
    axis_unit: str = ""
    marker_label: str = ""
    note: str = ""

    @property
    def kind(self) -> str:
        return "chart"


Block = Heading | Paragraph | Table | Chart


@dataclass(frozen=True)
class BodySection:
    number: str
    heading: str
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        return f"{self.number}、{self.heading}"


@dataclass(frozen=True)
class Record:
    """版记: 抄送, 印发机关 and 印发日期."""

    cc: str
    printer: str
    print_date: str


@dataclass(frozen=True)
class Bulletin:
    masthead: Masthead
    title: str
    addressees: str
    opening: Paragraph
    sections: tuple[BodySection, ...]
    issuer: str
    date_text: str
    record: Record
    period: str
    period_label: str
    program_name: str
    is_simulated: bool
    simulated_note: str = ""
    figures: dict[str, str] = field(default_factory=dict)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Yield every paragraph in reading order, the opening first."""
        yield self.opening
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    yield block

    def narrative(self) -> dict[str, Paragraph]:
        """Return the editable paragraphs by key."""
        return {p.key: p for p in self.paragraphs() if p.key}

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


def doc_title_of(summary: ProgramSummary) -> str:
    """Return the policy's title in 《》, or the program name without 落实工作."""
    title = summary.document_title.strip()
    if title.startswith("《"):
        return title.removesuffix("落实工作")
    return f"《{title.removesuffix('落实工作')}》"


def _names(mentions: list[UnitMention] | list[str]) -> str:
    names = [m if isinstance(m, str) else m.unit_name for m in mentions]
    if len(names) <= _NAMES_IN_TEXT:
        return "、".join(names)
    return f"{'、'.join(names[:_NAMES_IN_TEXT])}等{len(names)}个单位"


class _Writer:
    """Makes paragraphs, applying the office's overrides by key."""

    def __init__(self, overrides: Mapping[str, str]) -> None:
        self.overrides = {k: v.strip() for k, v in overrides.items() if v and v.strip()}

    def paragraph(self, key: str, text: str, lead: str = "", lead_level: int = 2) -> Paragraph:
        override = self.overrides.get(key)
        return Paragraph(
            key=key,
            text=override if override is not None else text,
            lead=lead,
            lead_level=lead_level,
            generated=text,
            is_overridden=override is not None and override != text,
        )


# --- 一、总体进展 ------------------------------------------------------------------------------


def _overall(s: ProgramSummary, w: _Writer) -> BodySection:
    o = s.overall
    lights = o.lights
    if s.round is None:
        text = (
            f"{s.period_label}未开展进展情况报送，本通报仅反映量化目标和督办情况。"
            f"{doc_title_of(s)}共明确重点任务{o.tasks}项。"
        )
    else:
        parts = [
            f"{doc_title_of(s)}明确的{o.tasks}项重点任务中，"
            f"本期有{o.reported}项报送了进展情况，平均完成进度{percent(o.average_percent)}，"
            f"序时进度{percent(o.average_expected)}",
        ]
        if o.completed:
            parts.append(f"，已完成{o.completed}项")
        parts.append(
            f"。按督查亮灯规则，绿灯{lights.green}项、黄灯{lights.yellow}项、红灯{lights.red}项"
        )
        if lights.none:
            parts.append(f"，未报送{lights.none}项")
        parts.append("。")
        text = "".join(parts)
    blocks: list[Heading | Paragraph | Table | Chart] = [w.paragraph("overall", text)]
    t = s.timeliness_total
    if s.round is not None and t.due:
        rate = t.on_time_rate
        blocks.append(
            w.paragraph(
                "overall.reporting",
                f"本期应报送进展报告{t.due}份，实际报送{t.submitted}份，其中按时报送{t.on_time}份、"
                f"审核通过{t.accepted}份，按时报送率{percent(rate)}；"
                f"逾期或未报送{t.late}份，涉及{len([r for r in s.timeliness if r.late])}个单位。",
            )
        )
    if s.sections and s.round is not None:
        blocks.append(
            Chart(
                key="lights_by_section",
                caption="图1  各部分重点任务亮灯情况",
                style="stacked",
                series=("绿灯", "黄灯", "红灯", "未报送"),
                colors=("#2e7d32", "#f9a825", "#c62828", "#9e9e9e"),
                rows=tuple(
                    ChartRow(
                        label=f"{sec.path}、{sec.title}" if sec.path else sec.title,
                        values=(
                            Decimal(sec.lights.green),
                            Decimal(sec.lights.yellow),
                            Decimal(sec.lights.red),
                            Decimal(sec.lights.none),
                        ),
                        text=f"{sec.tasks}项",
                    )
                    for sec in s.sections
                ),
                axis_max=Decimal(max(sec.tasks for sec in s.sections)),
                axis_unit="项",
            )
        )
    return BodySection("一", "总体进展", tuple(blocks))


# --- 二、量化目标完成情况 ---------------------------------------------------------------------


def _target_cells(row: TargetRow) -> tuple[str, ...]:
    scale = scale_for([row.baseline, row.latest, row.target, row.anticipated_value], row.unit)
    baseline = (
        f"{scale.show(row.baseline)}（{row.baseline_year}）" if row.baseline is not None else "—"
    )
    latest = f"{scale.show(row.latest)}（{row.latest_period}）" if row.latest is not None else "—"
    target = "—"
    if row.target is not None:
        target = f"{COMPARATOR_ZH.get(row.comparator, '')}{scale.show(row.target)}"
        target += f"（{row.target_year}）" if row.target_year else ""
    return (
        row.name,
        scale.unit(row.unit) or "—",
        baseline,
        latest,
        target,
        share_percent(row.progress_share),
        share_percent(row.expected_share),
        scale.show(row.anticipated_value),
        LIGHT_ZH.get(row.light, "—"),
    )


def _targets(s: ProgramSummary, w: _Writer) -> BodySection:
    rows = list(s.targets)
    assessed = [r for r in rows if r.is_assessed]
    achieved = [r for r in assessed if r.is_achieved]
    ahead = [r for r in assessed if not r.is_achieved and not r.is_behind_expected]
    behind = [r for r in assessed if r.is_behind_expected]
    waiting = len(rows) - len(assessed)
    if not rows:
        text = "本工作尚未设置量化目标。"
    else:
        text = (
            f"{doc_title_of(s)}确定的{len(rows)}项量化目标中，"
            f"{len(assessed)}项具备基期值和本期数据、可以评估"
        )
        if assessed:
            bits = []
            if achieved:
                bits.append(f"已实现目标{len(achieved)}项")
            if ahead:
                bits.append(f"完成进度不低于序时进度{len(ahead)}项")
            if behind:
                bits.append(f"落后于序时进度{len(behind)}项（{'、'.join(r.name for r in behind)}）")
            text += "，其中" + "，".join(bits)
        text += "。"
        if waiting:
            text += f"其余{waiting}项尚无公开的基期值或本期数据，暂不评估，请有关单位抓紧补报。"
    blocks: list[Heading | Paragraph | Table | Chart] = [w.paragraph("targets", text)]
    if rows:
        note = (
            "注：完成进度P=（最新值−基期值）/（目标值−基期值）；序时进度E=（本期−基期年）/"
            "（目标年−基期年）；预计值按基期以来年均增速外推至目标年；状态按增长比率R评定"
            "（R≥0.95绿灯，0.6—0.95黄灯，<0.6红灯），“—”表示暂无数据、不予评估。"
        )
        if any(r.is_simulated for r in rows):
            note += "最新值为模拟数据。"
        blocks.append(
            Table(
                key="targets",
                caption=f"表1  量化目标完成情况（截至{s.period_label}）",
                columns=(
                    Column("序号", Decimal(8)),
                    Column("指标", Decimal(27), "left"),
                    Column("单位", Decimal(12)),
                    Column("基期值", Decimal(17)),
                    Column("最新值", Decimal(21)),
                    Column("目标值", Decimal(17)),
                    Column("完成进度", Decimal(13)),
                    Column("序时进度", Decimal(13)),
                    Column("预计值", Decimal(17)),
                    Column("状态", Decimal(11)),
                ),
                rows=tuple((str(i), *_target_cells(r)) for i, r in enumerate(rows, 1)),
                row_lights=tuple(r.light for r in rows),
                light_column=9,
                note=note,
            )
        )
    if assessed:
        top = max(
            [Decimal(1)]
            + [r.progress_share for r in assessed if r.progress_share is not None]
            + [r.expected_share for r in assessed if r.expected_share is not None]
        )
        blocks.append(
            Chart(
                key="target_progress",
                caption="图2  可评估量化目标的完成进度与序时进度",
                style="bullet",
                series=("完成进度",),
                colors=("#1f4e79",),
                rows=tuple(
                    ChartRow(
                        label=r.name,
                        values=(max(r.progress_share or Decimal(0), Decimal(0)) * 100,),
                        marker=(r.expected_share or Decimal(0)) * 100,
                        text=share_percent(r.progress_share),
                    )
                    for r in assessed
                ),
                axis_max=min(top, Decimal("1.2")) * 100,
                axis_unit="%",
                marker_label="序时进度",
            )
        )
    return BodySection("二", "量化目标完成情况", tuple(blocks))


# --- 三、存在的问题 ----------------------------------------------------------------------------


def _problems(s: ProgramSummary, w: _Writer) -> BodySection:
    blocks: list[Heading | Paragraph | Table | Chart] = []
    items = [i for u in s.behind for i in u.items]
    red = [i for i in items if i.light == RED]
    yellow = [i for i in items if i.light == YELLOW]
    if items:
        worst = [u for u in s.behind if any(i.light == RED for i in u.items)]
        text = (
            f"本期共有{len({u.unit_id for u in s.behind})}个单位的{len(items)}项任务亮黄灯或红灯，"
            f"其中红灯{len(red)}项、黄灯{len(yellow)}项。"
        )
        if worst:
            text += f"亮红灯的单位有{_names([u.unit_name for u in worst])}，具体见表2。"
        else:
            text += "具体见表2。"
    else:
        text = "本期没有亮黄灯或红灯的任务。"
    blocks.append(w.paragraph("problems.behind", text, lead="（一）部分任务进度滞后。"))
    if items:
        rows: list[tuple[str, ...]] = []
        lights: list[str] = []
        number = 0
        for unit in s.behind:
            for position, item in enumerate(unit.items):
                number += 1
                rows.append(
                    (
                        str(number),
                        unit.unit_name if position == 0 else "",
                        item.item_label,
                        ROLE_ZH.get(item.role, item.role),
                        percent(item.percent, 0) if item.percent is not None else "—",
                        LIGHT_ZH.get(item.light, item.light),
                        RULE_SHORT_ZH.get(item.rule_code, item.rule_code),
                    )
                )
                lights.append(item.light)
        blocks.append(
            Table(
                key="behind",
                caption="表2  亮黄灯、红灯的任务（按责任单位）",
                columns=(
                    Column("序号", Decimal(10)),
                    Column("责任单位", Decimal(27), "left"),
                    Column("任务", Decimal(52), "left"),
                    Column("角色", Decimal(12)),
                    Column("完成进度", Decimal(15)),
                    Column("状态", Decimal(13)),
                    Column("原因", Decimal(27), "left"),
                ),
                rows=tuple(rows),
                row_lights=tuple(lights),
                light_column=5,
                note=f"注：完成进度为本期报告所填；序时进度为{percent(s.overall.average_expected)}。",
            )
        )
    t = s.timeliness_total
    late_units = [r for r in s.timeliness if r.late]
    if t.due and late_units:
        text = (
            f"{len(late_units)}个单位未能按时报送进展情况，共逾期或未报送{t.late}份；"
            f"另有{t.submitted - t.accepted}份报告未通过审核。"
            if t.submitted > t.accepted
            else f"{len(late_units)}个单位未能按时报送进展情况，共逾期或未报送{t.late}份。"
        )
        if s.open_notices:
            text += f"截至目前，尚有{len(s.open_notices)}份督办单未答复。"
    elif t.due:
        text = "各单位均按时报送了进展情况。"
    else:
        text = "本期未开展进展情况报送。"
    blocks.append(w.paragraph("problems.reporting", text, lead="（二）部分单位报送不够及时。"))
    slow = [r for r in s.targets if r.is_behind_expected]
    if slow:
        text = (
            f"{'、'.join(r.name for r in slow)}等{len(slow)}项指标完成进度落后于序时进度，"
            "按目前增速到期完成目标存在一定压力。"
        )
    else:
        text = "可评估的量化指标完成进度均不低于序时进度。"
    missing = [r for r in s.targets if not r.is_assessed]
    if missing:
        text += f"另有{len(missing)}项指标缺少公开的基期值或本期数据，尚不能评估。"
    blocks.append(w.paragraph("problems.targets", text, lead="（三）部分量化指标进展偏慢。"))
    return BodySection("三", "存在的问题", tuple(blocks))


# --- 四、通报表扬和通报批评 -------------------------------------------------------------------


def _mentions(s: ProgramSummary, w: _Writer) -> BodySection:
    blocks: list[Heading | Paragraph | Table | Chart] = []
    if s.praised:
        text = (
            f"{_names(list(s.praised))}本期全部按时报送进展情况且通过审核，"
            "未收到红色督办单，予以通报表扬。"
        )
    else:
        text = "本期没有全部按时报送且通过审核的单位。"
    blocks.append(w.paragraph("praise", text, lead="（一）通报表扬。"))
    if s.named:
        late = [m for m in s.named if m.late]
        red = [m for m in s.named if m.red_notices]
        bits = []
        if late:
            bits.append(f"{_names(late)}存在逾期报送或未报送情况")
        if red:
            bits.append(f"{_names(red)}收到红色督办单")
        text = (
            "；".join(bits)
            + "，予以通报批评。请上述单位认真分析原因，限期整改，并将整改情况书面报送。"
        )
    else:
        text = "本期没有需要通报批评的单位。"
    blocks.append(w.paragraph("criticism", text, lead="（二）通报批评。"))
    if s.named:
        blocks.append(
            Table(
                key="named",
                caption="表3  通报批评单位报送情况",
                columns=(
                    Column("序号", Decimal(12)),
                    Column("单位", Decimal(54), "left"),
                    Column("应报送（份）", Decimal(30)),
                    Column("逾期或未报送（份）", Decimal(32)),
                    Column("红色督办单（份）", Decimal(28)),
                ),
                rows=tuple(
                    (str(i), m.unit_name, str(m.due), str(m.late), str(m.red_notices))
                    for i, m in enumerate(s.named, 1)
                ),
            )
        )
    return BodySection("四", "通报表扬和通报批评", tuple(blocks))


# --- 五、下步工作安排 --------------------------------------------------------------------------


def _next_steps(s: ProgramSummary, w: _Writer) -> BodySection:
    red_count = s.overall.lights.red
    first = "各责任单位要对照任务分工和序时进度，逐项梳理本单位承担的任务，"
    first += (
        f"对亮红灯的{red_count}项任务和亮黄灯的任务逐项制定整改措施，明确完成时限，确保按期完成。"
        if red_count
        else "对亮黄灯的任务逐项制定措施，确保按期完成。"
    )
    due = (
        f"下一期进展情况请于{date_zh(s.next_due_on)}前通过落实平台报送"
        if s.next_due_on
        else "请按报送频次通过落实平台报送下一期进展情况"
    )
    steps = [
        ("next.tasks", "（一）加快推进滞后任务。", first),
        (
            "next.targets",
            "（二）加强量化指标监测。",
            "各牵头单位要加强对量化目标的跟踪监测，按期报送指标数据并注明数据来源；"
            "对落后于序时进度的指标，要分析原因，提出有针对性的措施。",
        ),
        (
            "next.reporting",
            "（三）严格报送和督办。",
            f"{due}，牵头单位负责汇总配合单位情况。对逾期未报送、督办单逾期未答复的单位，"
            "将按规定发出督办单并纳入考核评分。",
        ),
    ]
    blocks = tuple(w.paragraph(key, text, lead=lead) for key, lead, text in steps)
    return BodySection("五", "下步工作安排", blocks)


def build_bulletin(
    summary: ProgramSummary,
    narrative_overrides: Mapping[str, str] | None = None,
    options: BulletinOptions | None = None,
) -> "Bulletin":
    """Return the bulletin for the summary, with the office's paragraph overrides applied."""
    options = options or BulletinOptions()
    w = _Writer(narrative_overrides or {})
    day = options.date or summary.as_of
    doc_title = doc_title_of(summary)
    opening = w.paragraph(
        "opening",
        f"为推动{doc_title}各项任务落地落实，按照督查督办工作安排，我们对{summary.period_label}"
        f"各责任单位任务推进、量化目标完成和进展情况报送进行了督查。现将有关情况通报如下。",
    )
    sections = (
        _overall(summary, w),
        _targets(summary, w),
        _problems(summary, w),
        _mentions(summary, w),
        _next_steps(summary, w),
    )
    figures = {
        "tasks": str(summary.overall.tasks),
        "green": str(summary.overall.lights.green),
        "yellow": str(summary.overall.lights.yellow),
        "red": str(summary.overall.lights.red),
        "average_percent": plain(summary.overall.average_percent, 1),
        "due": str(summary.timeliness_total.due),
        "on_time": str(summary.timeliness_total.on_time),
        "targets": str(len(summary.targets)),
        "praised": str(len(summary.praised)),
        "named": str(len(summary.named)),
    }
    return Bulletin(
        masthead=Masthead(
            issuer_mark=options.mark,
            doc_number=options.doc_number,
            simulated_mark=SIMULATED_MARK if summary.is_simulated else "",
        ),
        title=f"关于{summary.period_label}{doc_title}落实情况的通报",
        addressees=f"{options.addressees.rstrip('：:')}：",
        opening=opening,
        sections=sections,
        issuer=options.issuer,
        date_text=date_zh(day),
        record=Record(
            cc=options.cc, printer=options.printer or options.issuer, print_date=date_zh(day)
        ),
        period=summary.period,
        period_label=summary.period_label,
        program_name=summary.program_name,
        is_simulated=summary.is_simulated,
        simulated_note=SIMULATED_NOTE if summary.is_simulated else "",
        figures=figures,
    )
