"""Shared reads: today, settings, who reports for a unit, and the scoping helpers."""

from datetime import date
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone

from luoshi.org.models import User
from luoshi.plans.models import Program
from luoshi.plans.queries import own_units
from luoshi.supervision.models import ProgramSupervisionSettings

M = TypeVar("M", bound=Model)


def local_today() -> date:
    """Return today's date in Asia/Shanghai."""
    return timezone.localdate()


def get_settings(program: Program) -> ProgramSupervisionSettings:
    """Return the program's supervision settings, or the defaults (unsaved) when it has none."""
    row = ProgramSupervisionSettings.objects.filter(program=program).first()
    return row if row is not None else ProgramSupervisionSettings(program=program)


def acts_for(user: User, unit_id: int) -> bool:
    """Return whether the user reports for the unit (its own, a predecessor, a collective)."""
    return user.is_active and user.unit_id is not None and unit_id in own_units(user)


def one_or_404(rows: QuerySet[M], pk: int) -> M:
    """Return the row of a scoped queryset; Http404 when it is missing or out of scope."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def unit_scoped(user: User, rows: QuerySet[M], field: str = "unit_id") -> QuerySet[M]:
    """Return the rows of the user's own units, or all of them for office and leaders."""
    if user.reads_everything:
        return rows
    return rows.filter(**{f"{field}__in": own_units(user)})
