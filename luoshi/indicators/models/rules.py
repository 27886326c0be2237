"""Validation rules (DHIS2-style): per value, per prefecture set, per time series."""

from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.indicators.models.fields import ExactDecimalField
from luoshi.indicators.models.indicators import Indicator
from luoshi.plans.models import Program


class RuleKind(models.TextChoices):
    RANGE = "range", _("取值范围")
    NON_NEGATIVE = "non_negative", _("非负")
    INTEGER = "integer", _("整数")
    PERCENT = "percent", _("百分比在 0–100 之间")
    SUM_VS_TOTAL = "sum_vs_total", _("市州合计与全省总数相符")
    JUMP = "jump", _("环比变化过大")
    OUTLIER = "outlier", _("异常值（修正 Z 分数）")


# Rules that look at one value alone: an import or a save can check them row by row.
VALUE_RULES = frozenset({RuleKind.RANGE, RuleKind.NON_NEGATIVE, RuleKind.INTEGER, RuleKind.PERCENT})


class Importance(models.TextChoices):
    HIGH = "high", _("高（阻止报送）")
    MEDIUM = "medium", _("中（警告）")
    LOW = "low", _("低（提示）")


class ValidationRule(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="validation_rules")
    # None: the rule applies to every indicator of the program it fits.
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="rules"
    )
    kind = models.CharField(_("规则类型"), max_length=16, choices=RuleKind.choices)
    name = models.CharField(_("名称"), max_length=200, blank=True)
    importance = models.CharField(
        _("重要程度"), max_length=8, choices=Importance.choices, default=Importance.MEDIUM
    )
    min_value = ExactDecimalField(_("下限"), null=True, blank=True)
    max_value = ExactDecimalField(_("上限"), null=True, blank=True)
    # sum_vs_total: allowed relative gap (0.01 = 1%); jump: relative change; outlier: |M|.
    threshold = models.DecimalField(
        _("阈值"), max_digits=12, decimal_places=6, null=True, blank=True
    )
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "indicator", "kind", "pk"]
        verbose_name = _("校验规则")
        verbose_name_plural = _("校验规则")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    @property
    def is_blocking(self) -> bool:
        return self.importance == Importance.HIGH

    DEFAULT_THRESHOLDS: ClassVar[dict[str, Decimal]] = {
        RuleKind.SUM_VS_TOTAL: Decimal("0.01"),
        RuleKind.JUMP: Decimal("0.5"),
        RuleKind.OUTLIER: Decimal("3.5"),
    }

    @property
    def effective_threshold(self) -> Decimal | None:
        if self.threshold is not None:
            return self.threshold
        return self.DEFAULT_THRESHOLDS.get(self.kind)
