"""The dashboard's breakdowns of a `ProgramSummary`: per 市州, per unit, and the league of units.

The dashboard pages and `/api/v1/dashboard` both call these (the web and API layers cannot
import each other), so every figure they show is the summary's own value or is derived here
once. The per-市州 indicator rows are the only numbers not already in the summary: they come
from `luoshi.indicators.progress.program_progress`, cut at the period's end exactly as the
summary's target rows are (no value reported for a later period counts).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from luoshi.core.periods import Period
from luoshi.indicators.analytics import (
    Assessment,
    ProgressInputs,
    assess,
    light_for,
    period_time,
    year_time,
)
from luoshi.indicators.models import Indicator, IndicatorTarget, ValueSource
from luoshi.indicators.progress import AGGREGATED, IndicatorProgress, Point
from luoshi.indicators.queries import province_of
from luoshi.org.caching import revision_cached
from luoshi.org.models import Region, Unit
from luoshi.plans.models import Program
from luoshi.reports.content.summary_data import (
    RED,
    YELLOW,
    BehindItem,
    LightCounts,
    NoticeLine,
    ProgramSummary,
    RedItem,
    ScoreRow,
    TaskLine,
    TimelinessLine,
)
from luoshi.reports.summary import load_progress, program_summary
from luoshi.supervision.queries import local_today

__all__ = [
    "LeagueRow",
    "PrefectureIndicator",
    "PrefectureRow",
    "UnitSlice",
    "cached_summary",
    "league",
    "prefecture_breakdown",
    "unit_slice",
]


@dataclass(frozen=True)
class PrefectureIndicator:
    """One indicator in one 市州 as of the period's end: latest value, allocated target, P, R."""

    indicator_id: int
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    baseline_is_derived: bool
    latest: Decimal | None
    latest_period: str
    is_simulated: bool
    target: Decimal | None
    target_year: int | None
    progress_share: Decimal | None
    progress_formula: str
    expected_share: Decimal | None
    growth_ratio: Decimal | None
    growth_formula: str
    anticipated_share: Decimal | None
    light: str
    light_rule: str
    missing: str


@dataclass(frozen=True)
class PrefectureRow:
    """A 市州: its government unit's timeliness in the round and its indicators."""

    region_id: int
    code: str
    name: str
    unit_id: int | None
    unit_name: str
    timeliness: TimelinessLine | None
    indicators: tuple[PrefectureIndicator, ...]

    def indicator(self, code: str) -> PrefectureIndicator | None:
        """Return the row of one indicator by code."""
        return next((i for i in self.indicators if i.code == code), None)


@dataclass(frozen=True)
class LeagueRow:
    """A unit in the league table: its timeliness in the round and its score for the period."""

    rank: int
    unit_id: int
    unit_name: str
    timeliness: TimelinessLine | None
    score: ScoreRow | None


@dataclass(frozen=True)
class UnitSlice:
    """The summary's figures of one unit."""

    unit_id: int
    unit_name: str
    timeliness: TimelinessLine | None
    score: ScoreRow | None
    lights: LightCounts
    behind: tuple[BehindItem, ...]
    red_items: tuple[RedItem, ...]
    open_notices: tuple[NoticeLine, ...]
    lead_tasks: tuple[TaskLine, ...]


def _assessment(
    indicator: Indicator, target: IndicatorTarget | None, points: Sequence[Point]
) -> tuple[Assessment | None, str]:
    if target is None:
        return None, "no_target"
    if target.baseline_value is None or target.baseline_year is None:
        return None, "no_baseline"
    if not points:
        return None, "no_data"
    latest = points[-1]
    inputs = ProgressInputs(
        baseline=target.baseline_value,
        baseline_time=year_time(target.baseline_year),
        latest=latest.value,
        latest_time=latest.time,
        target=target.value,
        target_time=year_time(target.year),
        direction=indicator.sign,
        comparator=target.comparator,
        target_min=target.value_min,
        is_percent=indicator.is_percent,
        latest_period=latest.period,
    )
    return assess(inputs), ""


def _prefecture_indicator(
    indicator: Indicator, target: IndicatorTarget | None, points: Sequence[Point]
) -> PrefectureIndicator:
    assessment, missing = _assessment(indicator, target, points)
    light = light_for(assessment)
    latest = points[-1] if points else None
    return PrefectureIndicator(
        indicator_id=indicator.pk,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        baseline=target.baseline_value if target is not None else None,
        baseline_is_derived=bool(target is not None and target.baseline_is_derived),
        latest=latest.value if latest is not None else None,
        latest_period=latest.period if latest is not None else "",
        is_simulated=latest is not None and latest.source in (ValueSource.SIMULATED, AGGREGATED),
        target=target.value if target is not None else None,
        target_year=target.year if target is not None else None,
        progress_share=assessment.progress_share.value if assessment else None,
        progress_formula=assessment.progress_share.substituted if assessment else "",
        expected_share=assessment.expected_share.value if assessment else None,
        growth_ratio=assessment.growth_ratio.value if assessment else None,
        growth_formula=assessment.growth_ratio.substituted if assessment else "",
        anticipated_share=assessment.anticipated_share.value if assessment else None,
        light=light.color,
        light_rule=light.rule,
        missing=missing,
    )


