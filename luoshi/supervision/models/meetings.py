"""Meetings (联席会议 / 工作例会), their decisions (决定事项) and extension requests (延期申请)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luoshi.org.models import Unit
from luoshi.supervision.models.base import Trackable


class Meeting(models.Model):
    class Kind(models.TextChoices):
        JOINT = "joint", _("联席会议")
        WORK = "work", _("工作例会")

    program = models.ForeignKey("plans.Program", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("会议类型"), max_length=8, choices=Kind.choices)
    date = models.DateField(_("会议日期"))
    title = models.CharField(_("会议名称"), max_length=200)
    attendees = models.ManyToManyField(
        "org.Unit", blank=True, related_name="meetings", verbose_name=_("参会单位")
    )
    minutes = models.TextField(_("会议纪要"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-id"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("推进中")
        CLOSED = "closed", _("已办结")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    program = models.ForeignKey("plans.Program", on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("决定事项"))
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    owners: "models.ManyToManyField[Unit, DecisionOwner]" = models.ManyToManyField(
        "org.Unit", through="DecisionOwner", related_name="decisions", verbose_name=_("责任单位")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["meeting", "number"]
        verbose_name = _("会议决定事项")
        verbose_name_plural = _("会议决定事项")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_unique")
        ]

    def __str__(self) -> str:
        return gettext("%(meeting)s 决定事项%(number)s") % {
            "meeting": self.meeting.title,
            "number": self.number,
        }


class DecisionOwner(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        CO = "co", _("配合")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="owner_rows")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("角色"), max_length=8, choices=Role.choices, default=Role.LEAD)

    class Meta:
        ordering: ClassVar[list[str]] = ["decision", "role", "unit_id"]
        verbose_name = _("决定事项责任单位")
        verbose_name_plural = _("决定事项责任单位")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["decision", "unit"], name="decision_owner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.unit_id} ({self.role})"


class ExtensionRequest(Trackable):
    """A unit's request to move its own deadline for one item; approved ones move it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")

    program = models.ForeignKey(
        "plans.Program", on_delete=models.CASCADE, related_name="extension_requests"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    current_deadline = models.DateField(_("原完成时限"))
    requested_deadline = models.DateField(_("申请延至"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-requested_at", "-id"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            *Trackable.Meta.constraints,
            # One open request per unit and item: a second one waits for the first decision.
            models.UniqueConstraint(
                fields=["task", "unit"],
                condition=models.Q(status="pending", task__isnull=False),
                name="extension_one_pending_per_task",
            ),
            models.UniqueConstraint(
                fields=["decision", "unit"],
                condition=models.Q(status="pending", decision__isnull=False),
                name="extension_one_pending_per_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_deadline__gt=models.F("current_deadline")),
                name="extension_moves_later",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(item)s 延期至 %(date)s") % {
            "item": self.item_label,
            "date": self.requested_deadline.isoformat(),
        }
