"""Published baseline values (luoshi/data/gansu_baselines.csv), each with its source and quote."""

import csv
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache
from pathlib import Path

from luoshi.indicators.analytics.numbers import CONTEXT

__all__ = [
    "BASELINES_CSV",
    "Baseline",
    "DerivedBaseline",
    "find_baseline",
    "load_baselines",
    "penetration_baseline",
    "to_base_unit",
]

BASELINES_CSV = Path(__file__).resolve().parent.parent / "data" / "gansu_baselines.csv"

# Multipliers from the units the sources write (2203.84万户) to the indicators' units (户).
_MULTIPLIERS = {
    "万户": ("户", Decimal(10000)),
    "万人": ("人", Decimal(10000)),
    "万个": ("个", Decimal(10000)),
    "万公里": ("公里", Decimal(10000)),
    "亿元": ("元", Decimal(100000000)),
}


@dataclass(frozen=True)
class Baseline:
    key: str
    region: str
    year: int
    value: Decimal
    unit: str
    source_url: str
    quote: str


@dataclass(frozen=True)
class DerivedBaseline:
    value: Decimal
    year: int
    unit: str
    source_url: str
    quote: str
    note: str


def to_base_unit(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Return the value in the indicator's base unit: 2203.84 万户 -> 22038400 户."""
    if unit in _MULTIPLIERS:
        base_unit, factor = _MULTIPLIERS[unit]
        return value * factor, base_unit
    return value, unit


@cache
def load_baselines(path: Path = BASELINES_CSV) -> tuple[Baseline, ...]:
    """Return every row of the baselines file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Baseline(
                key=row["indicator"],
                region=row["region"],
                year=int(row["year"]),
                value=Decimal(row["value"]),
                unit=row["unit"],
                source_url=row["source_url"],
                quote=row["quote"],
            )
            for row in csv.DictReader(handle)
        )


def find_baseline(key: str, region: str, year: int) -> Baseline | None:
    """Return the published value of one indicator key for a region and year, if any."""
    for row in load_baselines():
        if (row.key, row.region, row.year) == (key, region, year):
            return row
    return None


def penetration_baseline(region: str, year: int) -> DerivedBaseline | None:
    """Return mobile phones per 100 residents, derived from users and resident population."""
    users = find_baseline("mobile_phone_users", region, year)
    people = find_baseline("resident_population", region, year)
    if users is None or people is None:
        return None
    users_count, _ = to_base_unit(users.value, users.unit)
    people_count, _ = to_base_unit(people.value, people.unit)
    with localcontext(CONTEXT):
        value = (users_count * 100 / people_count).quantize(Decimal("0.01"))
    return DerivedBaseline(
        value=value,
        year=year,
        unit="部/百人",
        source_url=f"{users.source_url} ; {people.source_url}",
        quote=f"{users.quote}\n{people.quote}",
        note=(
            f"推算值 derived: 移动电话用户 {users.value}{users.unit} ÷ 常住人口 "
            f"{people.value}{people.unit} × 100 = {value} 部/百人"
        ),
    )
