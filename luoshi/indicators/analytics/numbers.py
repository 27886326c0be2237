"""Decimal arithmetic for the analytics: one context, fractional powers, rounding of results."""

from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

__all__ = ["CONTEXT", "RESULT_PLACES", "power", "rounded", "text"]

# 34 significant digits (IEEE decimal128) keeps ln/exp exact far past the 6 places we show.
CONTEXT = Context(prec=34, rounding=ROUND_HALF_EVEN)
# Every figure is rounded once, at the end, to the precision the database stores values in.
RESULT_PLACES = Decimal("0.000001")


def power(base: Decimal, exponent: Decimal) -> Decimal:
    """Return base ** exponent for base >= 0, as exp(exponent · ln(base)) for fractions."""
    if base < 0:
        raise ValueError(f"power of a negative base {base}")
    with localcontext(CONTEXT) as ctx:
        if exponent == 0:
            return Decimal(1)
        if base == 0:
            if exponent < 0:
                raise ValueError("zero to a negative power")
            return Decimal(0)
        if exponent == exponent.to_integral_value() and abs(exponent) <= 64:
            return ctx.power(base, exponent)
        return ctx.exp(ctx.multiply(exponent, ctx.ln(base)))


def rounded(value: Decimal) -> Decimal:
    """Return value rounded half-even to six decimal places."""
    with localcontext(CONTEXT):
        return value.quantize(RESULT_PLACES)


def text(value: Decimal | None) -> str:
    """Return a Decimal in plain notation without trailing zeros (22038400, not 2.20384E+7)."""
    if value is None:
        return "—"
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{normal.quantize(Decimal(1)):f}"
    return f"{normal:f}"
