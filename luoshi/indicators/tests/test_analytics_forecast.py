"""The time-weighted least-squares forecast against a hand computation (pure)."""

from decimal import Decimal

from luoshi.indicators.analytics import Observation, forecast
from luoshi.indicators.analytics.forecast import fit_line, t_quantile

POINTS = [
    Observation(Decimal(2016), Decimal(10), "2016"),
    Observation(Decimal(2017), Decimal(12), "2017"),
    Observation(Decimal(2018), Decimal(17), "2018"),
]


def test_weighted_line_matches_hand_computation() -> None:
    # Weights 1, 2, 3. With x' = x - 2016: x̄ = 4/3, ȳ = 85/6, Sxx = 10/3, Sxy = 38/3,
    # β = 3.8, α' = 9.1, so ŷ(2020) = 9.1 + 3.8 * 4 = 24.3.
    fit = fit_line(POINTS)
    assert fit is not None
    assert round(fit.slope, 6) == Decimal("3.800000")
    assert round(fit.value_at(Decimal(2016)), 6) == Decimal("9.100000")
    # Residuals 0.9, -0.9, 0.3: s² = (0.81 + 2 * 0.81 + 3 * 0.09) / 1 = 2.7
    assert round(fit.residual_variance, 6) == Decimal("2.700000")


def test_forecast_has_a_prediction_interval() -> None:
    # Var = 2.7 * (1/3 + 1/6 + (8/3)² / (10/3)) = 7.11; half-width = 12.706 * √7.11 = 33.880019
    figure, points = forecast(POINTS, Decimal(2020), times=[Decimal(2018), Decimal(2019)])
    assert figure.value == Decimal("24.300000")
    assert (figure.lower, figure.upper) == (Decimal("-9.580019"), Decimal("58.180019"))
    assert [p.time for p in points] == [Decimal(2018), Decimal(2019), Decimal(2020)]
    assert points[0].value == Decimal("16.700000")
    assert {i.symbol for i in figure.inputs} >= {"y", "T", "β", "α", "s²", "n", "t(0.975)"}


def test_fewer_than_three_points_give_no_forecast() -> None:
    figure, points = forecast(POINTS[:2], Decimal(2020))
    assert figure.value is None
    assert figure.note == "too_few_points"
    assert points == ()


def test_one_point_gives_no_forecast() -> None:
    figure, _ = forecast(POINTS[:1], Decimal(2020))
    assert figure.note == "too_few_points"


def test_points_at_one_time_give_no_line() -> None:
    same = [Observation(Decimal(2017), Decimal(v)) for v in (1, 2, 3)]
    figure, _ = forecast(same, Decimal(2020))
    assert figure.value is None
    assert figure.note == "no_time_spread"


def test_t_quantiles() -> None:
    assert t_quantile(1) == Decimal("12.706")
    assert t_quantile(10) == Decimal("2.228")
    assert t_quantile(200) == Decimal("1.96")
