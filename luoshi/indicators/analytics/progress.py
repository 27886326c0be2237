"""Progress towards a target (DESIGN §6): shares P and E, achieved, growth ratio R, anticipated A.

Notation: baseline y0 at time t0, latest y at time t, target y* at time T, direction d = +1
(more is better) or -1. Times are year-end coordinates (see timeaxis). Percent targets near 100
are assessed on the gap to 100 (100 - value, with the direction reversed).
"""

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from luoshi.indicators.analytics.figures import Figure, Input
from luoshi.indicators.analytics.numbers import CONTEXT, power, rounded, text

__all__ = [
    "NEAR_100_FROM",
    "ZERO_BASE",
    "Assessment",
    "ProgressInputs",
    "anticipated",
    "anticipated_band",
    "assess",
    "expected_share",
    "growth_rate",
    "growth_ratio",
    "growth_ratio_band",
    "is_achieved",
    "progress_share",
]

# A base value of 0 has no growth rate; Open SDG replaces it with 0.001.
ZERO_BASE = Decimal("0.001")
# Percent targets at or above this are assessed on the gap to 100 (DESIGN §6).
NEAR_100_FROM = Decimal(90)
HUNDRED = Decimal(100)

FORMULA_P = "P = (y − y0) / (y* − y0)"
FORMULA_E = "E = (t − t0) / (T − t0)"
FORMULA_G = "g(a, b, ta, tb) = (a / b)^(1 / (ta − tb)) − 1"
FORMULA_R = "R = d · g(y, y0, t, t0) / |g(y*, y0, T, t0)|"
FORMULA_YT = "a = (y / y0)^(1 / (t − t0)) − 1;  yT = y · (1 + a)^(T − t)"
FORMULA_A = "A = (yT − y0) / (y* − y0)"
GAP_PREFIX = "gap: y ↦ 100 − y, d ↦ −d;  "


@dataclass(frozen=True)
class ProgressInputs:
    baseline: Decimal
    baseline_time: Decimal
    latest: Decimal
    latest_time: Decimal
    target: Decimal
    target_time: Decimal
    direction: int = 1
    comparator: str = ">="
    target_min: Decimal | None = None
    is_percent: bool = False
    latest_period: str = ""

    @property
    def is_on_gap(self) -> bool:
        """Return whether the figures use the gap to 100 (a percent target near 100)."""
        return self.is_percent and NEAR_100_FROM <= self.target <= HUNDRED

    def on_gap(self) -> "ProgressInputs":
        """Return the same inputs expressed as gaps to 100, direction reversed."""
        return replace(
            self,
            baseline=HUNDRED - self.baseline,
            latest=HUNDRED - self.latest,
            target=HUNDRED - self.target,
            target_min=None if self.target_min is None else HUNDRED - self.target_min,
            direction=-self.direction,
        )


@dataclass(frozen=True)
class Assessment:
    inputs: ProgressInputs
    is_on_gap: bool
    progress_share: Figure
    expected_share: Figure
    achieved: Figure
    growth_ratio: Figure
    anticipated_value: Figure
    anticipated_share: Figure

    def figures(self) -> tuple[Figure, ...]:
        return (
            self.progress_share,
            self.expected_share,
            self.achieved,
            self.growth_ratio,
            self.anticipated_value,
            self.anticipated_share,
        )


def _inputs(x: ProgressInputs, *symbols: str) -> tuple[Input, ...]:
    values: dict[str, Decimal | int | str | None] = {
        "y0": x.baseline,
        "t0": x.baseline_time,
        "y": x.latest,
        "t": x.latest_time,
        "y*": x.target,
        "T": x.target_time,
        "d": x.direction,
    }
    notes = {"y": x.latest_period, "t": x.latest_period}
    return tuple(Input(s, values[s], notes.get(s, "")) for s in symbols)


def progress_share(x: ProgressInputs) -> Figure:
    """Return P, the share of the distance from baseline to target covered so far."""
    inputs = _inputs(x, "y", "y0", "y*")
    span = x.target - x.baseline
    if span == 0:
        return Figure("progress_share", None, FORMULA_P, inputs, note="target_equals_baseline")
    with localcontext(CONTEXT):
        value = rounded((x.latest - x.baseline) / span)
    substituted = (
        f"P = ({text(x.latest)} − {text(x.baseline)}) / ({text(x.target)} − {text(x.baseline)})"
        f" = {text(value)}"
    )
    return Figure("progress_share", value, FORMULA_P, inputs, substituted)


