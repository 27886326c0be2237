"""The column every quantity uses: exact decimals on every database, never a float."""

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

VALUE_DIGITS = 24
VALUE_PLACES = 6
_QUANTUM = Decimal(1).scaleb(-VALUE_PLACES)


class ExactDecimalField(models.DecimalField):  # type: ignore[type-arg]
    """A DecimalField(24, 6) that SQLite stores as text.

    SQLite gives DECIMAL columns NUMERIC affinity: "0.1" would be stored as the binary float
    0.1 and read back through a float, and digits past the 15th would be lost. As text the
    value goes in and comes out exactly. PostgreSQL keeps its exact NUMERIC(24, 6). Values are
    never summed or compared in SQL (the analytics do that in Python with Decimal), so text
    ordering on SQLite does not matter.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", VALUE_DIGITS)
        kwargs.setdefault("decimal_places", VALUE_PLACES)
        super().__init__(*args, **kwargs)

    def get_internal_type(self) -> str:
        # Not "DecimalField": SQLite's converter for that type reads values through a float.
        return "ExactDecimalField"

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        if connection.vendor == "sqlite":
            return "text"
        return f"numeric({self.max_digits}, {self.decimal_places})"

    def from_db_value(
        self, value: Any, expression: Any, connection: BaseDatabaseWrapper
    ) -> Decimal | None:
        if value is None:
            return None
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return number.quantize(_QUANTUM)
