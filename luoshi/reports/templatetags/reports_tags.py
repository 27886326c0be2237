"""Template helpers of the bulletin pages: look a chart up by key."""

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """Return mapping[key], or "" when there is no such key."""
    if not mapping:
        return ""
    return mapping.get(key, "")
