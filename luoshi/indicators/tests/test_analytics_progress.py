"""DESIGN §6 formulas against values computed by hand (pure: no database)."""

from decimal import Decimal

from luoshi.indicators.analytics import ProgressInputs, assess
from luoshi.indicators.analytics.progress import (
    anticipated_band,
    growth_rate,
    growth_ratio_band,
)


def _inputs(**overrides: object) -> ProgressInputs:
    values: dict[str, object] = {
        "baseline": Decimal(100),
        "baseline_time": Decimal(2016),
        "latest": Decimal(121),
        "latest_time": Decimal(2018),
        "target": Decimal(200),
        "target_time": Decimal(2020),
    }
    values.update(overrides)
    return ProgressInputs(**values)  # type: ignore[arg-type]


def test_growing_indicator_matches_hand_computation() -> None:
    # g(y) = (121/100)^(1/2) - 1 = 0.1; g(y*) = 2^(1/4) - 1 = 0.189207115...; R = 0.528521
    a = assess(_inputs())
    assert a.progress_share.value == Decimal("0.210000")
    assert a.expected_share.value == Decimal("0.500000")
    assert a.achieved.band == "not_achieved"
    assert a.growth_ratio.value == Decimal("0.528521")
    assert a.growth_ratio.band == "limited"
    # yT = 121 * 1.1^2 = 146.41; A = 46.41 / 100
    assert a.anticipated_value.value == Decimal("146.410000")
    assert a.anticipated_share.value == Decimal("0.464100")
    assert a.anticipated_share.band == "marginal"


def test_decreasing_indicator_uses_direction() -> None:
    # g(y) = 0.81^(1/2) - 1 = -0.1; g(y*) = 0.5^(1/4) - 1 = -0.159104; R = -(-0.1)/0.159104
    a = assess(
        _inputs(
            baseline=Decimal(50),
            latest=Decimal("40.5"),
            target=Decimal(25),
            direction=-1,
            comparator="<=",
        )
    )
    assert a.progress_share.value == Decimal("0.380000")
    assert a.growth_ratio.value == Decimal("0.628521")
    assert a.growth_ratio.band == "moderate"
    assert a.anticipated_value.value == Decimal("32.805000")
    assert a.anticipated_share.value == Decimal("0.687800")
    assert a.anticipated_share.band == "moderate"


def test_every_figure_carries_formula_and_inputs() -> None:
    a = assess(_inputs())
    r = a.growth_ratio
    assert r.formula.startswith("R = d · g(y, y0, t, t0) / |g(y*, y0, T, t0)|")
    assert {i.symbol: i.value for i in r.inputs} == {
        "y": Decimal(121),
        "y0": Decimal(100),
        "t": Decimal(2018),
        "t0": Decimal(2016),
        "y*": Decimal(200),
        "T": Decimal(2020),
        "d": 1,
    }
    assert r.substituted == "g(y) = 0.1;  g(y*) = 0.189207;  R = +1 · 0.1 / 0.189207 = 0.528521"


def test_baseline_zero_is_replaced_by_one_thousandth() -> None:
    # g(5, 0.001, 2018, 2016) = 5000^(1/2) - 1 = 69.710678; g(10, 0.001, 2020, 2016) =
    # 10000^(1/4) - 1 = 9; R = 69.710678 / 9 = 7.745631
    a = assess(
        _inputs(
            baseline=Decimal(0),
            latest=Decimal(5),
            target=Decimal(10),
            baseline_time=Decimal(2016),
            latest_time=Decimal(2018),
        )
    )
    assert a.growth_ratio.notes == ("zero_base_replaced",)
    assert a.growth_ratio.value == Decimal("7.745631")
    assert a.progress_share.value == Decimal("0.500000")


