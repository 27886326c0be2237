"""Validation rules over stored values: jumps, outliers, sums, ranges; blocking or warning."""

from decimal import Decimal

from luoshi.indicators.actions import do_create_validation_rule
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value
from luoshi.indicators.validation import evaluate


def test_jump_and_outlier_are_listed_per_region_and_period(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, unit="万户")
    series = ["100", "101", "102", "103", "200", "104"]
    periods = ["2018Q1", "2018Q2", "2018Q3", "2018Q4", "2019Q1", "2019Q2"]
    for period, value in zip(periods, series, strict=True):
        make_value(indicator, gansu.lanzhou, period, value)
    found = [(v.rule_kind, v.region_code, v.period, v.code) for v in evaluate(gansu.program)]
    assert found == [
        ("jump", "620100", "2019Q1", "jump"),
        ("outlier", "620100", "2019Q1", "outlier"),
    ]
    outlier = next(v for v in evaluate(gansu.program) if v.rule_kind == "outlier")
    # median 102.5, MAD 1.5: M = 0.6745 * 97.5 / 1.5 = 43.8425
    assert outlier.params == {"score": "43.8425", "threshold": "3.5", "median": "102.5"}
    assert outlier.is_blocking is False


def test_range_rule_for_one_indicator(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, unit="万户")
    do_create_validation_rule(
        gansu.program,
        kind="range",
        indicator=indicator,
        min_value=Decimal(0),
        max_value=Decimal(5000),
        importance="high",
        acting_user=gansu.office,
    )
    make_value(indicator, gansu.lanzhou, "2018Q1", "6000")
    found = evaluate(gansu.program, periods={"2018Q1"})
    assert [(v.rule_kind, v.params, v.is_blocking) for v in found] == [
        ("range", {"value": "6000", "min": "0", "max": "5000"}, True)
    ]


def test_weighted_average_compared_with_province(gansu: Gansu) -> None:
    indicator = make_indicator(
        gansu, "pct", unit="%", aggregation="weighted_average", period_type="year", target=None
    )
    for region in gansu.prefectures:
        make_value(indicator, region, "2019", "90")
    make_value(indicator, gansu.province, "2019", "90.5")
    assert [v.code for v in evaluate(gansu.program)] == []
    make_value(indicator, gansu.province, "2020", "95")
    for region in gansu.prefectures:
        make_value(indicator, region, "2020", "90")
    found = evaluate(gansu.program, periods={"2020"})
    assert [(v.code, v.params["gap"]) for v in found] == [("sum_vs_total", "0.052632")]
