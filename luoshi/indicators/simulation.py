"""A deterministic, labelled simulated trajectory of indicator values (demo only).

From each indicator's real end-2016 baseline towards its 2020 target, per 市州 (the province
target allocated by population where the office has not split it) and for the province as
their aggregate; quarterly or yearly as the indicator is reported, 2017 to the target year.
Every value written has source `simulated` (shown with a 模拟数据 badge) and is approved so it
counts. Real values always win: a value from any other source is never overwritten, and a
real value saved later replaces a simulated one. The same seed gives the same values; a second
run changes nothing. Randomness is drawn as integers, so no float reaches a value.
"""

import random
from collections import Counter
from decimal import Decimal, localcontext

from django.db import transaction
from django.utils import timezone

from luoshi.core.periods import Period, PeriodKind, periods_between
from luoshi.indicators.actions import do_allocate_target
from luoshi.indicators.analytics import Part, aggregate, period_time, year_time
from luoshi.indicators.analytics.numbers import CONTEXT, power
from luoshi.indicators.models import (
    Aggregation,
    AllocationMethod,
    DataValue,
    DataValueChange,
    Indicator,
    IndicatorTarget,
    ValueSource,
    ValueStatus,
)
from luoshi.indicators.queries import province_of
from luoshi.org.audit import record_event
from luoshi.org.models import Region
from luoshi.plans.models import Program

__all__ = ["simulate_indicator_data"]

_PERIODS_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}


def _periods(period_type: str, first_year: int, last_year: int) -> list[Period]:
    kind = PeriodKind(period_type)
    per_year = _PERIODS_PER_YEAR[period_type]
    return periods_between(Period(first_year, kind, 1), Period(last_year, kind, per_year))


def _quantum(indicator: Indicator, baseline: Decimal) -> Decimal:
    if indicator.is_percent or baseline != baseline.to_integral_value():
        return Decimal("0.01")
    return Decimal(1)


def _path(
    indicator: Indicator,
    baseline: Decimal,
    goal: Decimal,
    share: Decimal,
    noise: Decimal,
) -> Decimal:
    """Return the value a share of the way from baseline to goal, with relative noise."""
    with localcontext(CONTEXT):
        if indicator.aggregation == Aggregation.SUM and baseline > 0 and goal > 0:
            level = baseline * power(goal / baseline, share)
            level *= 1 + noise
        else:
            level = baseline + (goal - baseline) * share + noise * 100
        if indicator.is_percent:
            level = min(max(level, Decimal(0)), Decimal(100))
        return max(level, Decimal(0)).quantize(_quantum(indicator, baseline))


class _Writer:
    """Collects simulated values for one indicator and writes them, real values kept."""

    def __init__(self, indicator: Indicator, counts: Counter[str]) -> None:
        self.indicator = indicator
        self.counts = counts
        self.existing = {
            (v.region_id, v.period): v for v in DataValue.objects.filter(indicator=indicator)
        }
        self.creates: list[DataValue] = []
        self.updates: list[tuple[DataValue, Decimal]] = []
        self.final: dict[tuple[int, str], Decimal] = {}

    def put(self, region: Region, period: Period, value: Decimal, kind: str) -> None:
        key = (region.pk, str(period))
        old = self.existing.get(key)
        if old is not None and old.source != ValueSource.SIMULATED:
            self.counts["kept_real"] += 1
            self.final[key] = old.value
            return
        self.final[key] = value
        self.counts[f"{kind}_values"] += 1
        if old is None:
            self.creates.append(
                DataValue(
                    indicator=self.indicator,
                    region=region,
                    period=str(period),
                    period_start=period.start,
                    value=value,
                    status=ValueStatus.APPROVED,
                    source=ValueSource.SIMULATED,
                    comment="模拟数据",
                    approved_at=timezone.now(),
                )
            )
        elif old.value != value:
            self.updates.append((old, value))
        else:
            self.counts["unchanged"] += 1

    def write(self) -> None:
        created = DataValue.objects.bulk_create(self.creates, batch_size=1000)
        changes = [
            DataValueChange(
                data_value_id=v.pk,
                action=DataValueChange.Action.SIMULATED,
                new_value=v.value,
                new_status=v.status,
                new_source=v.source,
                comment="模拟数据",
            )
            for v in created
        ]
        for old, value in self.updates:
            changes.append(
                DataValueChange(
                    data_value_id=old.pk,
                    action=DataValueChange.Action.SIMULATED,
                    old_value=old.value,
                    new_value=value,
                    old_status=old.status,
                    new_status=ValueStatus.APPROVED,
                    old_source=old.source,
                    new_source=ValueSource.SIMULATED,
                    comment="模拟数据",
                )
            )
            old.value = value
            old.status = ValueStatus.APPROVED
            old.version += 1
        DataValue.objects.bulk_update(
            [old for old, _ in self.updates], ["value", "status", "version"], batch_size=1000
        )
        DataValueChange.objects.bulk_create(changes, batch_size=1000)
        self.counts["created"] += len(created)
        self.counts["updated"] += len(self.updates)