def expected_share(x: ProgressInputs) -> Figure:
    """Return E, the share of the time from baseline to target year elapsed at the latest value."""
    inputs = _inputs(x, "t", "t0", "T")
    span = x.target_time - x.baseline_time
    if span <= 0:
        return Figure("expected_share", None, FORMULA_E, inputs, note="target_not_after_baseline")
    with localcontext(CONTEXT):
        value = rounded((x.latest_time - x.baseline_time) / span)
    substituted = (
        f"E = ({text(x.latest_time)} − {text(x.baseline_time)}) / "
        f"({text(x.target_time)} − {text(x.baseline_time)}) = {text(value)}"
    )
    return Figure("expected_share", value, FORMULA_E, inputs, substituted)


def _meets(value: Decimal, x: ProgressInputs) -> bool:
    comparator = x.comparator
    if comparator == ">=":
        return value >= x.target
    if comparator == ">":
        return value > x.target
    if comparator == "<=":
        return value <= x.target
    if comparator == "<":
        return value < x.target
    if comparator == "=":
        return value == x.target
    if comparator == "range" and x.target_min is not None:
        return x.target_min <= value <= x.target
    return value >= x.target if x.direction > 0 else value <= x.target


def is_achieved(x: ProgressInputs) -> Figure:
    """Return whether the latest value meets the target (its comparator, else the direction)."""
    achieved = _meets(x.latest, x)
    formula = "d = +1: y ≥ y*;  d = −1: y ≤ y*  (or the target's comparator)"
    substituted = f"{text(x.latest)} {x.comparator} {text(x.target)}: {'✓' if achieved else '✗'}"
    return Figure(
        "achieved",
        None,
        formula,
        (*_inputs(x, "y", "y*", "d"), Input("comparator", x.comparator)),
        substituted,
        band="achieved" if achieved else "not_achieved",
    )


def growth_rate(
    a: Decimal, b: Decimal, ta: Decimal, tb: Decimal
) -> tuple[Decimal | None, tuple[str, ...]]:
    """Return g(a, b, ta, tb) = (a / b)^(1 / (ta − tb)) − 1 and notes; None when undefined."""
    notes: tuple[str, ...] = ()
    if ta == tb:
        return None, ("no_elapsed_time",)
    if b == 0:
        b = ZERO_BASE
        notes = ("zero_base_replaced",)
    if (a < 0 < b) or (b < 0 < a):
        return None, (*notes, "opposite_signs")
    with localcontext(CONTEXT) as ctx:
        ratio = ctx.divide(a, b)
        exponent = ctx.divide(Decimal(1), ta - tb)
        if ratio == 0 and exponent < 0:
            return None, (*notes, "zero_value")
        return power(ratio, exponent) - 1, notes


def growth_ratio_band(value: Decimal) -> str:
    """Return the band of a growth ratio: on_track, moderate, limited or moving_away."""
    if value >= Decimal("0.95"):
        return "on_track"
    if value >= Decimal("0.60"):
        return "moderate"
    if value >= 0:
        return "limited"
    return "moving_away"


def growth_ratio(x: ProgressInputs, *, formula_prefix: str = "") -> Figure:
    """Return R = d·g(y, y0, t, t0) / |g(y*, y0, T, t0)| with its band (Statistics Canada)."""
    formula = formula_prefix + FORMULA_R + ";  " + FORMULA_G
    inputs = _inputs(x, "y", "y0", "t", "t0", "y*", "T", "d")
    actual, notes_actual = growth_rate(x.latest, x.baseline, x.latest_time, x.baseline_time)
    required, notes_required = growth_rate(x.target, x.baseline, x.target_time, x.baseline_time)
    notes = tuple(dict.fromkeys((*notes_actual, *notes_required)))
    if actual is None or required is None:
        return Figure("growth_ratio", None, formula, inputs, note=notes[-1], notes=notes)
    if required == 0:
        return Figure(
            "growth_ratio", None, formula, inputs, note="target_equals_baseline", notes=notes
        )
    with localcontext(CONTEXT):
        value = rounded(x.direction * actual / abs(required))
    substituted = (
        f"g(y) = {text(rounded(actual))};  g(y*) = {text(rounded(required))};  "
        f"R = {x.direction:+d} · {text(rounded(actual))} / {text(rounded(abs(required)))}"
        f" = {text(value)}"
    )
    return Figure(
        "growth_ratio",
        value,
        formula,
        inputs,
        substituted,
        band=growth_ratio_band(value),
        note=notes[0] if notes else "",
        notes=notes,
    )


