"""Aggregate prefecture values to a province figure: a sum or a population-weighted average."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from luoshi.indicators.analytics.figures import Figure, Input
from luoshi.indicators.analytics.numbers import CONTEXT, rounded, text

__all__ = ["SUM", "WEIGHTED_AVERAGE", "Part", "aggregate"]

SUM = "sum"
WEIGHTED_AVERAGE = "weighted_average"
FORMULAS = {SUM: "Σ y_i", WEIGHTED_AVERAGE: "Σ(y_i · p_i) / Σ p_i  (p_i = population)"}


@dataclass(frozen=True)
class Part:
    code: str
    value: Decimal
    weight: int = 1


def aggregate(method: str, parts: Sequence[Part]) -> Figure:
    """Return the sum or population-weighted average of the parts; None for other methods."""
    formula = FORMULAS.get(method, "—")
    inputs = tuple(
        Input(part.code, part.value, f"p = {part.weight}" if method == WEIGHTED_AVERAGE else "")
        for part in parts
    )
    if method not in FORMULAS:
        return Figure("aggregate", None, formula, inputs, note="not_aggregated")
    if not parts:
        return Figure("aggregate", None, formula, inputs, note="no_values")
    with localcontext(CONTEXT):
        if method == SUM:
            value = sum((part.value for part in parts), Decimal(0))
        else:
            total_weight = sum(part.weight for part in parts)
            if total_weight <= 0:
                return Figure("aggregate", None, formula, inputs, note="no_weights")
            weighted = sum((part.value * part.weight for part in parts), Decimal(0))
            value = rounded(weighted / total_weight)
    return Figure("aggregate", value, formula, inputs, f"{formula} = {text(value)} ({len(parts)})")