def _governments(regions: Sequence[Region], summary: ProgramSummary) -> dict[int, Unit]:
    """Return each 市州's government unit; the one asked in the round wins a tie."""
    asked = {t.unit_id for t in summary.timeliness}
    chosen: dict[int, Unit] = {}
    for unit in Unit.objects.filter(
        region__in=regions, kind=Unit.Kind.GOVERNMENT, is_active=True, successor__isnull=True
    ).order_by("name"):
        assert unit.region_id is not None
        current = chosen.get(unit.region_id)
        if current is None or (unit.pk in asked and current.pk not in asked):
            chosen[unit.region_id] = unit
    return chosen


def prefecture_breakdown(
    program: Program,
    period: Period,
    summary: ProgramSummary,
    *,
    progress: Sequence[IndicatorProgress] | None = None,
) -> tuple[PrefectureRow, ...]:
    """Return every 市州 of the program's province with its indicators as of the period's end."""
    if progress is None:
        progress = load_progress(program)
    if progress:
        regions = [p.region for p in progress[0].prefectures]
    else:
        province = province_of(program)
        regions = (
            list(
                Region.objects.filter(parent=province, level=Region.Level.PREFECTURE).order_by(
                    "code"
                )
            )
            if province is not None
            else []
        )
    until = period_time(period)
    timeliness = {t.unit_id: t for t in summary.timeliness}
    governments = _governments(regions, summary)
    rows: list[PrefectureRow] = []
    for index, region in enumerate(regions):
        unit = governments.get(region.pk)
        rows.append(
            PrefectureRow(
                region_id=region.pk,
                code=region.code,
                name=region.name,
                unit_id=unit.pk if unit is not None else None,
                unit_name=unit.name if unit is not None else "",
                timeliness=timeliness.get(unit.pk) if unit is not None else None,
                indicators=tuple(
                    _prefecture_indicator(
                        item.indicator,
                        item.prefectures[index].target,
                        [p for p in item.prefectures[index].points if p.time <= until],
                    )
                    for item in progress
                ),
            )
        )
    return tuple(rows)


def league(summary: ProgramSummary) -> tuple[LeagueRow, ...]:
    """Return the units ranked by score, then by on-time share (competition ranks: 1, 2, 2, 4)."""
    timeliness = {t.unit_id: t for t in summary.timeliness}
    scores = {s.unit_id: s for s in summary.scorecards}
    names = {t.unit_id: t.unit_name for t in summary.timeliness}
    names.update({s.unit_id: s.unit_name for s in summary.scorecards})

    def merit(unit_id: int) -> tuple[Decimal, Decimal]:
        score = scores.get(unit_id)
        line = timeliness.get(unit_id)
        rate = line.on_time_rate if line is not None else None
        return (
            score.total if score is not None else Decimal(-1),
            rate if rate is not None else Decimal(-1),
        )

    ordered = sorted(names, key=lambda u: (tuple(-m for m in merit(u)), names[u]))
    rows: list[LeagueRow] = []
    for position, unit_id in enumerate(ordered, start=1):
        rank = position
        if rows and merit(rows[-1].unit_id) == merit(unit_id):
            rank = rows[-1].rank
        rows.append(
            LeagueRow(rank, unit_id, names[unit_id], timeliness.get(unit_id), scores.get(unit_id))
        )
    return tuple(rows)


def unit_slice(summary: ProgramSummary, unit_id: int, unit_name: str) -> UnitSlice:
    """Return one unit's figures; its green items are those due that are neither yellow nor red."""
    line = next((t for t in summary.timeliness if t.unit_id == unit_id), None)
    behind = tuple(item for b in summary.behind if b.unit_id == unit_id for item in b.items)
    yellow = sum(1 for item in behind if item.light == YELLOW)
    red = sum(1 for item in behind if item.light == RED)
    due = line.due if line is not None else 0
    counts = LightCounts(green=max(due - yellow - red, 0), yellow=yellow, red=red)
    return UnitSlice(
        unit_id=unit_id,
        unit_name=unit_name,
        timeliness=line,
        score=next((s for s in summary.scorecards if s.unit_id == unit_id), None),
        lights=counts,
        behind=behind,
        red_items=tuple(r for r in summary.red_items if r.unit_id == unit_id),
        open_notices=tuple(n for n in summary.open_notices if n.unit_id == unit_id),
        lead_tasks=tuple(t for t in summary.tasks if unit_name in t.lead_units),
    )


def cached_summary(
    program: Program, period: Period
) -> tuple[ProgramSummary, tuple[PrefectureRow, ...]]:
    """Return the program's summary and 市州 breakdown for the period as of today, shared by
    the dashboard pages and the API until the data revision moves (or the day changes)."""

    def compute() -> tuple[ProgramSummary, tuple[PrefectureRow, ...]]:
        progress = load_progress(program)
        summary = program_summary(program, period, progress=progress)
        return summary, prefecture_breakdown(program, period, summary, progress=progress)

    today = local_today()
    return revision_cached("summary", (program.pk, str(period), today), compute)
