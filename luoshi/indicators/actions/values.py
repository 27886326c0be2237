"""Write data values: save (draft or submit), submit, approve bottom-up, return, reopen.

Every change writes a DataValueChange row (the value's history) and an AuditEvent. Approved
values are locked; a simulated value (source simulated) always yields to a real one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.indicators.actions.common import (
    ConflictError,
    check_actor_office,
    check_period,
    check_writer,
    clean_value,
    history_row,
    locked_message,
)
from luoshi.indicators.exporters import plain
from luoshi.indicators.messages import describe
from luoshi.indicators.models import (
    Aggregation,
    DataValue,
    DataValueChange,
    Indicator,
    ValidationRule,
    ValueSource,
    ValueStatus,
)
from luoshi.indicators.validation import evaluate, rules_by_indicator, value_violations
from luoshi.org.audit import record_event
from luoshi.org.models import Region, User

__all__ = [
    "ValueInput",
    "do_approve_data_value",
    "do_approve_data_values",
    "do_reopen_data_value",
    "do_return_data_value",
    "do_save_data_value",
    "do_save_data_values",
    "do_submit_data_value",
]

Action = DataValueChange.Action
_EVENT_FIELDS = ("value", "status", "source", "comment")


def _state(value: DataValue | None) -> dict[str, object]:
    if value is None:
        return {}
    return {
        "indicator": value.indicator.code,
        "region": value.region.code,
        "period": value.period,
        "value": plain(value.value),
        "status": value.status,
        "source": value.source,
        "comment": value.comment,
    }


def _event(action: str, value: DataValue, old: dict[str, object], acting_user: User | None) -> None:
    new = _state(value)
    changed = {k for k in _EVENT_FIELDS if old.get(k) != new.get(k)}
    key = {k: new[k] for k in ("indicator", "region", "period")}
    record_event(
        actor=acting_user,
        action=action,
        obj=value,
        old={**key, **{k: old[k] for k in changed if k in old}},
        new={**key, **{k: new[k] for k in changed}},
    )


def _blocking_value_rules(indicator: Indicator, value: Decimal) -> list[str]:
    rules = list(ValidationRule.objects.filter(program_id=indicator.program_id, is_active=True))
    applicable = rules_by_indicator([indicator], rules)[indicator.pk]
    return [
        describe("rule", {"rule": str(rule), "detail_code": code, "detail_params": params})
        for rule, code, params in value_violations(applicable, value)
        if rule.is_blocking
    ]


def _blocking_violations(value: DataValue) -> list[str]:
    """Return the blocking violations of every rule that touches this value."""
    found = evaluate(
        value.indicator.program,
        indicators=[value.indicator],
        periods={value.period},
    )
    return [
        describe("rule", {"rule": v.rule_name, "detail_code": v.code, "detail_params": v.params})
        for v in found
        if v.is_blocking and v.value_id == value.pk
    ]


@dataclass(frozen=True)
class ValueInput:
    indicator: Indicator
    region: Region
    period: str
    value: str | Decimal
    comment: str = ""
    expected_version: int | None = None


def _save(
    item: ValueInput,
    *,
    submit: bool,
    source: str,
    acting_user: User | None,
) -> DataValue:
    indicator, region = item.indicator, item.region
    check_writer(acting_user, indicator, region)
    period = check_period(indicator, item.period)
    number = clean_value(item.value)
    comment = item.comment.strip()
    if submit:
        problems = _blocking_value_rules(indicator, number)
        if problems:
            raise ValidationError(problems)
    existing = (
        DataValue.objects.select_for_update()
        .select_related("indicator", "region")
        .filter(indicator=indicator, region=region, period=str(period))
        .first()
    )
    now = timezone.now()
    actor = acting_user if acting_user is not None and acting_user.pk else None
    if existing is None:
        value = DataValue.objects.create(
            indicator=indicator,
            region=region,
            period=str(period),
            period_start=period.start,
            value=number,
            status=ValueStatus.SUBMITTED if submit else ValueStatus.DRAFT,
            source=source,
            comment=comment,
            created_by=actor,
            updated_by=actor,
            submitted_at=now if submit else None,
        )
        history_row(value, Action.CREATED, actor=acting_user, comment=comment).save()
        _event("indicators.save_value", value, {}, acting_user)
        return value
    if item.expected_version is not None and item.expected_version != existing.version:
        raise ConflictError(existing.version)
    was_simulated = existing.is_simulated and source != ValueSource.SIMULATED
    if existing.is_locked and (existing.value != number or existing.comment != comment):
        raise ValidationError(locked_message(existing))
    if existing.is_locked:
        return existing
    new_status = ValueStatus.SUBMITTED if submit else ValueStatus.DRAFT
    if existing.status == ValueStatus.SUBMITTED and not submit and existing.value == number:
        new_status = ValueStatus.SUBMITTED
    if (
        existing.value == number
        and existing.comment == comment
        and existing.status == new_status
        and existing.source == source
    ):
        return existing
    old = _state(existing)
    old_value, old_status, old_source = existing.value, existing.status, existing.source
    existing.value = number
    existing.comment = comment
    existing.status = new_status
    existing.source = source
    existing.version += 1
    existing.updated_by = actor
    existing.return_reason = "" if new_status == ValueStatus.SUBMITTED else existing.return_reason
    if submit:
        existing.submitted_at = now
    if was_simulated:
        existing.approved_at = None
        existing.approved_by = None
    existing.save()
    history_row(
        existing,
        Action.SUBMITTED if submit and old_value == number else Action.UPDATED,
        old_value=old_value,
        old_status=old_status,
        old_source=old_source,
        actor=acting_user,
        comment=_("取代模拟数据") if was_simulated else comment,
    ).save()
    _event("indicators.save_value", existing, old, acting_user)
    return existing


@transaction.atomic
def do_save_data_value(
    indicator: Indicator,
    region: Region,
    period: str,
    *,
    value: str | Decimal,
    comment: str = "",
    expected_version: int | None = None,
    submit: bool = False,
    source: str = ValueSource.REPORTED,
    acting_user: User | None,
) -> DataValue:
    """Save one value as a draft (or submitted); an unchanged value writes nothing."""
    return _save(
        ValueInput(indicator, region, period, value, comment, expected_version),
        submit=submit,
        source=source,
        acting_user=acting_user,
    )


@transaction.atomic
def do_save_data_values(
    items: Sequence[ValueInput],
    *,
    submit: bool = False,
    source: str = ValueSource.REPORTED,
    acting_user: User | None,
) -> list[DataValue]:
    """Save several values at once: all of them, or (on any error) none, naming each bad row."""
    saved: list[DataValue] = []
    errors: dict[str, list[str]] = {}
    for number, item in enumerate(items, start=1):
        try:
            with transaction.atomic():
                saved.append(_save(item, submit=submit, source=source, acting_user=acting_user))
        except ValidationError as error:
            errors[str(number)] = list(error.messages)
        except ConflictError:
            errors[str(number)] = [_("数据已被他人修改，请刷新后重试。")]
    if errors:
        raise ValidationError(errors)
    return saved


def _lock(value: DataValue) -> DataValue:
    return (
        DataValue.objects.select_for_update()
        .select_related("indicator", "indicator__program", "region")
        .get(pk=value.pk)
    )


def _transition(
    value: DataValue,
    *,
    status: str,
    action: str,
    event: str,
    acting_user: User | None,
    comment: str = "",
) -> DataValue:
    old = _state(value)
    old_status = value.status
    value.status = status
    value.version += 1
    value.updated_by = acting_user if acting_user is not None and acting_user.pk else None
    value.save()
    history_row(
        value,
        action,
        old_value=value.value,
        old_status=old_status,
        old_source=value.source,
        actor=acting_user,
        comment=comment,
    ).save()
    _event(event, value, old, acting_user)
    return value


@transaction.atomic
def do_submit_data_value(value: DataValue, *, acting_user: User | None) -> DataValue:
    """Submit a draft or returned value for review; blocking rule violations refuse it."""
    value = _lock(value)
    check_writer(acting_user, value.indicator, value.region)
    if value.status not in {ValueStatus.DRAFT, ValueStatus.RETURNED}:
        raise ValidationError(_("只有草稿或已退回的数值可以报送。"))
    problems = _blocking_violations(value)
    if problems:
        raise ValidationError(problems)
    value.submitted_at = timezone.now()
    value.return_reason = ""
    return _transition(
        value,
        status=ValueStatus.SUBMITTED,
        action=Action.SUBMITTED,
        event="indicators.submit_value",
        acting_user=acting_user,
    )


def _children_block(value: DataValue) -> list[str]:
    """Return why the value's region cannot be approved yet: its sub-regions come first."""
    children = list(Region.objects.filter(parent=value.region).order_by("code"))
    if not children:
        return []
    statuses = dict(
        DataValue.objects.filter(
            indicator=value.indicator, period=value.period, region__in=children
        ).values_list("region_id", "status")
    )
    waiting = [
        c.name for c in children if c.pk in statuses and statuses[c.pk] != ValueStatus.APPROVED
    ]
    missing: list[str] = []
    if value.indicator.aggregation != Aggregation.NONE:
        missing = [
            c.name for c in children if c.level == Region.Level.PREFECTURE and c.pk not in statuses
        ]
    problems = []
    if waiting:
        problems.append(_("下级数值尚未审核通过：%(names)s") % {"names": _("、").join(waiting)})
    if missing:
        problems.append(_("下级尚未报送：%(names)s") % {"names": _("、").join(missing)})
    return problems


