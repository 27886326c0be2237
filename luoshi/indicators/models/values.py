"""Data values (indicator × region × period) and the history of every change to one."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.indicators.models.fields import ExactDecimalField
from luoshi.indicators.models.indicators import Indicator
from luoshi.org.models import Region


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    APPROVED = "approved", _("已审核")
    RETURNED = "returned", _("已退回")


class ValueSource(models.TextChoices):
    REPORTED = "reported", _("填报")
    BULLETIN = "bulletin", _("统计公报")
    IMPORT = "import", _("导入")
    SIMULATED = "simulated", _("模拟数据")


class DataValue(models.Model):
    # No single-column indexes on indicator and region: data_value_unique (indicator, region,
    # period) and the (region, period) index lead with them, and every index costs each of
    # the millions of rows an import or COPY writes.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", db_index=False
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_index=False)
    period = models.CharField(_("期间"), max_length=8)
    # The period's first day: orders and filters values by time (period strings do not sort).
    period_start = models.DateField()
    value = ExactDecimalField(_("数值"))
    status = models.CharField(
        _("状态"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.DRAFT
    )
    source = models.CharField(
        _("来源"), max_length=12, choices=ValueSource.choices, default=ValueSource.REPORTED
    )
    comment = models.TextField(_("备注"), blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    # Optimistic locking: a save carrying an older version is refused, never merged silently.
    version = models.PositiveIntegerField(default=1)
    import_job = models.ForeignKey(
        "indicators.ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["indicator", "period_start", "region__code"]
        verbose_name = _("指标数据")
        verbose_name_plural = _("指标数据")
        # On PostgreSQL migration 0002 rebuilds data_value_unique's index covering
        # (period_start, value, status): a roll-up over all regions of one level then reads
        # the index alone, 60 entries per region, instead of every value of the indicator.
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period"], name="data_value_unique"
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            # Serves the indicator page and analytics: one indicator's values in time order.
            models.Index(fields=["indicator", "period_start"]),
            # Serves the entry grid and approvals: one region's values for a period.
            models.Index(fields=["region", "period"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region.code} {self.period}"

    @property
    def is_locked(self) -> bool:
        """Return whether the value is approved and so closed to edits (simulated ones yield)."""
        return self.status == ValueStatus.APPROVED and self.source != ValueSource.SIMULATED

    @property
    def is_simulated(self) -> bool:
        return self.source == ValueSource.SIMULATED


class DataValueChange(models.Model):
    """One change to a data value: what it was, what it became, who, when and through what."""

    class Action(models.TextChoices):
        CREATED = "created", _("新建")
        UPDATED = "updated", _("修改")
        SUBMITTED = "submitted", _("报送")
        APPROVED = "approved", _("审核通过")
        RETURNED = "returned", _("退回")
        REOPENED = "reopened", _("撤销审核")
        IMPORTED = "imported", _("导入")
        SIMULATED = "simulated", _("模拟")

    data_value = models.ForeignKey(DataValue, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    old_value = ExactDecimalField(_("原值"), null=True, blank=True)
    new_value = ExactDecimalField(_("新值"), null=True, blank=True)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    old_source = models.CharField(max_length=12, blank=True)
    new_source = models.CharField(max_length=12, blank=True)
    comment = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    import_job = models.ForeignKey(
        "indicators.ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["data_value", "-created_at", "-id"]
        verbose_name = _("数据变更")
        verbose_name_plural = _("数据变更")

    def __str__(self) -> str:
        return f"{self.action} {self.data_value_id}"
