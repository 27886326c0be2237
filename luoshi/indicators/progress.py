"""Progress of indicators towards their targets, province-wide and per 市州, from stored rows.

The indicator page and the API's /indicators/{id}/progress both call indicator_progress, so
they show the same numbers. The arithmetic is the pure analytics package; this module picks
the rows: the province target (the latest target year), its 市州 allocations, the baseline,
and the counted values (submitted or approved; drafts and returned values do not count).
Where the province has no value of its own for a period but every 市州 has one, the province
point is their aggregate (sum or population-weighted average), shown as such.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from luoshi.core.periods import Period, parse_period
from luoshi.indicators.analytics import (
    Assessment,
    Figure,
    ForecastPoint,
    Light,
    Observation,
    Part,
    ProgressInputs,
    Ranked,
    aggregate,
    assess,
    forecast,
    light_for,
    period_time,
    rank,
    year_time,
)
from luoshi.indicators.analytics.numbers import text
from luoshi.indicators.models import (
    Aggregation,
    DataValue,
    Indicator,
    IndicatorTarget,
    ValueSource,
    ValueStatus,
)
from luoshi.indicators.queries import province_of
from luoshi.org.models import Region

__all__ = [
    "COUNTED_STATUSES",
    "IndicatorProgress",
    "Point",
    "RegionProgress",
    "indicator_progress",
    "program_progress",
]

COUNTED_STATUSES = (ValueStatus.SUBMITTED, ValueStatus.APPROVED)
AGGREGATED = "aggregated"


@dataclass(frozen=True)
class Point:
    period: str
    time: Decimal
    value: Decimal
    source: str
    status: str
    value_id: int | None = None
    aggregate: Figure | None = None


@dataclass(frozen=True)
class RegionProgress:
    region: Region
    target: IndicatorTarget | None
    points: tuple[Point, ...]
    assessment: Assessment | None
    light: Light
    missing: str = ""

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    province: RegionProgress
    forecast: Figure
    forecast_points: tuple[ForecastPoint, ...]
    prefectures: tuple[RegionProgress, ...]
    ranking: tuple[Ranked, ...]
    has_simulated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Value:
    """The columns of a counted value that progress reads: tuples, not model instances.

    A national dashboard loads tens of thousands of values; building DataValue instances for
    them cost more than the query (bench/rollup.py, dashboard page).
    """

    pk: int
    indicator_id: int
    region_id: int
    period: str
    value: Decimal
    status: str
    source: str


@dataclass
class _Loaded:
    province: Region | None
    prefectures: list[Region]
    targets: dict[int, list[IndicatorTarget]]
    values: dict[int, list[_Value]]


@lru_cache(maxsize=4096)
def _period_time(period: str) -> Decimal:
    return period_time(parse_period(period))


def _load(indicators: Sequence[Indicator]) -> _Loaded:
    if not indicators:
        return _Loaded(None, [], {}, {})
    province = province_of(indicators[0].program)
    prefectures: list[Region] = []
    if province is not None:
        prefectures = list(
            Region.objects.filter(parent=province, level=Region.Level.PREFECTURE).order_by("code")
        )
    targets: dict[int, list[IndicatorTarget]] = defaultdict(list)
    for target in IndicatorTarget.objects.filter(indicator__in=indicators).order_by(
        "year", "region__code"
    ):
        targets[target.indicator_id].append(target)
    region_ids = [r.pk for r in prefectures] + ([province.pk] if province else [])
    values: dict[int, list[_Value]] = defaultdict(list)
    for row in (
        DataValue.objects.filter(
            indicator__in=indicators, region_id__in=region_ids, status__in=COUNTED_STATUSES
        )
        .order_by("period_start")
        .values_list("id", "indicator_id", "region_id", "period", "value", "status", "source")
    ):
        value = _Value(*row)
        values[value.indicator_id].append(value)
    return _Loaded(province, prefectures, targets, values)


def _point(value: _Value) -> Point:
    return Point(
        period=value.period,
        time=_period_time(value.period),
        value=value.value,
        source=value.source,
        status=value.status,
        value_id=value.pk,
    )


def _inputs(indicator: Indicator, target: IndicatorTarget, latest: Point) -> ProgressInputs | None:
    if target.baseline_value is None or target.baseline_year is None:
        return None
    return ProgressInputs(
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


def _region_progress(
    indicator: Indicator,
    region: Region,
    target: IndicatorTarget | None,
    points: list[Point],
) -> RegionProgress:
    points.sort(key=lambda p: p.time)
    if target is None:
        return RegionProgress(region, None, tuple(points), None, light_for(None), "no_target")
    if target.baseline_value is None or target.baseline_year is None:
        return RegionProgress(region, target, tuple(points), None, light_for(None), "no_baseline")
    if not points:
        return RegionProgress(region, target, (), None, light_for(None), "no_data")
    inputs = _inputs(indicator, target, points[-1])
    assessment = assess(inputs) if inputs is not None else None
    return RegionProgress(region, target, tuple(points), assessment, light_for(assessment))


def _province_points(indicator: Indicator, loaded: _Loaded, rows: list[_Value]) -> list[Point]:
    province = loaded.province
    assert province is not None
    own = {v.period: _point(v) for v in rows if v.region_id == province.pk}
    if indicator.aggregation == Aggregation.NONE or not loaded.prefectures:
        return list(own.values())
    by_period: dict[str, dict[int, _Value]] = defaultdict(dict)
    for value in rows:
        if value.region_id != province.pk:
            by_period[value.period][value.region_id] = value
    weights = {r.pk: (r.code, r.population or 0) for r in loaded.prefectures}
    for period, parts in by_period.items():
        if period in own or len(parts) < len(loaded.prefectures):
            continue
        figure = aggregate(
            indicator.aggregation,
            [Part(weights[rid][0], v.value, weights[rid][1]) for rid, v in sorted(parts.items())],
        )
        if figure.value is None:
            continue
        own[period] = Point(
            period=period,
            time=_period_time(period),
            value=figure.value,
            source=AGGREGATED,
            status=ValueStatus.SUBMITTED
            if any(v.status != ValueStatus.APPROVED for v in parts.values())
            else ValueStatus.APPROVED,
            aggregate=figure,
        )
    return list(own.values())


def _future_times(latest: Period | None, target_year: int) -> list[Decimal]:
    if latest is None:
        return []
    times = [period_time(latest)]
    current = latest.next()
    while current.year <= target_year:
        times.append(period_time(current))
        current = current.next()
    return times


def _build(indicator: Indicator, loaded: _Loaded) -> IndicatorProgress:
    province = loaded.province
    assert province is not None
    targets = loaded.targets.get(indicator.pk, [])
    province_targets = [t for t in targets if t.region_id == province.pk and t.parent_id is None]
    main = province_targets[-1] if province_targets else None
    rows = loaded.values.get(indicator.pk, [])
    province_row = _region_progress(
        indicator, province, main, _province_points(indicator, loaded, rows)
    )
    allocations = {t.region_id: t for t in targets if main is not None and t.parent_id == main.pk}
    by_region: dict[int, list[Point]] = defaultdict(list)
    for value in rows:
        if value.region_id != province.pk:
            by_region[value.region_id].append(_point(value))
    prefectures = tuple(
        _region_progress(
            indicator, region, allocations.get(region.pk), by_region.get(region.pk, [])
        )
        for region in loaded.prefectures
    )
    ranking = rank(
        [
            (
                p.region.code,
                p.region.name,
                p.assessment.growth_ratio.value if p.assessment else None,
            )
            for p in prefectures
        ]
    )
    observations: list[Observation] = []
    if main is not None and main.baseline_value is not None and main.baseline_year is not None:
        observations.append(
            Observation(year_time(main.baseline_year), main.baseline_value, str(main.baseline_year))
        )
    observations += [Observation(p.time, p.value, p.period) for p in province_row.points]
    latest_period = parse_period(province_row.points[-1].period) if province_row.points else None
    target_time = year_time(main.year) if main is not None else Decimal(0)
    if main is not None:
        figure, points = forecast(
            observations, target_time, times=_future_times(latest_period, main.year)[:-1]
        )
    else:
        figure, points = forecast([], target_time)
    has_simulated = any(v.source == ValueSource.SIMULATED for v in rows)
    return IndicatorProgress(
        indicator=indicator,
        province=province_row,
        forecast=figure,
        forecast_points=points,
        prefectures=prefectures,
        ranking=ranking,
        has_simulated=has_simulated,
    )


def indicator_progress(indicator: Indicator) -> IndicatorProgress | None:
    """Return every progress figure of one indicator, province-wide and per 市州."""
    loaded = _load([indicator])
    if loaded.province is None:
        return None
    return _build(indicator, loaded)


def program_progress(indicators: Sequence[Indicator]) -> list[IndicatorProgress]:
    """Return the progress of several indicators of one program, loaded in a few queries."""
    loaded = _load(indicators)
    if loaded.province is None:
        return []
    return [_build(indicator, loaded) for indicator in indicators]


def chart_data(progress: IndicatorProgress) -> dict[str, Any]:
    """Return what the ECharts chart draws, as JSON-ready strings (Decimal stays exact)."""
    target = progress.province.target
    data: dict[str, Any] = {
        "unit": progress.indicator.unit,
        "actuals": [
            [text(p.time), text(p.value), p.period, p.source] for p in progress.province.points
        ],
        "baseline": None,
        "target": None,
        "expected": [],
        "forecast": [[text(p.time), text(p.value)] for p in progress.forecast_points],
        "band": [[text(p.time), text(p.lower), text(p.upper)] for p in progress.forecast_points],
    }
    if target is not None:
        data["target"] = [text(year_time(target.year)), text(target.value)]
        if target.baseline_value is not None and target.baseline_year is not None:
            data["baseline"] = [text(year_time(target.baseline_year)), text(target.baseline_value)]
            data["expected"] = [data["baseline"], data["target"]]
    return data
