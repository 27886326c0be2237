"""Reminders (催办), in-app notifications, supervision notices (督办单), instructions (批示)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luoshi.supervision.models.base import Answerable
from luoshi.supervision.models.rounds import ProgressReport, ReportingRound


class Reminder(models.Model):
    """One reminder sent for one report; the unique key makes the scheduler idempotent."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(_("提醒"), max_length=32)
    sent_at = models.DateTimeField(_("发送时间"))
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "sent_at"]
        verbose_name = _("催办提醒")
        verbose_name_plural = _("催办提醒")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["report", "key"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.report_id}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"))
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")
        indexes: ClassVar[list[models.Index]] = [
            # Serves the unread count in every page's header.
            models.Index(fields=["user", "read_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class SupervisionNotice(Answerable):
    class Level(models.TextChoices):
        BLUE = "blue", _("蓝色督办单")
        YELLOW = "yellow", _("黄色督办单")
        RED = "red", _("红色督办单")

    class Reason(models.TextChoices):
        DUE_SOON = "due_soon", _("临近截止尚未报送")
        BEHIND = "behind_schedule", _("落后序时进度")
        RETURNED_TWICE = "returned_twice", _("报告两次被退回")
        OVERDUE = "overdue", _("逾期未报送")
        ESCALATED = "escalated", _("黄色督办单逾期未答复")
        MANUAL = "manual", _("督查办发出")

    program = models.ForeignKey(
        "plans.Program", on_delete=models.CASCADE, related_name="supervision_notices"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("级别"), max_length=8, choices=Level.choices)
    reason = models.CharField(_("原因"), max_length=16, choices=Reason.choices)
    # What the notice is about, e.g. "report:55:overdue"; unique per level so a rule fires once.
    key = models.CharField(max_length=120)
    round = models.ForeignKey(
        ReportingRound, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.TextField(_("督办内容"))
    issued_on = models.DateField(_("发出日期"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="escalated_to"
    )
    is_simulated = models.BooleanField(_("模拟数据"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-issued_on", "-id"]
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["level", "key"], name="notice_once_per_level_key")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "reply_by"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.pk}"


class Instruction(Answerable):
    """A leader's instruction (批示) on a task, a report or a notice, addressed to a unit."""

    program = models.ForeignKey(
        "plans.Program", on_delete=models.CASCADE, related_name="instructions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("批示内容"))
    task = models.ForeignKey(
        "plans.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="instructions"
    )
    notice = models.ForeignKey(
        SupervisionNotice,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="instructions",
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(
                    models.Q(task__isnull=False, report__isnull=True, notice__isnull=True)
                    | models.Q(task__isnull=True, report__isnull=False, notice__isnull=True)
                    | models.Q(task__isnull=True, report__isnull=True, notice__isnull=False)
                ),
                name="instruction_one_subject",
            )
        ]

    def __str__(self) -> str:
        return gettext("批示 %(id)s") % {"id": self.pk}

    @property
    def subject_label(self) -> str:
        if self.task_id is not None:
            return str(self.task)
        if self.report_id is not None:
            return str(self.report)
        return str(self.notice)
