"""Split a province target over prefectures by population share, summing exactly to the total."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, localcontext

from luoshi.indicators.analytics.numbers import CONTEXT

__all__ = ["Share", "allocate_by_weight"]


@dataclass(frozen=True)
class Share:
    code: str
    weight: int
    share: Decimal
    value: Decimal


def allocate_by_weight(
    total: Decimal, weights: Sequence[tuple[str, int]], *, quantum: Decimal = Decimal(1)
) -> tuple[Share, ...]:
    """Return each code's share of total, rounded to quantum by largest remainder.

    Every value is a whole number of quanta and the values add up to the total exactly (when
    the total is itself a whole number of quanta), which plain rounding does not guarantee.
    """
    weight_sum = sum(w for _, w in weights)
    if weight_sum <= 0:
        raise ValueError("weights must add up to more than zero")
    with localcontext(CONTEXT):
        exact = [(code, w, total * w / weight_sum) for code, w in weights]
        floors = [
            (e / quantum).to_integral_value(rounding=ROUND_FLOOR) * quantum for *_, e in exact
        ]
        left = int(((total - sum(floors, Decimal(0))) / quantum).to_integral_value())
        # Largest remainders first; ties go to the earlier code so the result is stable.
        order = sorted(range(len(exact)), key=lambda i: (-(exact[i][2] - floors[i]), i))
        bumped = set(order[: max(left, 0)])
        return tuple(
            Share(
                code=code,
                weight=w,
                share=(Decimal(w) / weight_sum).quantize(Decimal("0.0000000001")),
                value=floors[i] + (quantum if i in bumped else 0),
            )
            for i, (code, w, _) in enumerate(exact)
        )
