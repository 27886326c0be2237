"""Rank prefectures by a figure (the growth ratio by default): 1 is best, ties share a rank."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Ranked", "rank"]


@dataclass(frozen=True)
class Ranked:
    code: str
    name: str
    value: Decimal | None
    rank: int | None


def rank(rows: Sequence[tuple[str, str, Decimal | None]]) -> tuple[Ranked, ...]:
    """Return the rows best first with competition ranks (1, 2, 2, 4); missing values last."""
    present = sorted((r for r in rows if r[2] is not None), key=lambda r: (-(r[2] or 0), r[0]))
    missing = sorted((r for r in rows if r[2] is None), key=lambda r: r[0])
    out: list[Ranked] = []
    previous: Decimal | None = None
    current_rank = 0
    for position, (code, name, value) in enumerate(present, start=1):
        if value != previous:
            current_rank = position
            previous = value
        out.append(Ranked(code, name, value, current_rank))
    out.extend(Ranked(code, name, None, None) for code, name, _ in missing)
    return tuple(out)
