"""A computed figure that carries its formula and inputs, so a page can show how it was made."""

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["Figure", "Input"]


@dataclass(frozen=True)
class Input:
    """One named input of a formula: its symbol, value and where it came from."""

    symbol: str
    value: Decimal | int | str | None
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A result, its formula, the inputs it was computed from and why it may be missing.

    `value` is None when the figure cannot be computed; `note` then holds the reason code
    (opposite_signs, no_elapsed_time, target_equals_baseline, too_few_points ...).
    """

    key: str
    value: Decimal | None
    formula: str
    inputs: tuple[Input, ...] = ()
    substituted: str = ""
    band: str | None = None
    note: str = ""
    notes: tuple[str, ...] = field(default=())
    lower: Decimal | None = None
    upper: Decimal | None = None

    @property
    def is_computed(self) -> bool:
        return self.value is not None or self.band is not None
