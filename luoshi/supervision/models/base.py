"""Shared pieces: the tracked item (a task or a meeting decision) and the answer workflow."""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from luoshi.plans.models import Task
    from luoshi.supervision.models.meetings import Decision


class Trackable(models.Model):
    """A row about exactly one tracked item: a plan task or a meeting decision.

    Two nullable foreign keys and a check constraint keep real referential integrity (no
    generic relation): the database refuses a row with neither or both.
    """

    task = models.ForeignKey(
        "plans.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        "supervision.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(models.Q(task__isnull=False) & models.Q(decision__isnull=True))
                | (models.Q(task__isnull=True) & models.Q(decision__isnull=False)),
                name="%(app_label)s_%(class)s_one_item",
            )
        ]

    @property
    def item(self) -> "Task | Decision":
        item = self.task if self.task_id is not None else self.decision
        assert item is not None
        return item

    @property
    def item_key(self) -> str:
        return (
            f"task:{self.task_id}" if self.task_id is not None else f"decision:{self.decision_id}"
        )

    @property
    def item_label(self) -> str:
        return str(self.item)


class AnswerStatus(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复待审核")
    ACCEPTED = "accepted", _("已办结")
    RETURNED = "returned", _("答复被退回")
    ESCALATED = "escalated", _("已升级")


class Answerable(models.Model):
    """A record the addressed unit must answer in writing and the office then reviews."""

    status = models.CharField(
        _("状态"), max_length=16, choices=AnswerStatus.choices, default=AnswerStatus.OPEN
    )
    reply_by = models.DateField(_("答复期限"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_awaiting_answer(self) -> bool:
        return self.status in (AnswerStatus.OPEN, AnswerStatus.RETURNED)

    @property
    def is_closed(self) -> bool:
        return self.status in (AnswerStatus.ACCEPTED, AnswerStatus.ESCALATED)
