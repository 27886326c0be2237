"""Reads, scoped to the user: indicators, targets, data values, rules, import jobs.

Missing and forbidden both raise Http404. The office and leaders read everything; a reporter
or unit head reads the indicators its units report (directly or as a member of a collective
such as 各市州政府) in published programs, and every value of those indicators.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from luoshi.core.periods import Period
from luoshi.indicators.models import (
    DataValue,
    DataValueChange,
    ImportJob,
    Indicator,
    IndicatorTarget,
    ValidationRule,
)
from luoshi.org.models import Region, Unit, User
from luoshi.org.permissions import is_signed_in, own_unit_ids
from luoshi.plans.models import Program

__all__ = [
    "WriteScope",
    "access_data_value",
    "access_import_job",
    "access_indicator",
    "access_indicator_program",
    "access_indicator_target",
    "access_validation_rule",
    "list_data_values",
    "list_import_jobs",
    "list_indicator_targets",
    "list_indicators",
    "list_validation_rules",
    "province_of",
    "reporting_unit_ids",
    "write_scope",
]


def _own_units(user: User) -> set[int]:
    cached: set[int] | None = getattr(user, "_indicators_own_unit_ids", None)
    if cached is None:
        cached = own_unit_ids(user)
        user._indicators_own_unit_ids = cached  # type: ignore[attr-defined]
    return cached


def list_indicators(user: User, program: Program | None = None) -> QuerySet[Indicator]:
    """Return the active indicators the user may read, in program order."""
    if not is_signed_in(user):
        return Indicator.objects.none()
    indicators = Indicator.objects.select_related("program").filter(is_active=True)
    if program is not None:
        indicators = indicators.filter(program=program)
    if not user.reads_everything:
        indicators = indicators.filter(
            program__status=Program.Status.PUBLISHED,
            reporting_units__in=_own_units(user),
        ).distinct()
    return indicators.order_by("program_id", "order", "pk")


def access_indicator_program(user: User, program_id: int) -> Program:
    """Return a program whose indicators the user may read; otherwise raise Http404."""
    program = Program.objects.filter(pk=program_id).first()
    if program is None or not is_signed_in(user):
        raise Http404
    if not user.reads_everything and not list_indicators(user, program).exists():
        raise Http404
    return program


def access_indicator(user: User, indicator_id: int, *, with_units: bool = True) -> Indicator:
    """Return the indicator when the user may read it; otherwise raise Http404.

    with_units=False skips loading the reporting units: a national indicator has hundreds,
    and reads that only need the indicator's own row (the roll-up) should not pay for them.
    """
    indicators = list_indicators(user).filter(pk=indicator_id)
    if with_units:
        indicators = indicators.prefetch_related(
            Prefetch("reporting_units", queryset=Unit.objects.order_by("name"))
        )
    indicator = indicators.first()
    if indicator is None:
        raise Http404
    return indicator


def list_indicator_targets(
    user: User, *, indicator: Indicator | None = None, program: Program | None = None
) -> QuerySet[IndicatorTarget]:
    """Return the targets of the indicators the user may read."""
    targets = IndicatorTarget.objects.select_related("indicator", "region", "parent").filter(
        indicator__in=list_indicators(user, program)
    )
    if indicator is not None:
        targets = targets.filter(indicator=indicator)
    return targets.order_by("indicator__order", "indicator_id", "year", "region__code")


def access_indicator_target(user: User, target_id: int) -> IndicatorTarget:
    """Return the target when the user may read its indicator; otherwise raise Http404."""
    target = list_indicator_targets(user).filter(pk=target_id).first()
    if target is None:
        raise Http404
    return target


def list_data_values(
    user: User,
    *,
    program: Program | None = None,
    indicator: Indicator | None = None,
    region: Region | None = None,
    period: str | None = None,
    period_from: Period | None = None,
    period_to: Period | None = None,
    status: str | None = None,
    source: str | None = None,
) -> QuerySet[DataValue]:
    """Return the data values the user may read, filtered, in indicator and time order."""
    if not is_signed_in(user):
        return DataValue.objects.none()
    values = DataValue.objects.select_related("indicator", "region")
    if not user.reads_everything or program is not None:
        values = values.filter(indicator__in=list_indicators(user, program))
    if indicator is not None:
        values = values.filter(indicator=indicator)
    if region is not None:
        values = values.filter(region=region)
    if period:
        values = values.filter(period=period)
    if period_from is not None:
        values = values.filter(period_start__gte=period_from.start)
    if period_to is not None:
        values = values.filter(period_start__lte=period_to.start)
    if status:
        values = values.filter(status=status)
    if source:
        values = values.filter(source=source)
    return values.order_by("indicator__order", "indicator_id", "period_start", "region__code")


def access_data_value(user: User, value_id: int) -> DataValue:
    """Return the data value when the user may read it; otherwise raise Http404."""
    value = list_data_values(user).filter(pk=value_id).first()
    if value is None:
        raise Http404
    return value


def value_history(value: DataValue) -> QuerySet[DataValueChange]:
    """Return the changes to one data value, newest first."""
    return value.changes.select_related("actor").order_by("-created_at", "-id")


def list_validation_rules(user: User, program: Program | None = None) -> QuerySet[ValidationRule]:
    """Return the validation rules of the programs whose indicators the user may read."""
    if not is_signed_in(user):
        return ValidationRule.objects.none()
    rules = ValidationRule.objects.select_related("indicator", "program")
    if program is not None:
        rules = rules.filter(program=program)
    if not user.reads_everything:
        visible = list_indicators(user, program)
        rules = rules.filter(
            Q(indicator__in=visible)
            | Q(indicator__isnull=True, program__in=visible.values("program"))
        )
    return rules.order_by("program_id", "indicator__order", "kind", "pk")


def access_validation_rule(user: User, rule_id: int) -> ValidationRule:
    """Return the rule when the user may read it; otherwise raise Http404."""
    rule = list_validation_rules(user).filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    return rule


def list_import_jobs(user: User) -> QuerySet[ImportJob]:
    """Return the import jobs the user may see: all for the office, otherwise its own."""
    if not is_signed_in(user):
        return ImportJob.objects.none()
    jobs = ImportJob.objects.select_related("user", "program").defer("errors", "warnings")
    if user.is_office:
        return jobs
    return jobs.filter(user=user)


def access_import_job(user: User, job_id: int) -> ImportJob:
    """Return the job when the user may see it; otherwise raise Http404."""
    job = list_import_jobs(user).defer(None).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def reporting_unit_ids(indicator_ids: Iterable[int]) -> dict[int, set[int]]:
    """Return, per indicator, its reporting units with every collective's members added."""
    through = Indicator.reporting_units.through
    direct: dict[int, set[int]] = defaultdict(set)
    for indicator_id, unit_id in through.objects.filter(
        indicator_id__in=list(indicator_ids)
    ).values_list("indicator_id", "unit_id"):
        direct[indicator_id].add(unit_id)
    collectives = {u for units in direct.values() for u in units}
    members: dict[int, set[int]] = defaultdict(set)
    for collective_id, member_id in Unit.members.through.objects.filter(
        from_unit_id__in=collectives
    ).values_list("from_unit_id", "to_unit_id"):
        members[collective_id].add(member_id)
    return {
        indicator_id: units | {m for u in units for m in members.get(u, set())}
        for indicator_id, units in direct.items()
    }


