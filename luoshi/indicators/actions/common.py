"""Shared pieces of the indicator actions: permission checks and the value history."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from luoshi.core.periods import Period, parse_period
from luoshi.indicators.messages import describe
from luoshi.indicators.models import DataValue, DataValueChange, ImportJob, Indicator
from luoshi.indicators.parsing import ValueParseError, parse_value
from luoshi.indicators.queries import write_scope
from luoshi.org.models import Region, User
from luoshi.org.permissions import check_office


class ConflictError(Exception):
    """A save carried an older version of the row than the database holds."""

    def __init__(self, current_version: int) -> None:
        super().__init__(f"stale version; current is {current_version}")
        self.current_version = current_version


def check_actor_office(acting_user: User | None) -> None:
    # None is the system itself (management commands, the simulation); people must be office.
    if acting_user is not None:
        check_office(acting_user)


def check_writer(acting_user: User | None, indicator: Indicator, region: Region) -> None:
    """Raise Http404 unless the user may write this indicator's value for the region."""
    if not write_scope(acting_user, [indicator.pk]).allows(indicator.pk, region.pk):
        raise Http404


def check_period(indicator: Indicator, text: str) -> Period:
    """Return the period, or raise ValidationError when it is malformed or of the wrong type."""
    try:
        period = parse_period(text)
    except ValueError:
        raise ValidationError(describe("bad_period", {"period": text})) from None
    if period.kind.value != indicator.period_type:
        raise ValidationError(
            describe(
                "wrong_period_type",
                {
                    "period": text,
                    "got": period.kind.value,
                    "indicator": indicator.name,
                    "expected": indicator.period_type,
                },
            )
        )
    return period


def clean_value(raw: str | Decimal | int) -> Decimal:
    """Return the Decimal, or raise ValidationError naming why the text is no number."""
    try:
        return parse_value(raw)
    except ValueParseError as problem:
        raise ValidationError(describe(problem.code, {"text": problem.text})) from None


def history_row(
    value: DataValue,
    action: str,
    *,
    old_value: Decimal | None = None,
    old_status: str = "",
    old_source: str = "",
    actor: User | None = None,
    comment: str = "",
    job: ImportJob | None = None,
) -> DataValueChange:
    """Return (unsaved) the history row of one change to a data value."""
    return DataValueChange(
        data_value=value,
        action=action,
        old_value=old_value,
        new_value=value.value,
        old_status=old_status,
        new_status=value.status,
        old_source=old_source,
        new_source=value.source,
        comment=comment,
        actor=actor if actor is not None and actor.pk else None,
        import_job=job,
    )


def locked_message(value: DataValue) -> str:
    return _("该数值已审核通过并锁定，需先由督查办撤销审核才能修改。")