def anticipated_band(value: Decimal) -> str:
    """Return the band of an anticipated share: will_meet ... regressing (UN Progress Chart)."""
    if value >= Decimal("0.95"):
        return "will_meet"
    if value >= Decimal("0.5"):
        return "moderate"
    if value >= Decimal("0.1"):
        return "marginal"
    if value >= Decimal("-0.1"):
        return "stagnant"
    return "regressing"


def anticipated(x: ProgressInputs, *, formula_prefix: str = "") -> tuple[Figure, Figure]:
    """Return the value anticipated at T at the current CAGR, and its share A of the distance."""
    inputs = _inputs(x, "y", "y0", "t", "t0", "y*", "T")
    formula_value = formula_prefix + FORMULA_YT
    formula_share = formula_prefix + FORMULA_A
    rate, notes = growth_rate(x.latest, x.baseline, x.latest_time, x.baseline_time)
    if rate is None:
        missing = Figure("anticipated_value", None, formula_value, inputs, note=notes[-1])
        return missing, Figure(
            "anticipated_share", None, formula_share, inputs, note=notes[-1], notes=notes
        )
    with localcontext(CONTEXT):
        growth = 1 + rate
        value_at_target = rounded(x.latest * power(growth, x.target_time - x.latest_time))
    value_figure = Figure(
        "anticipated_value",
        value_at_target,
        formula_value,
        inputs,
        f"a = {text(rounded(rate))};  yT = {text(x.latest)} · (1 + {text(rounded(rate))})^"
        f"({text(x.target_time)} − {text(x.latest_time)}) = {text(value_at_target)}",
        note=notes[0] if notes else "",
        notes=notes,
    )
    span = x.target - x.baseline
    if span == 0:
        share = Figure(
            "anticipated_share", None, formula_share, inputs, note="target_equals_baseline"
        )
        return value_figure, share
    with localcontext(CONTEXT):
        share_value = rounded((value_at_target - x.baseline) / span)
    share = Figure(
        "anticipated_share",
        share_value,
        formula_share,
        (*inputs, Input("yT", value_at_target)),
        f"A = ({text(value_at_target)} − {text(x.baseline)}) / ({text(x.target)} − "
        f"{text(x.baseline)}) = {text(share_value)}",
        band=anticipated_band(share_value),
        note=notes[0] if notes else "",
        notes=notes,
    )
    return value_figure, share


def _back_from_gap(figure: Figure) -> Figure:
    """Return an anticipated value on the gap as a level again: yT = 100 − gapT."""
    if figure.value is None:
        return figure
    level = HUNDRED - figure.value
    return replace(
        figure,
        value=level,
        substituted=f"{figure.substituted};  yT = 100 − {text(figure.value)} = {text(level)}",
    )


def assess(x: ProgressInputs) -> Assessment:
    """Return every progress figure for one baseline, latest value and target."""
    on_gap = x.is_on_gap
    basis = x.on_gap() if on_gap else x
    prefix = GAP_PREFIX if on_gap else ""
    value, share = anticipated(basis, formula_prefix=prefix)
    return Assessment(
        inputs=x,
        is_on_gap=on_gap,
        # P, E and "achieved" are the same on levels and on gaps; they are shown on levels.
        progress_share=progress_share(x),
        expected_share=expected_share(x),
        achieved=is_achieved(x),
        growth_ratio=growth_ratio(basis, formula_prefix=prefix),
        anticipated_value=_back_from_gap(value) if on_gap else value,
        anticipated_share=share,
    )