def descendant_region_ids(root_ids: Iterable[int]) -> set[int]:
    """Return the regions under the roots, the roots included."""
    found = set(root_ids)
    frontier = set(found)
    while frontier:
        frontier = (
            set(Region.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return found


@dataclass
class WriteScope:
    """Who may write which values: built once per request or import, then asked per row.

    The office writes everything. A reporter or unit head writes an indicator its unit reports
    (directly or through a collective such as 各市州政府); a local government's people write
    only their own region and the regions under it.
    """

    is_office: bool
    unit_ids: frozenset[int]
    region_ids: frozenset[int] | None
    reporting: dict[int, set[int]] = field(default_factory=dict)

    def allows(self, indicator_id: int, region_id: int) -> bool:
        if self.is_office:
            return True
        if not self.unit_ids & self.reporting.get(indicator_id, set()):
            return False
        return self.region_ids is None or region_id in self.region_ids

    def may_write_any(self, indicator_id: int) -> bool:
        return self.is_office or bool(self.unit_ids & self.reporting.get(indicator_id, set()))


def write_scope(user: User | None, indicator_ids: Iterable[int] = ()) -> WriteScope:
    """Return the user's write scope over the given indicators (None is the system: all)."""
    if user is None:
        return WriteScope(is_office=True, unit_ids=frozenset(), region_ids=None)
    if not is_signed_in(user) or user.role not in {
        User.Role.OFFICE,
        User.Role.REPORTER,
        User.Role.UNIT_HEAD,
    }:
        return WriteScope(is_office=False, unit_ids=frozenset(), region_ids=frozenset())
    if user.is_office:
        return WriteScope(is_office=True, unit_ids=frozenset(), region_ids=None)
    units = _own_units(user)
    region_ids: frozenset[int] | None = None
    unit = user.unit
    if unit is not None and unit.kind == Unit.Kind.GOVERNMENT and unit.region_id is not None:
        region_ids = frozenset(descendant_region_ids([unit.region_id]))
    return WriteScope(
        is_office=False,
        unit_ids=frozenset(units),
        region_ids=region_ids,
        reporting=reporting_unit_ids(indicator_ids),
    )


def writable_regions(user: User, scope: WriteScope) -> QuerySet[Region]:
    """Return the regions the user may write some value for, province first."""
    regions = Region.objects.exclude(level=Region.Level.COUNTY).order_by("code")
    if scope.region_ids is not None:
        regions = regions.filter(pk__in=scope.region_ids)
    return regions


def province_of(program: Program) -> Region | None:
    """Return the program's region, else the (one) province in the registry."""
    if program.region_id is not None:
        return program.region
    return Region.objects.filter(level=Region.Level.PROVINCE).order_by("code").first()
