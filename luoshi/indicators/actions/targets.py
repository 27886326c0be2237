"""Change a target's value or baseline, and allocate a province target to the 市州."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.indicators.actions.common import check_actor_office
from luoshi.indicators.analytics.allocation import allocate_by_weight
from luoshi.indicators.models import Aggregation, AllocationMethod, IndicatorTarget
from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Region, User

__all__ = ["TARGET_FIELDS", "do_allocate_target", "do_update_indicator_target"]

TARGET_FIELDS = [
    "comparator",
    "value",
    "value_min",
    "year",
    "baseline_value",
    "baseline_year",
    "baseline_source_url",
    "baseline_quote",
    "baseline_is_derived",
    "baseline_note",
]


@transaction.atomic
def do_update_indicator_target(
    target: IndicatorTarget, *, acting_user: User | None, **changes: Any
) -> IndicatorTarget:
    """Change a target's comparator, value, year or baseline (value, year, source, quote)."""
    check_actor_office(acting_user)
    unknown = set(changes) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"not target fields: {sorted(unknown)}")
    if (
        changes.get("baseline_value") is not None
        and changes.get("baseline_year", target.baseline_year) is None
    ):
        raise ValidationError(_("填写基期值时请同时填写基期年份。"))
    locked = IndicatorTarget.objects.select_for_update().get(pk=target.pk)
    old = snapshot(locked, TARGET_FIELDS)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["indicator", "region", "plan_target", "parent"])
    locked.save()
    new = snapshot(locked, TARGET_FIELDS)
    changed = {k for k in TARGET_FIELDS if old[k] != new[k]}
    if changed:
        record_event(
            actor=acting_user,
            action="indicators.update_target",
            obj=locked,
            old={k: old[k] for k in changed},
            new={k: new[k] for k in changed},
        )
    return locked


def _quantum(value: Decimal) -> Decimal:
    return Decimal(1) if value == value.to_integral_value() else Decimal("0.01")


@transaction.atomic
def do_allocate_target(
    target: IndicatorTarget,
    *,
    method: str,
    manual: Mapping[str, Decimal] | None = None,
    acting_user: User | None,
) -> list[IndicatorTarget]:
    """Split a province target over its 市州: by population share, or by hand (code -> value).

    A sum indicator splits its value (and baseline) so the parts add up exactly to the whole;
    an average or rate gives every 市州 the province's own value. Allocated baselines are
    marked derived. Running again replaces the earlier allocation.
    """
    check_actor_office(acting_user)
    if target.parent_id is not None:
        raise ValidationError(_("只能分解省级目标。"))
    prefectures = list(
        Region.objects.filter(parent=target.region, level=Region.Level.PREFECTURE).order_by("code")
    )
    if not prefectures:
        raise ValidationError(_("该区划下没有市州，无法分解。"))
    aggregation = target.indicator.aggregation
    values: dict[str, tuple[Decimal, Decimal | None, Decimal | None]] = {}
    if method == AllocationMethod.POPULATION:
        if aggregation == Aggregation.NONE:
            raise ValidationError(_("该指标不按区域汇总，只能手工分解。"))
        missing = [r.name for r in prefectures if not r.population]
        if missing:
            raise ValidationError(
                _("以下市州缺少人口数，无法按人口比例分解：%(names)s")
                % {"names": _("、").join(missing)}
            )
        weights = [(r.code, int(r.population or 0)) for r in prefectures]
        if aggregation == Aggregation.SUM:
            shares = {
                s.code: s
                for s in allocate_by_weight(target.value, weights, quantum=_quantum(target.value))
            }
            baselines: dict[str, Decimal] = {}
            if target.baseline_value is not None:
                baselines = {
                    s.code: s.value
                    for s in allocate_by_weight(
                        target.baseline_value, weights, quantum=_quantum(target.baseline_value)
                    )
                }
            values = {
                code: (share.value, baselines.get(code), share.share)
                for code, share in shares.items()
            }
        else:
            total = sum(w for _, w in weights)
            values = {
                code: (
                    target.value,
                    target.baseline_value,
                    (Decimal(w) / total).quantize(Decimal("0.0000000001")),
                )
                for code, w in weights
            }
    elif method == AllocationMethod.MANUAL:
        manual = dict(manual or {})
        unknown = set(manual) - {r.code for r in prefectures}
        if unknown:
            raise ValidationError(
                _("不是该省的市州：%(codes)s") % {"codes": _("、").join(sorted(unknown))}
            )
        values = {code: (value, None, None) for code, value in manual.items()}
    else:
        raise ValidationError(_("未知的分解方式。"))
    old = {
        t.region.code: str(t.value)
        for t in target.allocations.select_related("region").order_by("region__code")
    }
    target.allocations.all().delete()
    note = ""
    if method == AllocationMethod.POPULATION:
        note = (
            _("按 2020 年人口普查常住人口比例从全省基期值推算")
            if aggregation == Aggregation.SUM
            else _("各市州暂取全省基期值（推算）")
        )
    rows = [
        IndicatorTarget(
            indicator_id=target.indicator_id,
            region=region,
            comparator=target.comparator,
            value=values[region.code][0],
            year=target.year,
            scope=target.scope,
            baseline_value=values[region.code][1],
            baseline_year=target.baseline_year if values[region.code][1] is not None else None,
            baseline_source_url=target.baseline_source_url
            if values[region.code][1] is not None
            else "",
            baseline_is_derived=values[region.code][1] is not None,
            baseline_note=note if values[region.code][1] is not None else "",
            parent=target,
            allocation_method=method,
            allocation_share=values[region.code][2],
        )
        for region in prefectures
        if region.code in values
    ]
    created = IndicatorTarget.objects.bulk_create(rows)
    record_event(
        actor=acting_user,
        action="indicators.allocate_target",
        obj=target,
        old={"allocations": old},
        new={"method": method, "allocations": {r.region.code: str(r.value) for r in created}},
    )
    return created
