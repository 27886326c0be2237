"""Reporting periods (2020, 2020H1, 2020Q3, 2020-07): one parser, one ordering, dates, spans."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import total_ordering

__all__ = [
    "Period",
    "PeriodKind",
    "elapsed_share",
    "parse_period",
    "period_containing",
    "periods_between",
]

MIN_YEAR = 1900
MAX_YEAR = 2999

_PATTERN = re.compile(r"(?P<year>\d{4})(?:(?P<half>H[12])|(?P<quarter>Q[1-4])|-(?P<month>\d{2}))?")


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"


# Months per period of each kind; index counts from 1 within the year.
_MONTHS = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}
# Longer periods sort before shorter ones that start on the same day (2020 < 2020H1 < 2020Q1).
_KIND_RANK = {PeriodKind.YEAR: 0, PeriodKind.HALF: 1, PeriodKind.QUARTER: 2, PeriodKind.MONTH: 3}


@total_ordering
@dataclass(frozen=True)
class Period:
    """One calendar period: a year, a half-year, a quarter or a month."""

    year: int
    kind: PeriodKind
    index: int = 1

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"period year {self.year} is outside {MIN_YEAR}..{MAX_YEAR}")
        count = 12 // _MONTHS[self.kind]
        if not 1 <= self.index <= count:
            raise ValueError(f"{self.kind} index {self.index} is outside 1..{count}")

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}H{self.index}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    def _key(self) -> tuple[date, int]:
        return (self.start, _KIND_RANK[self.kind])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _MONTHS[self.kind] + 1

    @property
    def start(self) -> date:
        """Return the first day of the period."""
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        """Return the last day of the period."""
        last_month = self.first_month + _MONTHS[self.kind] - 1
        if last_month == 12:
            return date(self.year, 12, 31)
        return date(self.year, last_month + 1, 1) - timedelta(days=1)

    @property
    def label_zh(self) -> str:
        """Return the period as Chinese readers write it (2020年第三季度)."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}年"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{'一二三四'[self.index - 1]}季度"
        return f"{self.year}年{self.index}月"

    def next(self) -> "Period":
        """Return the period of the same kind that follows this one."""
        count = 12 // _MONTHS[self.kind]
        if self.index == count:
            return Period(self.year + 1, self.kind, 1)
        return Period(self.year, self.kind, self.index + 1)

    def previous(self) -> "Period":
        """Return the period of the same kind that precedes this one."""
        if self.index == 1:
            return Period(self.year - 1, self.kind, 12 // _MONTHS[self.kind])
        return Period(self.year, self.kind, self.index - 1)

    def contains(self, other: "Period") -> bool:
        """Return whether the other period lies wholly inside this one."""
        return self.start <= other.start and other.end <= self.end

    def contains_day(self, day: date) -> bool:
        """Return whether the day falls inside the period."""
        return self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """Return the period a string names; raise ValueError naming the text when it names none."""
    if not isinstance(text, str):
        raise ValueError(f"period must be text, not {type(text).__name__}: {text!r}")
    match = _PATTERN.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"{text!r} is not a period: write 2020, 2020H1, 2020Q3 or 2020-07 "
            f"（期间格式应为 2020、2020H1、2020Q3 或 2020-07）"
        )
    year = int(match["year"])
    try:
        if match["half"]:
            return Period(year, PeriodKind.HALF, int(match["half"][1]))
        if match["quarter"]:
            return Period(year, PeriodKind.QUARTER, int(match["quarter"][1]))
        if match["month"]:
            return Period(year, PeriodKind.MONTH, int(match["month"]))
        return Period(year, PeriodKind.YEAR)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a period: {error}") from None


def period_containing(day: date, kind: PeriodKind) -> Period:
    """Return the period of the given kind that contains the day."""
    return Period(day.year, kind, (day.month - 1) // _MONTHS[kind] + 1)


def periods_between(first: Period, last: Period) -> list[Period]:
    """Return the periods of first's kind from first through last, inclusive."""
    if first.kind is not last.kind:
        raise ValueError(f"periods {first} and {last} are of different kinds")
    out: list[Period] = []
    current = first
    while current <= last:
        out.append(current)
        current = current.next()
    return out


def elapsed_share(start: date, end: date, today: date) -> Decimal:
    """Return the share of the span start..end elapsed by the end of today, clamped to 0..1."""
    if today < start:
        return Decimal(0)
    if today >= end:
        return Decimal(1)
    # Both ends count as whole days: on the first day one day of the span has passed.
    total = (end - start).days + 1
    passed = (today - start).days + 1
    return (Decimal(passed) / Decimal(total)).quantize(Decimal("0.0001"))