@transaction.atomic
def do_approve_data_value(value: DataValue, *, acting_user: User | None) -> DataValue:
    """Approve a submitted value (office); a region is approved only after its sub-regions."""
    check_actor_office(acting_user)
    value = _lock(value)
    if value.status != ValueStatus.SUBMITTED:
        raise ValidationError(_("只有已报送的数值可以审核通过。"))
    problems = _children_block(value) + _blocking_violations(value)
    if problems:
        raise ValidationError(problems)
    value.approved_at = timezone.now()
    value.approved_by = acting_user if acting_user is not None and acting_user.pk else None
    return _transition(
        value,
        status=ValueStatus.APPROVED,
        action=Action.APPROVED,
        event="indicators.approve_value",
        acting_user=acting_user,
    )


@transaction.atomic
def do_approve_data_values(
    values: Sequence[DataValue], *, acting_user: User | None
) -> list[DataValue]:
    """Approve several submitted values bottom-up (counties, then 市州, then the province)."""
    check_actor_office(acting_user)
    depth = {"county": 0, "zone": 0, "prefecture": 1, "province": 2}
    ordered = sorted(values, key=lambda v: (depth.get(v.region.level, 0), v.pk))
    return [do_approve_data_value(v, acting_user=acting_user) for v in ordered]


