"""DHIS2 period strings (2020, 2020S1, 2020Q3, 202007) to and from Luoshi's (2020H1, 2020-07)."""

import re

from luoshi.core.periods import Period, PeriodKind, parse_period

__all__ = ["from_dhis2_period", "to_dhis2_period"]

_MONTHLY = re.compile(r"(\d{4})(\d{2})")
_SIX_MONTHLY = re.compile(r"(\d{4})S([12])")


def to_dhis2_period(period: Period) -> str:
    """Return the DHIS2 ISO period of a Luoshi period."""
    if period.kind is PeriodKind.MONTH:
        return f"{period.year}{period.index:02d}"
    if period.kind is PeriodKind.HALF:
        return f"{period.year}S{period.index}"
    return str(period)


def from_dhis2_period(text: str) -> Period:
    """Return the period a DHIS2 period string names (Luoshi's own spellings also pass)."""
    text = text.strip()
    if match := _MONTHLY.fullmatch(text):
        return parse_period(f"{match[1]}-{match[2]}")
    if match := _SIX_MONTHLY.fullmatch(text):
        return parse_period(f"{match[1]}H{match[2]}")
    return parse_period(text)
