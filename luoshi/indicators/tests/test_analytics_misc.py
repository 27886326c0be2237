"""Aggregation, allocation, rule arithmetic, ranking, lights, value parsing (pure)."""

from decimal import Decimal

import pytest

from luoshi.core.periods import parse_period
from luoshi.indicators.analytics import (
    Part,
    ProgressInputs,
    aggregate,
    allocate_by_weight,
    assess,
    light_for,
    period_time,
    rank,
)
from luoshi.indicators.analytics.checks import (
    is_integral,
    median,
    modified_z_scores,
    relative_change,
    relative_gap,
)
from luoshi.indicators.dhis2 import from_dhis2_period, to_dhis2_period
from luoshi.indicators.parsing import ValueParseError, parse_value


def test_sum_is_exact_for_tenths() -> None:
    figure = aggregate("sum", [Part("a", Decimal("0.1")), Part("b", Decimal("0.2"))])
    assert figure.value == Decimal("0.3")
    assert figure.formula == "Σ y_i"


def test_population_weighted_average() -> None:
    # (90 * 300 + 96 * 100) / 400 = 91.5
    figure = aggregate(
        "weighted_average", [Part("a", Decimal(90), 300), Part("b", Decimal(96), 100)]
    )
    assert figure.value == Decimal("91.500000")
    assert [(i.symbol, i.value, i.note) for i in figure.inputs] == [
        ("a", Decimal(90), "p = 300"),
        ("b", Decimal(96), "p = 100"),
    ]


def test_no_aggregation() -> None:
    assert aggregate("none", [Part("a", Decimal(1))]).note == "not_aggregated"
    assert aggregate("sum", []).note == "no_values"


def test_allocation_sums_exactly_to_the_total() -> None:
    shares = allocate_by_weight(Decimal(100), [("a", 1), ("b", 1), ("c", 1)])
    assert [(s.code, s.value) for s in shares] == [
        ("a", Decimal(34)),
        ("b", Decimal(33)),
        ("c", Decimal(33)),
    ]
    assert sum(s.value for s in shares) == Decimal(100)


def test_allocation_by_population_share() -> None:
    shares = allocate_by_weight(Decimal(1000), [("a", 4359446), ("b", 1000000)])
    # 1000 * 4359446 / 5359446 = 813.41...; 186.58...
    assert [s.value for s in shares] == [Decimal(813), Decimal(187)]
    assert shares[0].share == Decimal("0.8134135506")


def test_allocation_with_decimals() -> None:
    shares = allocate_by_weight(Decimal("1.00"), [("a", 1), ("b", 2)], quantum=Decimal("0.01"))
    assert [s.value for s in shares] == [Decimal("0.33"), Decimal("0.67")]


def test_rule_arithmetic() -> None:
    assert is_integral(Decimal("3.000")) is True
    assert is_integral(Decimal("3.5")) is False
    assert relative_gap(Decimal(101), Decimal(100)) == Decimal("0.010000")
    assert relative_gap(Decimal(1), Decimal(0)) is None
    assert relative_gap(Decimal(0), Decimal(0)) == Decimal(0)
    assert relative_change(Decimal(100), Decimal(160)) == Decimal("0.600000")
    assert median([Decimal(3), Decimal(1), Decimal(2), Decimal(10)]) == Decimal("2.5")


def test_modified_z_scores_flag_an_outlier() -> None:
    scores = modified_z_scores([Decimal(10), Decimal(11), Decimal(12), Decimal(11), Decimal(50)])
    # median 11, MAD 1: M = 0.6745 * (x - 11)
    assert scores == [
        Decimal("-0.674500"),
        Decimal(0),
        Decimal("0.674500"),
        Decimal(0),
        Decimal("26.305500"),
    ]


def test_modified_z_scores_when_mad_is_zero() -> None:
    # median 5, MAD 0; mean absolute deviation = 5/5 = 1: M = (x - 5) / 1.253314
    scores = modified_z_scores([Decimal(5), Decimal(5), Decimal(5), Decimal(5), Decimal(10)])
    assert scores[-1] == Decimal("3.989423")
    assert modified_z_scores([Decimal(1), Decimal(1)]) == [Decimal(0), Decimal(0)]


def test_ranking_shares_ranks_on_ties_and_puts_missing_last() -> None:
    ranked = rank(
        [("a", "A", Decimal(1)), ("b", "B", Decimal(2)), ("c", "C", Decimal(1)), ("d", "D", None)]
    )
    assert [(r.code, r.rank) for r in ranked] == [("b", 1), ("a", 2), ("c", 2), ("d", None)]


def test_light_follows_achievement_then_growth_ratio() -> None:
    def inputs(latest: int) -> ProgressInputs:
        return ProgressInputs(
            baseline=Decimal(100),
            baseline_time=Decimal(2016),
            latest=Decimal(latest),
            latest_time=Decimal(2018),
            target=Decimal(200),
            target_time=Decimal(2020),
        )

    assert light_for(assess(inputs(121))).color == "red"
    assert light_for(assess(inputs(210))).rule == "achieved"
    assert light_for(None).color == "grey"


def test_period_time_axis() -> None:
    assert period_time(parse_period("2016")) == Decimal(2016)
    assert period_time(parse_period("2017Q2")) == Decimal("2016.5")
    assert period_time(parse_period("2018H1")) == Decimal("2017.5")
    assert period_time(parse_period("2017-03")) == Decimal("2016.25")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("22038400", Decimal(22038400)),
        ("1,234.5", Decimal("1234.5")),
        (" 0.1 ", Decimal("0.1")),
        ("1E+3", Decimal(1000)),
    ],
)
def test_parse_value(text: str, value: Decimal) -> None:
    assert parse_value(text) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abc", "not_a_number"),
        ("NaN", "not_a_number"),
        ("1.1234567", "too_many_decimals"),
        ("1" * 19, "too_large"),
        ("1,2", "not_a_number"),
    ],
)
def test_parse_value_refuses(text: str, code: str) -> None:
    with pytest.raises(ValueParseError) as error:
        parse_value(text)
    assert error.value.code == code


def test_dhis2_periods() -> None:
    assert to_dhis2_period(parse_period("2020-07")) == "202007"
    assert to_dhis2_period(parse_period("2020H2")) == "2020S2"
    assert to_dhis2_period(parse_period("2020Q3")) == "2020Q3"
    assert str(from_dhis2_period("202007")) == "2020-07"
    assert str(from_dhis2_period("2020S1")) == "2020H1"
    assert str(from_dhis2_period("2020")) == "2020"
