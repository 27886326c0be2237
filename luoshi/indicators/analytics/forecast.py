"""A time-weighted least-squares line through the observations, and its value at the target year.

Weights are the observations' ranks in time (1 for the oldest, n for the newest), so recent
points count more. The prediction interval at time x0 is

    ŷ(x0) ± t(0.975, n − 2) · s · √(1/w0 + 1/Σw + (x0 − x̄)² / Sxx)

with s² = Σ w·r² / (n − 2), x̄ the weighted mean time, Sxx = Σ w·(x − x̄)², and w0 = n (a new
point weighs as much as the newest one). Needs at least three observations.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from luoshi.indicators.analytics.figures import Figure, Input
from luoshi.indicators.analytics.numbers import CONTEXT, rounded, text

__all__ = ["MIN_POINTS", "Fit", "ForecastPoint", "Observation", "fit_line", "forecast"]

MIN_POINTS = 3
FORMULA = (
    "ŷ = α + β·x (weights w_i = i);  β = Σw(x − x̄)(y − ȳ) / Σw(x − x̄)²;  "
    "PI = ŷ(T) ± t(0.975, n−2) · s · √(1/w0 + 1/Σw + (T − x̄)²/Sxx)"
)

# Two-sided 95% Student t quantiles by degrees of freedom; above 30 the normal 1.96 is used.
_T_975 = {
    1: "12.706",
    2: "4.303",
    3: "3.182",
    4: "2.776",
    5: "2.571",
    6: "2.447",
    7: "2.365",
    8: "2.306",
    9: "2.262",
    10: "2.228",
    11: "2.201",
    12: "2.179",
    13: "2.160",
    14: "2.145",
    15: "2.131",
    16: "2.120",
    17: "2.110",
    18: "2.101",
    19: "2.093",
    20: "2.086",
    21: "2.080",
    22: "2.074",
    23: "2.069",
    24: "2.064",
    25: "2.060",
    26: "2.056",
    27: "2.052",
    28: "2.048",
    29: "2.045",
    30: "2.042",
}


def t_quantile(degrees_of_freedom: int) -> Decimal:
    """Return the 97.5% Student t quantile for the degrees of freedom."""
    return Decimal(_T_975.get(degrees_of_freedom, "1.96"))


@dataclass(frozen=True)
class Observation:
    time: Decimal
    value: Decimal
    period: str = ""


@dataclass(frozen=True)
class Fit:
    intercept: Decimal
    slope: Decimal
    mean_time: Decimal
    sum_weights: Decimal
    sxx: Decimal
    residual_variance: Decimal
    newest_weight: Decimal
    degrees_of_freedom: int

    def value_at(self, time: Decimal) -> Decimal:
        with localcontext(CONTEXT):
            return self.intercept + self.slope * time

    def half_width_at(self, time: Decimal) -> Decimal:
        with localcontext(CONTEXT) as ctx:
            spread = (
                1 / self.newest_weight
                + 1 / self.sum_weights
                + (time - self.mean_time) ** 2 / self.sxx
            )
            variance = self.residual_variance * spread
            return t_quantile(self.degrees_of_freedom) * ctx.sqrt(variance)


@dataclass(frozen=True)
class ForecastPoint:
    time: Decimal
    value: Decimal
    lower: Decimal
    upper: Decimal


def fit_line(observations: Sequence[Observation]) -> Fit | None:
    """Return the time-weighted least-squares line, or None for fewer than three points."""
    points = sorted(observations, key=lambda o: o.time)
    n = len(points)
    if n < MIN_POINTS:
        return None
    with localcontext(CONTEXT):
        weights = [Decimal(i) for i in range(1, n + 1)]
        sum_w = sum(weights, Decimal(0))
        mean_x = sum((w * p.time for w, p in zip(weights, points, strict=True)), Decimal(0)) / sum_w
        mean_y = (
            sum((w * p.value for w, p in zip(weights, points, strict=True)), Decimal(0)) / sum_w
        )
        sxx = sum(
            (w * (p.time - mean_x) ** 2 for w, p in zip(weights, points, strict=True)), Decimal(0)
        )
        if sxx == 0:
            return None
        sxy = sum(
            (
                w * (p.time - mean_x) * (p.value - mean_y)
                for w, p in zip(weights, points, strict=True)
            ),
            Decimal(0),
        )
        slope = sxy / sxx
        intercept = mean_y - slope * mean_x
        residuals = sum(
            (
                w * (p.value - (intercept + slope * p.time)) ** 2
                for w, p in zip(weights, points, strict=True)
            ),
            Decimal(0),
        )
        return Fit(
            intercept=intercept,
            slope=slope,
            mean_time=mean_x,
            sum_weights=sum_w,
            sxx=sxx,
            residual_variance=residuals / (n - 2),
            newest_weight=weights[-1],
            degrees_of_freedom=n - 2,
        )


def forecast(
    observations: Sequence[Observation], target_time: Decimal, *, times: Sequence[Decimal] = ()
) -> tuple[Figure, tuple[ForecastPoint, ...]]:
    """Return the forecast at the target time with its 95% interval, and points for a chart."""
    inputs = tuple(Input("y", o.value, o.period or text(o.time)) for o in observations)
    inputs = (*inputs, Input("T", target_time))
    fit = fit_line(observations)
    if fit is None:
        note = "too_few_points" if len(observations) < MIN_POINTS else "no_time_spread"
        return Figure("forecast", None, FORMULA, inputs, note=note), ()
    value = rounded(fit.value_at(target_time))
    half = rounded(fit.half_width_at(target_time))
    figure = Figure(
        "forecast",
        value,
        FORMULA,
        (
            *inputs,
            Input("β", rounded(fit.slope)),
            Input("α", rounded(fit.intercept)),
            Input("s²", rounded(fit.residual_variance)),
            Input("n", len(observations)),
            Input("t(0.975)", t_quantile(fit.degrees_of_freedom)),
        ),
        f"ŷ({text(target_time)}) = {text(value)};  95% PI = [{text(rounded(value - half))}, "
        f"{text(rounded(value + half))}]",
        lower=rounded(value - half),
        upper=rounded(value + half),
    )
    points = tuple(
        ForecastPoint(
            time=time,
            value=rounded(fit.value_at(time)),
            lower=rounded(fit.value_at(time) - fit.half_width_at(time)),
            upper=rounded(fit.value_at(time) + fit.half_width_at(time)),
        )
        for time in (*times, target_time)
    )
    return figure, points
