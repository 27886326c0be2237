"""The time axis of the analytics: a period's end as a fractional year (end of 2016 = 2016)."""

from decimal import Decimal

from luoshi.core.periods import Period, PeriodKind

__all__ = ["period_time", "year_time"]

_PER_YEAR = {PeriodKind.YEAR: 1, PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}


def period_time(period: Period) -> Decimal:
    """Return the end of the period in years: 2016 -> 2016, 2017Q2 -> 2016.5, 2017-03 -> 2016.25."""
    per_year = _PER_YEAR[period.kind]
    return Decimal(period.year - 1) + Decimal(period.index) / Decimal(per_year)


def year_time(year: int) -> Decimal:
    """Return the end of a calendar year on the same axis (a baseline or target year)."""
    return Decimal(year)
