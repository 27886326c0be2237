"""Periods: parsing, dates, ordering, stepping, spans and the elapsed share."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.periods import (
    Period,
    PeriodKind,
    elapsed_share,
    parse_period,
    period_containing,
    periods_between,
)


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2020", PeriodKind.YEAR, date(2020, 1, 1), date(2020, 12, 31)),
        ("2020H1", PeriodKind.HALF, date(2020, 1, 1), date(2020, 6, 30)),
        ("2020H2", PeriodKind.HALF, date(2020, 7, 1), date(2020, 12, 31)),
        ("2020Q1", PeriodKind.QUARTER, date(2020, 1, 1), date(2020, 3, 31)),
        ("2020Q3", PeriodKind.QUARTER, date(2020, 7, 1), date(2020, 9, 30)),
        ("2020Q4", PeriodKind.QUARTER, date(2020, 10, 1), date(2020, 12, 31)),
        ("2020-02", PeriodKind.MONTH, date(2020, 2, 1), date(2020, 2, 29)),
        ("2019-02", PeriodKind.MONTH, date(2019, 2, 1), date(2019, 2, 28)),
        ("2020-07", PeriodKind.MONTH, date(2020, 7, 1), date(2020, 7, 31)),
        ("2020-12", PeriodKind.MONTH, date(2020, 12, 1), date(2020, 12, 31)),
    ],
)
def test_parses_each_kind_with_its_dates(
    text: str, kind: PeriodKind, start: date, end: date
) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end, str(period)) == (kind, start, end, text)


@pytest.mark.parametrize(
    "text", ["", "20", "2020Q5", "2020Q0", "2020H3", "2020-13", "2020-00", "2020-7", "q3", "0999"]
)
def test_rejects_bad_text_naming_it(text: str) -> None:
    with pytest.raises(ValueError, match="is not a period") as error:
        parse_period(text)
    assert repr(text) in str(error.value)


def test_orders_longer_periods_first_when_they_start_together() -> None:
    texts = ["2020Q2", "2020-01", "2020Q1", "2020", "2019Q4", "2020H1"]
    assert [str(p) for p in sorted(parse_period(t) for t in texts)] == [
        "2019Q4",
        "2020",
        "2020H1",
        "2020Q1",
        "2020-01",
        "2020Q2",
    ]


def test_steps_across_year_ends() -> None:
    assert str(parse_period("2020Q4").next()) == "2021Q1"
    assert str(parse_period("2021Q1").previous()) == "2020Q4"
    assert str(parse_period("2020-12").next()) == "2021-01"
    assert str(parse_period("2020H2").next()) == "2021H1"
    assert str(parse_period("2020").previous()) == "2019"


def test_lists_periods_between_inclusive() -> None:
    periods = periods_between(parse_period("2017Q4"), parse_period("2018Q3"))
    assert [str(p) for p in periods] == ["2017Q4", "2018Q1", "2018Q2", "2018Q3"]
    assert periods_between(parse_period("2018Q3"), parse_period("2018Q2")) == []
    with pytest.raises(ValueError, match="different kinds"):
        periods_between(parse_period("2018Q3"), parse_period("2018"))


def test_finds_the_period_containing_a_day() -> None:
    assert str(period_containing(date(2020, 8, 15), PeriodKind.QUARTER)) == "2020Q3"
    assert str(period_containing(date(2020, 8, 15), PeriodKind.HALF)) == "2020H2"
    assert str(period_containing(date(2020, 8, 15), PeriodKind.MONTH)) == "2020-08"


def test_containment_and_labels() -> None:
    assert parse_period("2020").contains(parse_period("2020Q3"))
    assert not parse_period("2020H1").contains(parse_period("2020Q3"))
    assert parse_period("2020Q3").label_zh == "2020年第三季度"
    assert parse_period("2020H2").label_zh == "2020年下半年"


def test_elapsed_share_counts_whole_days_and_clamps() -> None:
    start, end = date(2020, 1, 1), date(2020, 1, 10)
    assert elapsed_share(start, end, date(2019, 12, 31)) == Decimal(0)
    assert elapsed_share(start, end, date(2020, 1, 1)) == Decimal("0.1000")
    assert elapsed_share(start, end, date(2020, 1, 5)) == Decimal("0.5000")
    assert elapsed_share(start, end, date(2020, 1, 10)) == Decimal(1)
    assert elapsed_share(start, end, date(2021, 1, 1)) == Decimal(1)
    assert elapsed_share(date(2017, 8, 2), date(2020, 12, 31), date(2018, 12, 31)) == Decimal(
        "0.4143"
    )


periods = st.one_of(
    st.builds(Period, st.integers(1900, 2999), st.just(PeriodKind.YEAR), st.just(1)),
    st.builds(Period, st.integers(1900, 2999), st.just(PeriodKind.HALF), st.integers(1, 2)),
    st.builds(Period, st.integers(1900, 2999), st.just(PeriodKind.QUARTER), st.integers(1, 4)),
    st.builds(Period, st.integers(1900, 2999), st.just(PeriodKind.MONTH), st.integers(1, 12)),
)


@given(periods)
def test_text_round_trips(period: Period) -> None:
    assert parse_period(str(period)) == period


@given(periods, periods)
def test_ordering_follows_start_dates(a: Period, b: Period) -> None:
    if a.start < b.start:
        assert a < b
    if a < b:
        assert a.start <= b.start


@given(periods)
def test_next_and_previous_are_inverse_and_adjacent(period: Period) -> None:
    if period.year < 2999:
        following = period.next()
        assert following.previous() == period
        assert (following.start - period.end).days == 1


@given(st.text(max_size=12))
def test_any_text_is_a_period_or_a_value_error(text: str) -> None:
    try:
        period = parse_period(text)
    except ValueError:
        return
    assert str(period) == text.strip()


@given(st.dates(), st.dates(), st.dates())
def test_elapsed_share_stays_within_zero_and_one(a: date, b: date, today: date) -> None:
    start, end = min(a, b), max(a, b)
    assert Decimal(0) <= elapsed_share(start, end, today) <= Decimal(1)
