"""Helpers the supervision endpoints share."""

from collections.abc import Callable
from typing import TypeVar

from django.http import Http404

from luoshi.api.errors import ApiError
from luoshi.org.audit import jsonable
from luoshi.org.models import Unit
from luoshi.supervision.errors import StaleVersionError

T = TypeVar("T")


def stale_as_409(call: Callable[[], T]) -> T:
    """Run an action; a stale version becomes 409 with the stored version and values."""
    try:
        return call()
    except StaleVersionError as error:
        raise ApiError(
            409,
            "stale_version",
            str(error.messages[0]),
            "the report was changed by someone else; your change was not saved",
            current_version=error.current_version,
            current_values=jsonable(error.current_values),
        ) from None


def unit_or_404(unit_id: int) -> Unit:
    """Return the unit; 404 when there is none with that id."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit
