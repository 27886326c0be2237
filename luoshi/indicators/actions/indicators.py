"""Create indicators and their targets from a published program's targets, or by hand."""

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.indicators.actions.common import check_actor_office
from luoshi.indicators.baselines import find_baseline, penetration_baseline, to_base_unit
from luoshi.indicators.gansu import GANSU_INDICATORS, IndicatorSpec
from luoshi.indicators.models import (
    Aggregation,
    Direction,
    Importance,
    Indicator,
    IndicatorTarget,
    PeriodType,
    RuleKind,
    ValidationRule,
)
from luoshi.indicators.queries import province_of
from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Region, Unit, User
from luoshi.org.queries import match_unit_name
from luoshi.plans.models import Program, Responsibility, Target

__all__ = [
    "INDICATOR_FIELDS",
    "do_create_default_rules",
    "do_create_indicator",
    "do_create_indicators_from_targets",
    "do_update_indicator",
]

INDICATOR_FIELDS = [
    "code",
    "name",
    "unit",
    "direction",
    "aggregation",
    "period_type",
    "definition",
    "is_active",
]
COUNT_UNITS = {"户", "个", "人", "部", "公里", "家", "座", "项"}
_CODE = re.compile(r"[a-z0-9_-]+")


def _default_spec(target: Target, program: Program) -> IndicatorSpec:
    unit = target.unit.strip()
    if unit in {"%", "％", "部/百人"}:
        aggregation = Aggregation.WEIGHTED_AVERAGE
    elif unit.endswith("bps") or unit in {"Mbps", "Gbps"}:
        aggregation = Aggregation.NONE
    else:
        aggregation = Aggregation.SUM
    units: list[str] = []
    if target.task_id is not None:
        units = [
            r.unit.name
            for r in Responsibility.objects.filter(task_id=target.task_id)
            .select_related("unit")
            .order_by("order")
        ]
    return IndicatorSpec(
        code=f"{program.slug[:48]}-{target.order + 1:02d}".lower(),
        aggregation=aggregation,
        period_type=PeriodType.YEAR,
        reporting_units=tuple(units),
    )


def _unique_code(code: str) -> str:
    candidate, n = code, 1
    while Indicator.objects.filter(code=candidate).exists():
        n += 1
        candidate = f"{code}-{n}"[:64]
    return candidate


def _direction(comparator: str) -> str:
    return Direction.LESS if comparator in {"<=", "<"} else Direction.MORE


def _baseline_fields(spec: IndicatorSpec, region: Region | None, unit: str) -> dict[str, Any]:
    """Return the baseline of a target from the published end-2016 figures, if there is one."""
    if region is None:
        return {}
    if spec.derived == "penetration":
        derived = penetration_baseline(region.name, 2016)
        if derived is None:
            return {}
        return {
            "baseline_value": derived.value,
            "baseline_year": derived.year,
            "baseline_source_url": derived.source_url[:500],
            "baseline_quote": derived.quote,
            "baseline_is_derived": True,
            "baseline_note": derived.note,
        }
    if not spec.baseline_key:
        return {}
    row = find_baseline(spec.baseline_key, region.name, 2016)
    if row is None:
        return {}
    value, base_unit = to_base_unit(row.value, row.unit)
    note = ""
    if base_unit != row.unit:
        note = f"{row.value}{row.unit} = {value.normalize():f}{base_unit}"
    if base_unit != unit and unit:
        return {}
    return {
        "baseline_value": value,
        "baseline_year": row.year,
        "baseline_source_url": row.source_url[:500],
        "baseline_quote": row.quote,
        "baseline_is_derived": False,
        "baseline_note": note,
    }


def _reporting_units(names: tuple[str, ...]) -> list[Unit]:
    units = []
    for name in names:
        unit = match_unit_name(name)
        if unit is not None:
            while unit.successor_id is not None and unit.successor is not None:
                unit = unit.successor
            units.append(unit)
    return units


@transaction.atomic
def do_create_indicators_from_targets(
    program: Program, *, acting_user: User | None
) -> list[Indicator]:
    """Create an indicator, its target and default rules for each program target not yet linked.

    Idempotent: a target that already has an indicator target is skipped.
    """
    check_actor_office(acting_user)
    if program.status != Program.Status.PUBLISHED:
        raise ValidationError(_("只有已发布的落实工作才能生成指标。"))
    region = province_of(program)
    if region is None:
        raise ValidationError(_("没有可用的行政区划，无法设置目标。"))
    linked = set(
        IndicatorTarget.objects.filter(plan_target__program=program).values_list(
            "plan_target_id", flat=True
        )
    )
    targets = (
        program.targets.filter(is_active=True, value__isnull=False)
        .exclude(pk__in=linked)
        .order_by("order")
    )
    next_order = (
        max(Indicator.objects.filter(program=program).values_list("order", flat=True), default=-1)
        + 1
    )
    created: list[Indicator] = []
    for target in targets:
        spec = GANSU_INDICATORS.get(target.indicator_name) or _default_spec(target, program)
        assert target.value is not None
        indicator = Indicator.objects.create(
            program=program,
            code=_unique_code(spec.code),
            name=target.indicator_name[:200],
            unit=target.unit,
            direction=_direction(target.comparator),
            aggregation=spec.aggregation,
            period_type=spec.period_type,
            definition=spec.definition,
            source_target=target,
            order=next_order,
        )
        next_order += 1
        indicator.reporting_units.set(_reporting_units(spec.reporting_units))
        indicator_target = IndicatorTarget.objects.create(
            indicator=indicator,
            plan_target=target,
            region=region,
            comparator=target.comparator,
            value=target.value,
            value_min=target.value_min,
            year=target.year or (program.end_date.year if program.end_date else 2020),
            scope=target.scope,
            **_baseline_fields(spec, region, target.unit),
        )
        do_create_default_rules(indicator, acting_user=acting_user)
        record_event(
            actor=acting_user,
            action="indicators.create_from_target",
            obj=indicator,
            new={
                **snapshot(indicator, INDICATOR_FIELDS),
                "target": str(target.value),
                "year": indicator_target.year,
                "baseline_value": indicator_target.baseline_value,
                "baseline_year": indicator_target.baseline_year,
                "plan_target_id": target.pk,
            },
        )
        created.append(indicator)
    return created


