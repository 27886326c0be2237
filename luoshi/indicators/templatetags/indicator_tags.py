"""Template filters for indicator pages: plain decimals, percentages, analytics labels."""

from decimal import Decimal
from typing import Any

from django import template

from luoshi.indicators import labels
from luoshi.indicators.analytics.numbers import text
from luoshi.indicators.messages import describe

register = template.Library()


@register.filter
def plain(value: Decimal | None) -> str:
    """Render a Decimal without exponent or trailing zeros (22038400, 0.3)."""
    if value is None or value == "":
        return "—"
    return text(value)


@register.filter
def percent(value: Decimal | None) -> str:
    """Render a share (0.4641) as a percentage with one decimal (46.4%)."""
    if value is None:
        return "—"
    return f"{(value * 100).quantize(Decimal('0.1'))}%"


@register.filter
def figure_label(key: str) -> str:
    return str(labels.FIGURES.get(key, key))


@register.filter
def band_label(key: str | None) -> str:
    return str(labels.BANDS.get(key or "", key or "—"))


@register.filter
def note_label(key: str) -> str:
    return str(labels.NOTES.get(key, key))


@register.filter
def symbol_label(key: str) -> str:
    return str(labels.SYMBOLS.get(key, key))


@register.filter
def light_label(key: str) -> str:
    return str(labels.LIGHTS.get(key, key))


@register.filter
def light_rule(key: str) -> str:
    return str(labels.LIGHT_RULES.get(key, key))


@register.filter
def source_label(key: str) -> str:
    from luoshi.indicators.models import ValueSource  # noqa: PLC0415 - keeps the tag module light

    if key in labels.SOURCES:
        return str(labels.SOURCES[key])
    return str(dict(ValueSource.choices).get(key, key))


@register.filter
def describe_error(entry: Any) -> str:
    """Render an import error, warning or violation (code and params) as a sentence."""
    if isinstance(entry, dict):
        return describe(entry.get("code", ""), entry.get("params"))
    return describe(getattr(entry, "code", ""), getattr(entry, "params", None))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
