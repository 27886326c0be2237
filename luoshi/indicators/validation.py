"""Run validation rules over data values and list the violations per region and period.

Value rules (range, non-negative, integer, percent) look at one value; sum_vs_total compares
the 市州 with the province for one period; jump compares a value with the previous period's;
outlier scores each value against its own region's series (modified z-score). The arithmetic
is in analytics.checks; this module loads rows and names what is wrong.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from luoshi.core.periods import parse_period
from luoshi.indicators.analytics import checks
from luoshi.indicators.analytics.aggregate import Part, aggregate
from luoshi.indicators.analytics.numbers import text
from luoshi.indicators.models import (
    VALUE_RULES,
    Aggregation,
    DataValue,
    Indicator,
    RuleKind,
    ValidationRule,
    ValueStatus,
)
from luoshi.org.models import Region
from luoshi.plans.models import Program

__all__ = ["Violation", "evaluate", "rules_by_indicator", "value_violations"]


@dataclass(frozen=True)
class Violation:
    rule_id: int
    rule_kind: str
    rule_name: str
    importance: str
    is_blocking: bool
    indicator_id: int
    indicator_code: str
    indicator_name: str
    region_code: str
    region_name: str
    period: str
    value: Decimal | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    value_id: int | None = None


def _applies(rule: ValidationRule, indicator: Indicator) -> bool:
    if rule.indicator_id is not None:
        return rule.indicator_id == indicator.pk
    if rule.kind == RuleKind.PERCENT:
        return indicator.is_percent
    if rule.kind == RuleKind.SUM_VS_TOTAL:
        return indicator.aggregation != Aggregation.NONE
    return True


def rules_by_indicator(
    indicators: Iterable[Indicator], rules: Sequence[ValidationRule]
) -> dict[int, list[ValidationRule]]:
    """Return the active rules that apply to each indicator."""
    return {
        indicator.pk: [r for r in rules if r.is_active and _applies(r, indicator)]
        for indicator in indicators
    }


def value_violations(
    rules: Iterable[ValidationRule], value: Decimal
) -> list[tuple[ValidationRule, str, dict[str, Any]]]:
    """Return (rule, code, params) for each value rule the single value breaks."""
    out: list[tuple[ValidationRule, str, dict[str, Any]]] = []
    for rule in rules:
        kind = rule.kind
        if kind == RuleKind.NON_NEGATIVE and value < 0:
            out.append((rule, "non_negative", {"value": text(value)}))
        elif kind == RuleKind.INTEGER and not checks.is_integral(value):
            out.append((rule, "integer", {"value": text(value)}))
        elif kind == RuleKind.PERCENT and not 0 <= value <= 100:
            out.append((rule, "percent", {"value": text(value)}))
        elif kind == RuleKind.RANGE and (
            (rule.min_value is not None and value < rule.min_value)
            or (rule.max_value is not None and value > rule.max_value)
        ):
            bounds = {"min": text(rule.min_value), "max": text(rule.max_value)}
            out.append((rule, "range", {"value": text(value), **bounds}))
    return out


def _violation(
    rule: ValidationRule,
    indicator: Indicator,
    region: Region,
    *,
    period: str,
    value: Decimal | None,
    code: str,
    params: dict[str, Any],
    value_id: int | None = None,
) -> Violation:
    return Violation(
        rule_id=rule.pk,
        rule_kind=rule.kind,
        rule_name=str(rule),
        importance=rule.importance,
        is_blocking=rule.is_blocking,
        indicator_id=indicator.pk,
        indicator_code=indicator.code,
        indicator_name=indicator.name,
        region_code=region.code,
        region_name=region.name,
        period=period,
        value=value,
        code=code,
        params=params,
        value_id=value_id,
    )


def _sum_checks(
    rule: ValidationRule,
    indicator: Indicator,
    values: list[DataValue],
    regions: dict[int, Region],
) -> list[Violation]:
    out: list[Violation] = []
    tolerance = rule.effective_threshold or Decimal(0)
    by_period: dict[str, list[DataValue]] = defaultdict(list)
    for value in values:
        by_period[value.period].append(value)
    for period, rows in by_period.items():
        for total in rows:
            region = regions[total.region_id]
            children = [r for r in rows if regions[r.region_id].parent_id == region.pk]
            expected = [
                c for c in regions.values() if c.parent_id == region.pk and c.level == "prefecture"
            ]
            # Only a complete set of 市州 can be compared with the province.
            if not expected or len(
                [c for c in children if c.region_id in {e.pk for e in expected}]
            ) < len(expected):
                continue
            parts = [
                Part(regions[c.region_id].code, c.value, regions[c.region_id].population or 0)
                for c in children
                if regions[c.region_id].level == "prefecture"
            ]
            combined = aggregate(indicator.aggregation, parts).value
            if combined is None:
                continue
            gap = checks.relative_gap(combined, total.value)
            if gap is None:
                out.append(
                    _violation(
                        rule,
                        indicator,
                        region,
                        period=period,
                        value=total.value,
                        code="sum_vs_total_zero",
                        params={"parts": text(combined)},
                        value_id=total.pk,
                    )
                )
            elif gap > tolerance:
                out.append(
                    _violation(
                        rule,
                        indicator,
                        region,
                        period=period,
                        value=total.value,
                        code="sum_vs_total",
                        params={
                            "parts": text(combined),
                            "total": text(total.value),
                            "gap": text(gap),
                            "tolerance": text(tolerance),
                        },
                        value_id=total.pk,
                    )
                )
    return out


def _series_checks(
    rule: ValidationRule,
    indicator: Indicator,
    values: list[DataValue],
    regions: dict[int, Region],
    periods: set[str] | None,
) -> list[Violation]:
    out: list[Violation] = []
    threshold = rule.effective_threshold or Decimal(0)
    by_region: dict[int, list[DataValue]] = defaultdict(list)
    for value in values:
        by_region[value.region_id].append(value)
    for region_id, series in by_region.items():
        series.sort(key=lambda v: v.period_start)
        region = regions[region_id]
        if rule.kind == RuleKind.JUMP:
            for previous, current in itertools.pairwise(series):
                if parse_period(previous.period).next() != parse_period(current.period):
                    continue
                if periods is not None and current.period not in periods:
                    continue
                change = checks.relative_change(previous.value, current.value)
                if change is None:
                    out.append(
                        _violation(
                            rule,
                            indicator,
                            region,
                            period=current.period,
                            value=current.value,
                            code="jump_from_zero",
                            params={"value": text(current.value)},
                            value_id=current.pk,
                        )
                    )
                elif change > threshold:
                    out.append(
                        _violation(
                            rule,
                            indicator,
                            region,
                            period=current.period,
                            value=current.value,
                            code="jump",
                            params={
                                "previous": text(previous.value),
                                "change": text(change),
                                "threshold": text(threshold),
                            },
                            value_id=current.pk,
                        )
                    )
        elif rule.kind == RuleKind.OUTLIER and len(series) >= 3:
            scores = checks.modified_z_scores([v.value for v in series])
            center = checks.median([v.value for v in series])
            for value, score in zip(series, scores, strict=True):
                if periods is not None and value.period not in periods:
                    continue
                if abs(score) > threshold:
                    out.append(
                        _violation(
                            rule,
                            indicator,
                            region,
                            period=value.period,
                            value=value.value,
                            code="outlier",
                            params={
                                "score": text(score),
                                "threshold": text(threshold),
                                "median": text(center),
                            },
                            value_id=value.pk,
                        )
                    )
    return out


def evaluate(
    program: Program,
    *,
    indicators: Sequence[Indicator] | None = None,
    periods: set[str] | None = None,
    region_ids: set[int] | None = None,
    include_drafts: bool = True,
) -> list[Violation]:
    """Return every violation of the program's active rules, by indicator, period and region."""
    if indicators is None:
        indicators = list(
            Indicator.objects.filter(program=program, is_active=True).order_by("order", "pk")
        )
    rules = list(ValidationRule.objects.filter(program=program, is_active=True))
    applicable = rules_by_indicator(indicators, rules)
    regions = {r.pk: r for r in Region.objects.all()}
    values = DataValue.objects.filter(indicator__in=indicators).exclude(status=ValueStatus.RETURNED)
    if not include_drafts:
        values = values.exclude(status=ValueStatus.DRAFT)
    by_indicator: dict[int, list[DataValue]] = defaultdict(list)
    for value in values.only(
        "id", "indicator_id", "region_id", "period", "period_start", "value", "status"
    ):
        by_indicator[value.indicator_id].append(value)
    out: list[Violation] = []
    for indicator in indicators:
        rows = by_indicator.get(indicator.pk, [])
        for rule in applicable.get(indicator.pk, []):
            if rule.kind in VALUE_RULES:
                for row in rows:
                    if periods is not None and row.period not in periods:
                        continue
                    for _rule, code, params in value_violations([rule], row.value):
                        out.append(
                            _violation(
                                rule,
                                indicator,
                                regions[row.region_id],
                                period=row.period,
                                value=row.value,
                                code=code,
                                params=params,
                                value_id=row.pk,
                            )
                        )
            elif rule.kind == RuleKind.SUM_VS_TOTAL:
                scoped = [r for r in rows if periods is None or r.period in periods]
                out.extend(_sum_checks(rule, indicator, scoped, regions))
            else:
                out.extend(_series_checks(rule, indicator, rows, regions, periods))
    if region_ids is not None:
        codes = {regions[r].code for r in region_ids if r in regions}
        out = [v for v in out if v.region_code in codes]
    out.sort(key=lambda v: (v.indicator_code, parse_period(v.period), v.region_code, v.rule_kind))
    return out
