"""Round dates, which periods a schedule opens on a day, and which reminder is due."""

from datetime import date

import pytest

from luoshi.core.periods import parse_period
from luoshi.supervision.schedule import Frequency, periods_to_open, reminder_due, round_dates


def test_round_dates_follow_the_period_end() -> None:
    dates = round_dates(parse_period("2020Q1"), due_days=5, open_days_before_end=5, lock_days=10)
    assert (dates.opens_on, dates.due_on, dates.locks_on) == (
        date(2020, 3, 26),
        date(2020, 4, 5),
        date(2020, 4, 15),
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2020, 3, 25), []),
        (date(2020, 3, 26), ["2020Q1"]),
        (date(2020, 4, 5), ["2020Q1"]),
        (date(2020, 4, 6), []),
        (date(2019, 12, 31), []),
    ],
)
def test_opens_quarterly_rounds_between_opening_and_due(today: date, expected: list[str]) -> None:
    periods = periods_to_open(
        Frequency.QUARTERLY, today, starts_on=date(2020, 1, 1), due_days=5, open_days_before_end=5
    )
    assert [str(p) for p in periods] == expected


def test_monthly_rounds_with_a_long_due_delay_overlap() -> None:
    periods = periods_to_open(
        Frequency.MONTHLY,
        date(2020, 3, 28),
        starts_on=date(2020, 1, 1),
        due_days=40,
        open_days_before_end=5,
    )
    assert [str(p) for p in periods] == ["2020-02", "2020-03"]


@pytest.mark.parametrize(
    ("today", "key"),
    [
        (date(2020, 4, 1), None),
        (date(2020, 4, 2), "before-3"),
        (date(2020, 4, 3), "before-3"),
        (date(2020, 4, 4), "before-1"),
        (date(2020, 4, 5), "before-1"),
        (date(2020, 4, 6), "after-1"),
        (date(2020, 4, 11), "after-1"),
        (date(2020, 4, 12), "after-7"),
    ],
)
def test_only_the_latest_reminder_is_due(today: date, key: str | None) -> None:
    assert reminder_due(date(2020, 4, 5), today) == key
