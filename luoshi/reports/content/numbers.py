"""How the bulletin writes numbers: plain decimals, shares as percents, 万 and 亿 for big counts."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["Scale", "date_zh", "fixed", "percent", "plain", "scale_for", "share_percent"]

_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)


def plain(value: Decimal | None, places: int = 2) -> str:
    """Return the value rounded half up to at most `places` decimals, without trailing zeros."""
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def fixed(value: Decimal, places: int = 1) -> str:
    """Return the value rounded half up to exactly `places` decimals (74.0)."""
    quantum = Decimal(1).scaleb(-places)
    return format(value.quantize(quantum, rounding=ROUND_HALF_UP), "f")


def share_percent(share: Decimal | None, places: int = 1) -> str:
    """Return a share (0.642) as a percent (64.2%)."""
    if share is None:
        return "—"
    return f"{fixed(share * 100, places)}%"


def percent(value: Decimal | None, places: int = 1) -> str:
    """Return a value already in percent (70.7) with its sign (70.7%)."""
    if value is None:
        return "—"
    return f"{fixed(value, places)}%"


@dataclass(frozen=True)
class Scale:
    """A divisor and the prefix it adds to the unit (万户, 亿元), one per table row."""

    divisor: Decimal
    prefix: str

    def show(self, value: Decimal | None, places: int = 2) -> str:
        if value is None:
            return "—"
        return plain(value / self.divisor, places)

    def unit(self, unit: str) -> str:
        return f"{self.prefix}{unit}" if self.prefix else unit


def scale_for(values: list[Decimal | None], unit: str) -> Scale:
    """Return 亿 or 万 when the row's largest value is that big (and not a percent), else 1."""
    known = [abs(v) for v in values if v is not None]
    if not known or unit.strip() in {"%", "％"}:
        return Scale(Decimal(1), "")
    top = max(known)
    if top >= _YI:
        return Scale(_YI, "亿")
    if top >= 100 * _WAN:
        return Scale(_WAN, "万")
    return Scale(Decimal(1), "")


def date_zh(day: date) -> str:
    """Return a date as official documents write it: 2020年1月20日 (GB/T 9704-2012 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"