def test_opposite_signs_are_not_computed() -> None:
    a = assess(_inputs(baseline=Decimal(-10), latest=Decimal(5), target=Decimal(20)))
    assert a.growth_ratio.value is None
    assert a.growth_ratio.note == "opposite_signs"
    assert a.anticipated_share.value is None
    assert a.progress_share.value == Decimal("0.500000")


def test_negative_values_of_one_sign_are_computed() -> None:
    # Losses shrinking from -100 to -81 over 2 years towards -50 (less is better? no: more).
    a = assess(_inputs(baseline=Decimal(-100), latest=Decimal(-81), target=Decimal(-50)))
    # g(y) = 0.81^(1/2) - 1 = -0.1; g(y*) = 0.5^(1/4) - 1 = -0.159104; d = +1
    assert a.growth_ratio.value == Decimal("-0.628521")
    assert a.growth_ratio.band == "moving_away"
    assert a.progress_share.value == Decimal("0.380000")


def test_target_already_met() -> None:
    a = assess(_inputs(latest=Decimal(210)))
    assert a.achieved.band == "achieved"
    assert a.progress_share.value == Decimal("1.100000")
    assert a.growth_ratio.band == "on_track"


def test_latest_at_baseline_time_is_not_computed() -> None:
    a = assess(_inputs(latest_time=Decimal(2016), latest=Decimal(100)))
    assert a.growth_ratio.value is None
    assert a.growth_ratio.note == "no_elapsed_time"
    assert a.expected_share.value == Decimal("0.000000")


def test_target_equal_to_baseline_has_no_progress_share() -> None:
    a = assess(_inputs(target=Decimal(100)))
    assert a.progress_share.value is None
    assert a.progress_share.note == "target_equals_baseline"
    assert a.growth_ratio.value is None


def test_percent_near_100_uses_the_gap() -> None:
    # Villages with broadband: 93% (2016) -> 96.5% (2018), target 98% (2020).
    # Gaps: 7 -> 3.5, target 2; d' = -1. g(gap) = 0.5^(1/2) - 1 = -0.292893;
    # g(gap*) = (2/7)^(1/4) - 1 = -0.268890; R = -(-0.292893)/0.268890 = 1.089270.
    a = assess(
        _inputs(baseline=Decimal(93), latest=Decimal("96.5"), target=Decimal(98), is_percent=True)
    )
    assert a.is_on_gap is True
    assert a.growth_ratio.value == Decimal("1.089270")
    assert a.growth_ratio.band == "on_track"
    assert a.growth_ratio.formula.startswith("gap: y ↦ 100 − y, d ↦ −d;")
    # Gap CAGR -0.292893 -> gap at 2020 = 3.5 * 0.5 = 1.75 -> yT = 98.25; A = 5.25 / 5
    assert a.anticipated_value.value == Decimal("98.250000")
    assert a.anticipated_share.value == Decimal("1.050000")
    assert a.progress_share.value == Decimal("0.700000")


def test_percent_far_from_100_uses_levels() -> None:
    a = assess(
        _inputs(baseline=Decimal(20), latest=Decimal(30), target=Decimal(60), is_percent=True)
    )
    assert a.is_on_gap is False


def test_growth_rate_definition() -> None:
    assert growth_rate(Decimal(121), Decimal(100), Decimal(2), Decimal(0)) == (Decimal("0.1"), ())
    assert growth_rate(Decimal(1), Decimal(1), Decimal(1), Decimal(1)) == (
        None,
        ("no_elapsed_time",),
    )


def test_bands_at_their_edges() -> None:
    assert [
        growth_ratio_band(Decimal(x)) for x in ("0.95", "0.9499", "0.60", "0.5999", "0", "-0.01")
    ] == [
        "on_track",
        "moderate",
        "moderate",
        "limited",
        "limited",
        "moving_away",
    ]
    assert [anticipated_band(Decimal(x)) for x in ("0.95", "0.5", "0.1", "-0.1", "-0.1001")] == [
        "will_meet",
        "moderate",
        "marginal",
        "stagnant",
        "regressing",
    ]