@transaction.atomic
def do_create_default_rules(
    indicator: Indicator, *, acting_user: User | None
) -> list[ValidationRule]:
    """Create the usual rules for an indicator: non-negative, integer or percent, sums, jumps."""
    check_actor_office(acting_user)
    kinds: list[tuple[str, str]] = [(RuleKind.NON_NEGATIVE, Importance.HIGH)]
    if indicator.is_percent:
        kinds.append((RuleKind.PERCENT, Importance.HIGH))
    elif indicator.unit.strip() in COUNT_UNITS:
        kinds.append((RuleKind.INTEGER, Importance.HIGH))
    if indicator.aggregation != Aggregation.NONE:
        kinds.append((RuleKind.SUM_VS_TOTAL, Importance.MEDIUM))
    kinds.append((RuleKind.JUMP, Importance.LOW))
    kinds.append((RuleKind.OUTLIER, Importance.LOW))
    existing = set(
        ValidationRule.objects.filter(indicator=indicator).values_list("kind", flat=True)
    )
    rules = [
        ValidationRule(
            program_id=indicator.program_id,
            indicator=indicator,
            kind=kind,
            importance=importance,
            threshold=ValidationRule.DEFAULT_THRESHOLDS.get(kind),
        )
        for kind, importance in kinds
        if kind not in existing
    ]
    return ValidationRule.objects.bulk_create(rules)


def _check_code(code: str) -> str:
    code = code.strip().lower()
    if not code or not _CODE.fullmatch(code):
        raise ValidationError(_("指标代码只能包含小写字母、数字、下划线和连字符。"))
    return code


@transaction.atomic
def do_create_indicator(
    program: Program,
    *,
    code: str,
    name: str,
    unit: str = "",
    direction: str = Direction.MORE,
    aggregation: str = Aggregation.SUM,
    period_type: str = PeriodType.YEAR,
    definition: str = "",
    reporting_units: list[Unit] | None = None,
    target_value: Decimal | None = None,
    target_year: int | None = None,
    acting_user: User | None,
) -> Indicator:
    """Create an indicator by hand, with an optional province target and the default rules."""
    check_actor_office(acting_user)
    code = _check_code(code)
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError(_("指标代码“%(code)s”已被使用。") % {"code": code})
    if not name.strip():
        raise ValidationError(_("请填写指标名称。"))
    indicator = Indicator.objects.create(
        program=program,
        code=code,
        name=name.strip()[:200],
        unit=unit.strip()[:32],
        direction=direction,
        aggregation=aggregation,
        period_type=period_type,
        definition=definition,
        order=max(
            Indicator.objects.filter(program=program).values_list("order", flat=True), default=-1
        )
        + 1,
    )
    indicator.reporting_units.set(reporting_units or [])
    if target_value is not None and target_year is not None:
        region = province_of(program)
        if region is None:
            raise ValidationError(_("没有可用的行政区划，无法设置目标。"))
        IndicatorTarget.objects.create(
            indicator=indicator,
            region=region,
            comparator=">=" if direction == Direction.MORE else "<=",
            value=target_value,
            year=target_year,
        )
    do_create_default_rules(indicator, acting_user=acting_user)
    record_event(
        actor=acting_user,
        action="indicators.create",
        obj=indicator,
        new={
            **snapshot(indicator, INDICATOR_FIELDS),
            "reporting_units": [u.pk for u in reporting_units or []],
            "target_value": target_value,
            "target_year": target_year,
        },
    )
    return indicator


@transaction.atomic
def do_update_indicator(
    indicator: Indicator,
    *,
    acting_user: User | None,
    reporting_units: list[Unit] | None = None,
    **changes: Any,
) -> Indicator:
    """Change an indicator's name, unit, direction, aggregation, period type or definition."""
    check_actor_office(acting_user)
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"not indicator fields: {sorted(unknown)}")
    if "code" in changes:
        changes["code"] = _check_code(changes["code"])
        if Indicator.objects.filter(code=changes["code"]).exclude(pk=indicator.pk).exists():
            raise ValidationError(_("指标代码“%(code)s”已被使用。") % {"code": changes["code"]})
    if (
        "period_type" in changes
        and changes["period_type"] != indicator.period_type
        and indicator.values.exists()
    ):
        raise ValidationError(_("该指标已有数据，不能再改报送周期。"))
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    old = snapshot(locked, INDICATOR_FIELDS)
    old_units = sorted(locked.reporting_units.values_list("pk", flat=True))
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    new = snapshot(locked, INDICATOR_FIELDS)
    new_units = old_units
    if reporting_units is not None:
        locked.reporting_units.set(reporting_units)
        new_units = sorted(u.pk for u in reporting_units)
    changed_old = {k: v for k, v in old.items() if new[k] != v}
    changed_new = {k: new[k] for k in changed_old}
    if new_units != old_units:
        changed_old["reporting_units"] = old_units
        changed_new["reporting_units"] = new_units
    if changed_new:
        record_event(
            actor=acting_user,
            action="indicators.update",
            obj=locked,
            old=changed_old,
            new=changed_new,
        )
    return locked
