"""Read a number as people type it (form, CSV cell, DHIS2 value): Decimal, never float."""

import re
from decimal import Decimal, InvalidOperation

__all__ = ["MAX_INTEGER_DIGITS", "MAX_PLACES", "ValueParseError", "parse_value"]

MAX_PLACES = 6
MAX_INTEGER_DIGITS = 18
_GROUPED = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")


class ValueParseError(ValueError):
    """Why a text is not a storable number: a code (not_a_number ...) and the text."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


def parse_value(raw: str | Decimal | int) -> Decimal:
    """Return the Decimal a cell holds; raise ValueParseError when it is no storable number."""
    if isinstance(raw, bool):
        raise ValueParseError("not_a_number", str(raw))
    if isinstance(raw, Decimal | int):
        value = Decimal(raw)
        text = str(raw)
    else:
        text = raw.strip().replace("\u3000", "")
        cleaned = text.replace(" ", "")
        if _GROUPED.fullmatch(cleaned):
            cleaned = cleaned.replace(",", "")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueParseError("not_a_number", text) from None
    if not value.is_finite():
        raise ValueParseError("not_a_number", text)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -MAX_PLACES:
        raise ValueParseError("too_many_decimals", text)
    if value != 0 and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueParseError("too_large", text)
    # 1E+3 is 1000: store the plain value so exports write 1000, not 1E+3.
    return value.quantize(Decimal(1)) if exponent > 0 else value