@transaction.atomic
def do_return_data_value(value: DataValue, *, reason: str, acting_user: User | None) -> DataValue:
    """Return a submitted value to its reporter with a reason (office)."""
    check_actor_office(acting_user)
    value = _lock(value)
    if value.status != ValueStatus.SUBMITTED:
        raise ValidationError(_("只有已报送的数值可以退回。"))
    if not reason.strip():
        raise ValidationError(_("请写明退回理由。"))
    value.return_reason = reason.strip()
    return _transition(
        value,
        status=ValueStatus.RETURNED,
        action=Action.RETURNED,
        event="indicators.return_value",
        acting_user=acting_user,
        comment=reason.strip(),
    )


@transaction.atomic
def do_reopen_data_value(value: DataValue, *, reason: str, acting_user: User | None) -> DataValue:
    """Take back an approval (office), so the value can be corrected; top-down only."""
    check_actor_office(acting_user)
    value = _lock(value)
    if value.status != ValueStatus.APPROVED:
        raise ValidationError(_("只有已审核的数值可以撤销审核。"))
    if not reason.strip():
        raise ValidationError(_("请写明撤销审核的理由。"))
    if (
        value.region.parent_id is not None
        and DataValue.objects.filter(
            indicator=value.indicator,
            period=value.period,
            region_id=value.region.parent_id,
            status=ValueStatus.APPROVED,
        ).exists()
    ):
        raise ValidationError(_("上级数值已审核通过，请先撤销上级的审核。"))
    value.approved_at = None
    value.approved_by = None
    return _transition(
        value,
        status=ValueStatus.SUBMITTED,
        action=Action.REOPENED,
        event="indicators.reopen_value",
        acting_user=acting_user,
        comment=reason.strip(),
    )