def _simulate_indicator(
    indicator: Indicator,
    main: IndicatorTarget,
    *,
    province: Region,
    prefectures: list[Region],
    rng: random.Random,
    counts: Counter[str],
) -> None:
    assert main.baseline_value is not None and main.baseline_year is not None
    periods = _periods(indicator.period_type, main.baseline_year + 1, main.year)
    t0, big_t = year_time(main.baseline_year), year_time(main.year)
    writer = _Writer(indicator, counts)
    if indicator.aggregation == Aggregation.NONE or not prefectures:
        speed = Decimal(rng.randint(80, 110)) / 100
        for period in periods:
            share = (period_time(period) - t0) / (big_t - t0) * speed
            noise = Decimal(rng.randint(-100, 100)) / 10000
            writer.put(
                province,
                period,
                _path(indicator, main.baseline_value, main.value, share, noise),
                "province",
            )
        writer.write()
        return
    allocations = {t.region_id: t for t in main.allocations.all()}
    for region in prefectures:
        target = allocations.get(region.pk)
        if target is None or target.baseline_value is None:
            continue
        # Some 市州 run ahead of the plan and some behind: 75%-115% of the way by the end.
        speed = Decimal(rng.randint(75, 115)) / 100
        for period in periods:
            share = (period_time(period) - t0) / (big_t - t0) * speed
            noise = Decimal(rng.randint(-100, 100)) / 10000
            writer.put(
                region,
                period,
                _path(indicator, target.baseline_value, target.value, share, noise),
                "prefecture",
            )
    quantum = _quantum(indicator, main.baseline_value)
    for period in periods:
        parts = [
            Part(r.code, writer.final[(r.pk, str(period))], r.population or 0)
            for r in prefectures
            if (r.pk, str(period)) in writer.final
        ]
        if len(parts) < len(prefectures):
            continue
        total = aggregate(indicator.aggregation, parts).value
        if total is not None:
            writer.put(province, period, total.quantize(quantum), "province")
    writer.write()


@transaction.atomic
def simulate_indicator_data(program: Program, *, seed: int) -> dict[str, int]:
    """Write the simulated trajectories of the program's indicators; return what was done."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    province = province_of(program)
    if province is None:
        return {"indicators": 0}
    prefectures = list(
        Region.objects.filter(parent=province, level=Region.Level.PREFECTURE).order_by("code")
    )
    indicators = Indicator.objects.filter(program=program, is_active=True).order_by("order", "pk")
    for indicator in indicators:
        main = (
            IndicatorTarget.objects.filter(indicator=indicator, region=province, parent=None)
            .order_by("-year")
            .first()
        )
        if main is None or main.baseline_value is None or main.baseline_year is None:
            counts["skipped_no_baseline"] += 1
            continue
        if (
            indicator.aggregation != Aggregation.NONE
            and prefectures
            and not main.allocations.exists()
        ):
            do_allocate_target(main, method=AllocationMethod.POPULATION, acting_user=None)
            counts["allocated_targets"] += 1
        counts["indicators"] += 1
        _simulate_indicator(
            indicator, main, province=province, prefectures=prefectures, rng=rng, counts=counts
        )
    result = {
        key: counts[key]
        for key in (
            "indicators",
            "skipped_no_baseline",
            "allocated_targets",
            "prefecture_values",
            "province_values",
            "created",
            "updated",
            "unchanged",
            "kept_real",
        )
    }
    record_event(
        actor=None, action="indicators.simulate", obj=program, new={"seed": seed, **result}
    )
    return result
