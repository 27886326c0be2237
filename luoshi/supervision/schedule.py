"""Round dates and reminder days: when a period's round opens, falls due and locks."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from luoshi.core.periods import Period, PeriodKind, period_containing

__all__ = [
    "Frequency",
    "RoundDates",
    "periods_to_open",
    "reminder_due",
    "round_dates",
]

# Reminders (催办) go out this many days before the due date, and after it.
REMINDER_DAYS_BEFORE = (3, 1)
REMINDER_DAYS_AFTER = (1, 7)


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEAR = "half_year"
    YEAR = "year"

    @property
    def period_kind(self) -> PeriodKind:
        return {
            Frequency.MONTHLY: PeriodKind.MONTH,
            Frequency.QUARTERLY: PeriodKind.QUARTER,
            Frequency.HALF_YEAR: PeriodKind.HALF,
            Frequency.YEAR: PeriodKind.YEAR,
        }[self]


@dataclass(frozen=True)
class RoundDates:
    opens_on: date
    due_on: date
    locks_on: date | None


def round_dates(
    period: Period, *, due_days: int, open_days_before_end: int, lock_days: int | None
) -> RoundDates:
    """Return when a period's round opens, falls due (days after the period ends) and locks."""
    due_on = period.end + timedelta(days=due_days)
    return RoundDates(
        opens_on=period.end - timedelta(days=open_days_before_end),
        due_on=due_on,
        locks_on=None if lock_days is None else due_on + timedelta(days=lock_days),
    )


def periods_to_open(
    frequency: Frequency,
    today: date,
    *,
    starts_on: date,
    due_days: int,
    open_days_before_end: int,
) -> list[Period]:
    """Return the periods whose round is open today: opened already and not yet due.

    A round whose due date has passed is not created after the fact: a schedule switched on
    late does not invent overdue rounds.
    """
    first = period_containing(starts_on, frequency.period_kind)
    out: list[Period] = []
    period = period_containing(today, frequency.period_kind)
    # Walk back while a period's due date can still lie ahead (due_days may exceed a period).
    while period >= first and period.end + timedelta(days=due_days) >= today:
        dates = round_dates(
            period, due_days=due_days, open_days_before_end=open_days_before_end, lock_days=None
        )
        if dates.opens_on <= today <= dates.due_on:
            out.append(period)
        period = period.previous()
    return sorted(out)


def reminder_due(due_on: date, today: date) -> str | None:
    """Return the key of the latest reminder that is due by today, or None before the first.

    Only the latest one is returned: a tick that missed a day sends one reminder, not two.
    """
    key: str | None = None
    for days in REMINDER_DAYS_BEFORE:
        if due_on - timedelta(days=days) <= today <= due_on:
            key = f"before-{days}"
    for days in REMINDER_DAYS_AFTER:
        if today >= due_on + timedelta(days=days):
            key = f"after-{days}"
    return key
