"""Reporting rounds, their schedules, progress reports and evidence files."""

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.periods import Period, parse_period
from luoshi.supervision.models.base import Trackable
from luoshi.supervision.schedule import Frequency
from luoshi.supervision.texts import period_label


class RoundSchedule(models.Model):
    class Freq(models.TextChoices):
        MONTHLY = Frequency.MONTHLY.value, _("每月")
        QUARTERLY = Frequency.QUARTERLY.value, _("每季度")
        HALF_YEAR = Frequency.HALF_YEAR.value, _("每半年")
        YEAR = Frequency.YEAR.value, _("每年")

    program = models.ForeignKey(
        "plans.Program", on_delete=models.CASCADE, related_name="round_schedules"
    )
    frequency = models.CharField(_("报送频次"), max_length=16, choices=Freq.choices)
    due_days_after_period_end = models.PositiveSmallIntegerField(_("期末后第几天截止"), default=5)
    open_days_before_end = models.PositiveSmallIntegerField(_("期末前几天开始填报"), default=5)
    lock_days = models.PositiveSmallIntegerField(
        _("截止后几天锁定"), null=True, blank=True, help_text=_("留空表示不自动锁定。")
    )
    starts_on = models.DateField(_("起始日期"), null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "frequency"]
        verbose_name = _("报送计划")
        verbose_name_plural = _("报送计划")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["program", "frequency"], name="schedule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.get_frequency_display()}"


class ReportingRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("填报中")
        CLOSED = "closed", _("已结束")
        LOCKED = "locked", _("已锁定")

    program = models.ForeignKey(
        "plans.Program", on_delete=models.CASCADE, related_name="reporting_rounds"
    )
    period = models.CharField(_("报送期"), max_length=16)
    # Copies of the period's dates: rounds sort and filter by them in SQL.
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    opens_on = models.DateField(_("开始填报"))
    due_on = models.DateField(_("截止日期"))
    locks_on = models.DateField(_("锁定日期"), null=True, blank=True)
    # The office's unlock: edits are allowed through this day despite the lock.
    unlocked_until = models.DateField(_("解锁至"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    schedule = models.ForeignKey(
        RoundSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_simulated = models.BooleanField(_("模拟数据"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "-period_start", "period"]
        verbose_name = _("报送轮次")
        verbose_name_plural = _("报送轮次")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["program", "period"], name="round_period_unique"),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("opens_on")), name="round_due_after_open"
            ),
        ]

    def __str__(self) -> str:
        return period_label(self.period_obj)

    @property
    def period_obj(self) -> Period:
        return parse_period(self.period)

    def is_locked_on(self, today: date) -> bool:
        """Return whether edits are refused today (closed, locked, or past the lock date)."""
        if self.unlocked_until is not None and today <= self.unlocked_until:
            return False
        if self.status != self.Status.OPEN:
            return True
        return self.locks_on is not None and today > self.locks_on


class ProgressReport(Trackable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PENDING_SIGNOFF = "pending_signoff", _("待负责人审签")
        SUBMITTED = "submitted", _("已报送")
        ACCEPTED = "accepted", _("已通过")
        RETURNED = "returned", _("已退回")

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("未启动")
        ON_TRACK = "on_track", _("按计划推进")
        DELAYED = "delayed", _("滞后")
        COMPLETED = "completed", _("已完成")

    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        CO = "co", _("配合")

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="progress_reports")
    role = models.CharField(_("角色"), max_length=8, choices=Role.choices, default=Role.LEAD)
    # The lead unit's report on a task with co-units is the consolidated one (汇总报告).
    is_consolidated = models.BooleanField(_("汇总报告"), default=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    progress_status = models.CharField(
        _("进展状态"), max_length=16, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    percent_complete = models.DecimalField(
        _("完成进度（%）"), max_digits=5, decimal_places=2, default=0
    )
    progress = models.TextField(_("进展"), blank=True)
    problems = models.TextField(_("问题"), blank=True)
    next_steps = models.TextField(_("下步打算"), blank=True)
    return_reason = models.TextField(_("退回原因"), blank=True)
    return_count = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    # Optimistic locking: every save bumps it; a save naming an older version is refused.
    version = models.PositiveIntegerField(_("版本"), default=0)
    first_submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set at the first submission: was it handed in by the round's due date?
    is_on_time = models.BooleanField(_("按时报送"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("审签时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    # A per-report exception to the round's lock, granted by the office.
    unlocked_until = models.DateField(_("单独解锁至"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), null=True, blank=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["round", "task_id", "decision_id", "role", "unit_id"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            *Trackable.Meta.constraints,
            models.UniqueConstraint(
                fields=["round", "task", "unit"],
                condition=models.Q(task__isnull=False),
                name="report_task_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["round", "decision", "unit"],
                condition=models.Q(decision__isnull=False),
                name="report_decision_unit_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(percent_complete__gte=0) & models.Q(percent_complete__lte=100),
                name="report_percent_0_100",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            # Serves "my reports" and the review queue.
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["round", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.item_label} · {self.unit}"

    @property
    def is_handed_in(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED)

    @property
    def is_editable_state(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def is_locked_on(self, today: date) -> bool:
        """Return whether the round's lock applies to this report today."""
        if self.unlocked_until is not None and today <= self.unlocked_until:
            return False
        return self.round.is_locked_on(today)


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/", max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    file_type = models.CharField(_("类型"), max_length=8)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "uploaded_at", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.original_name
