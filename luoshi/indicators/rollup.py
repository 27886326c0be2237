"""Roll one indicator up over all regions of one level, period by period.

On PostgreSQL the sums run in SQL: NUMERIC(24, 6) arithmetic is exact, and the database
reads 20,000 rows far faster than Python can build them. On SQLite the column is text (see
ExactDecimalField), so the rows come back and Decimal sums them. Counted values only:
submitted and approved, as in the progress analytics.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any

from django.db import connection
from django.db.models import Count, F, QuerySet, Sum

from luoshi.indicators.models import Aggregation, DataValue, Indicator
from luoshi.indicators.progress import COUNTED_STATUSES
from luoshi.org.caching import revision_cached

__all__ = ["RollupPoint", "rollup"]

_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class RollupPoint:
    period: str
    period_start: date
    regions: int
    total: Decimal
    value: Decimal | None


def _value(indicator: Indicator, total: Decimal, weighted: Decimal, weights: Decimal) -> Decimal:
    if indicator.aggregation != Aggregation.WEIGHTED_AVERAGE:
        return total
    if not weights:
        return Decimal(0)
    # value x population has up to 28 integer digits: divide with room, round once.
    with localcontext(prec=60):
        return (weighted / weights).quantize(_PLACES, rounding=ROUND_HALF_EVEN)


def rollup(
    indicator: Indicator, level: str, *, first: date | None = None, last: date | None = None
) -> list[RollupPoint]:
    """Return, per period in time order, how many regions of the level reported and the roll-up.

    The value is the sum, or the population-weighted average, by the indicator's aggregation;
    None when the indicator does not aggregate over regions. Cached under the data revision.
    """
    return revision_cached(
        "rollup",
        (indicator.pk, level, first, last),
        lambda: _compute(indicator, level, first, last),
    )


def _compute(
    indicator: Indicator, level: str, first: date | None, last: date | None
) -> list[RollupPoint]:
    values = DataValue.objects.filter(
        indicator=indicator, region__level=level, status__in=COUNTED_STATUSES
    )
    if first is not None:
        values = values.filter(period_start__gte=first)
    if last is not None:
        values = values.filter(period_start__lte=last)
    is_weighted = indicator.aggregation == Aggregation.WEIGHTED_AVERAGE
    sums: dict[tuple[str, date], tuple[int, Decimal, Decimal, Decimal]] = {}
    if connection.vendor == "postgresql":
        grouped: QuerySet[DataValue, Any] = values.values("period", "period_start").order_by()
        if is_weighted:
            grouped = grouped.annotate(
                weighted=Sum(F("value") * F("region__population")),
                weights=Sum("region__population"),
            )
        # COUNT(*), not COUNT(id): id is not in the covering index, so the scan stays index-only.
        rows = grouped.annotate(regions=Count("*"), total=Sum("value"))
        for row in rows:
            sums[(row["period"], row["period_start"])] = (
                row["regions"],
                Decimal(row["total"]),
                Decimal(row.get("weighted") or 0),
                Decimal(row.get("weights") or 0),
            )
    else:
        fields = ("period", "period_start", "value", "region__population")
        for period, start, value, population in values.values_list(*fields).iterator(
            chunk_size=5000
        ):
            count, total, weighted, weights = sums.get((period, start), (0, Decimal(0), 0, 0))
            weight = Decimal(population or 0)
            sums[(period, start)] = (
                count + 1,
                total + value,
                Decimal(weighted) + value * weight,
                Decimal(weights) + weight,
            )
    return [
        RollupPoint(
            period=period,
            period_start=start,
            regions=count,
            total=total,
            value=None
            if indicator.aggregation == Aggregation.NONE
            else _value(indicator, total, weighted, weights),
        )
        for (period, start), (count, total, weighted, weights) in sorted(
            sums.items(), key=lambda item: item[0][1]
        )
    ]
