"""Indicators (what is measured) and their targets (value, year, region, baseline, allocation)."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.periods import PeriodKind
from luoshi.indicators.models.fields import ExactDecimalField
from luoshi.org.models import Region, Unit
from luoshi.plans.models import Program, Target


class Direction(models.TextChoices):
    MORE = "more", _("越大越好")
    LESS = "less", _("越小越好")


class Aggregation(models.TextChoices):
    SUM = "sum", _("求和")
    WEIGHTED_AVERAGE = "weighted_average", _("按人口加权平均")
    NONE = "none", _("不汇总")


class PeriodType(models.TextChoices):
    YEAR = PeriodKind.YEAR.value, _("年")
    HALF = PeriodKind.HALF.value, _("半年")
    QUARTER = PeriodKind.QUARTER.value, _("季度")
    MONTH = PeriodKind.MONTH.value, _("月")


class Indicator(models.Model):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="indicators")
    # The identifier import files and the API use (DHIS2 dataElement); stable once data exist.
    code = models.SlugField(_("指标代码"), max_length=64, unique=True)
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("计量单位"), max_length=32, blank=True)
    direction = models.CharField(
        _("方向"), max_length=8, choices=Direction.choices, default=Direction.MORE
    )
    aggregation = models.CharField(
        _("区域汇总方式"), max_length=20, choices=Aggregation.choices, default=Aggregation.SUM
    )
    period_type = models.CharField(
        _("报送周期"), max_length=8, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    definition = models.TextField(_("指标定义"), blank=True)
    reporting_units = models.ManyToManyField(
        Unit, blank=True, related_name="reported_indicators", verbose_name=_("报送单位")
    )
    source_target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "order", "pk"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self) -> str:
        return self.name

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() in {"%", "％"}

    @property
    def sign(self) -> int:
        return 1 if self.direction == Direction.MORE else -1


class AllocationMethod(models.TextChoices):
    NONE = "", _("未分解")
    POPULATION = "population", _("按人口比例")
    MANUAL = "manual", _("手工分解")


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    plan_target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicator_targets"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    comparator = models.CharField(
        _("比较"), max_length=8, choices=Target.Comparator.choices, default=Target.Comparator.GTE
    )
    value = ExactDecimalField(_("目标值"))
    value_min = ExactDecimalField(_("目标下限"), null=True, blank=True)
    year = models.PositiveIntegerField(_("目标年份"))
    scope = models.CharField(_("范围"), max_length=64, blank=True)
    baseline_value = ExactDecimalField(_("基期值"), null=True, blank=True)
    baseline_year = models.PositiveIntegerField(_("基期年份"), null=True, blank=True)
    # One or more links, separated by " ; " when a derived value cites several sources.
    baseline_source_url = models.CharField(_("基期值来源"), max_length=500, blank=True)
    baseline_quote = models.TextField(_("来源原文"), blank=True)
    # True for a baseline computed from published figures (a ratio, a population share).
    baseline_is_derived = models.BooleanField(_("推算值"), default=False)
    baseline_note = models.TextField(_("基期值说明"), blank=True)
    # A prefecture's share of a province target points at the province row.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="allocations"
    )
    allocation_method = models.CharField(
        _("分解方式"),
        max_length=16,
        choices=AllocationMethod.choices,
        default=AllocationMethod.NONE,
        blank=True,
    )
    allocation_share = models.DecimalField(
        _("分解比例"), max_digits=12, decimal_places=10, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["indicator", "year", "region__code"]
        verbose_name = _("指标目标")
        verbose_name_plural = _("指标目标")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year"], name="indicator_target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.region} {self.year}"

    @property
    def has_baseline(self) -> bool:
        return self.baseline_value is not None and self.baseline_year is not None
