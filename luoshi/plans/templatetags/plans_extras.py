"""Small template helpers for plan pages."""

from django import template

register = template.Library()


@register.simple_tag
def heat(value: int, maximum: int) -> str:
    """Return a cell's shade from 0 to 1, with any non-zero count visibly tinted."""
    if value <= 0 or maximum <= 0:
        return "0"
    return f"{0.15 + 0.85 * value / maximum:.2f}"
