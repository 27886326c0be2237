"""Create and change validation rules (office)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.indicators.actions.common import check_actor_office
from luoshi.indicators.models import Indicator, RuleKind, ValidationRule
from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import User
from luoshi.plans.models import Program

__all__ = ["RULE_FIELDS", "do_create_validation_rule", "do_update_validation_rule"]

RULE_FIELDS = ["kind", "name", "importance", "min_value", "max_value", "threshold", "is_active"]


def _check(kind: str, min_value: Decimal | None, max_value: Decimal | None) -> None:
    if kind not in RuleKind.values:
        raise ValidationError(_("未知的规则类型。"))
    if kind == RuleKind.RANGE and min_value is None and max_value is None:
        raise ValidationError(_("取值范围规则至少需要上限或下限。"))
    if min_value is not None and max_value is not None and min_value > max_value:
        raise ValidationError(_("下限不能大于上限。"))


@transaction.atomic
def do_create_validation_rule(
    program: Program,
    *,
    kind: str,
    indicator: Indicator | None = None,
    name: str = "",
    importance: str = "medium",
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    threshold: Decimal | None = None,
    acting_user: User | None,
) -> ValidationRule:
    """Create a rule for one indicator, or for every indicator of the program it fits."""
    check_actor_office(acting_user)
    _check(kind, min_value, max_value)
    if indicator is not None and indicator.program_id != program.pk:
        raise ValidationError(_("该指标不属于此落实工作。"))
    rule = ValidationRule.objects.create(
        program=program,
        indicator=indicator,
        kind=kind,
        name=name.strip()[:200],
        importance=importance,
        min_value=min_value,
        max_value=max_value,
        threshold=threshold,
    )
    record_event(
        actor=acting_user,
        action="indicators.create_rule",
        obj=rule,
        new={**snapshot(rule, RULE_FIELDS), "indicator": indicator.pk if indicator else None},
    )
    return rule


@transaction.atomic
def do_update_validation_rule(
    rule: ValidationRule, *, acting_user: User | None, **changes: Any
) -> ValidationRule:
    """Change a rule's importance, bounds, threshold, name or whether it is active."""
    check_actor_office(acting_user)
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"not rule fields: {sorted(unknown)}")
    locked = ValidationRule.objects.select_for_update().get(pk=rule.pk)
    old = snapshot(locked, RULE_FIELDS)
    for name, value in changes.items():
        setattr(locked, name, value)
    _check(locked.kind, locked.min_value, locked.max_value)
    locked.save()
    new = snapshot(locked, RULE_FIELDS)
    changed = {k for k in RULE_FIELDS if old[k] != new[k]}
    if changed:
        record_event(
            actor=acting_user,
            action="indicators.update_rule",
            obj=locked,
            old={k: old[k] for k in changed},
            new={k: new[k] for k in changed},
        )
    return locked
