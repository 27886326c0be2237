"""The arithmetic of the validation rules: ranges, sums against totals, jumps and outliers."""

from collections.abc import Sequence
from decimal import Decimal, localcontext

from luoshi.indicators.analytics.numbers import CONTEXT, rounded

__all__ = [
    "MAD_FACTOR",
    "MEAN_AD_FACTOR",
    "OUTLIER_THRESHOLD",
    "is_integral",
    "median",
    "modified_z_scores",
    "relative_change",
    "relative_gap",
]

# Iglewicz & Hoaglin: M = 0.6745 (x − median) / MAD; |M| > 3.5 is an outlier. When MAD is 0
# the mean absolute deviation stands in, scaled by 1.253314 (IBM SPSS convention).
MAD_FACTOR = Decimal("0.6745")
MEAN_AD_FACTOR = Decimal("1.253314")
OUTLIER_THRESHOLD = Decimal("3.5")


def is_integral(value: Decimal) -> bool:
    """Return whether the value is a whole number."""
    return value == value.to_integral_value()


def median(values: Sequence[Decimal]) -> Decimal:
    """Return the median of a non-empty sequence."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("median of nothing")
    middle = n // 2
    if n % 2:
        return ordered[middle]
    with localcontext(CONTEXT):
        return (ordered[middle - 1] + ordered[middle]) / 2


def relative_gap(parts_total: Decimal, total: Decimal) -> Decimal | None:
    """Return |parts − total| / |total|, or None when the total is 0 and the parts are not."""
    if total == 0:
        return Decimal(0) if parts_total == 0 else None
    with localcontext(CONTEXT):
        return rounded(abs(parts_total - total) / abs(total))


def relative_change(previous: Decimal, current: Decimal) -> Decimal | None:
    """Return |current − previous| / |previous|, or None when previous is 0 and current is not."""
    return relative_gap(current, previous)


def modified_z_scores(values: Sequence[Decimal]) -> list[Decimal]:
    """Return the modified z-score of each value (0 for all when the values do not vary)."""
    if not values:
        return []
    center = median(values)
    with localcontext(CONTEXT):
        deviations = [abs(v - center) for v in values]
        mad = median(deviations)
        if mad != 0:
            return [rounded(MAD_FACTOR * (v - center) / mad) for v in values]
        mean_ad = sum(deviations, Decimal(0)) / len(values)
        if mean_ad == 0:
            return [Decimal(0) for _ in values]
        return [rounded((v - center) / (MEAN_AD_FACTOR * mean_ad)) for v in values]
