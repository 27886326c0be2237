"""Per-program supervision settings: head sign-off, light thresholds, notice days, score rules."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luoshi.supervision.lights import Thresholds
from luoshi.supervision.scoring import ScoringRules

# The settings the office edits (form) and the action saves and audits.
SETTINGS_FIELDS = [
    "requires_head_signoff",
    "yellow_due_days",
    "behind_points",
    "notice_reply_days",
    "overdue_notice_days",
    "score_base",
    "score_lead_on_time",
    "score_co_on_time",
    "score_lead_overdue",
    "score_co_overdue",
    "score_returned",
    "score_red_notice",
]


class ProgramSupervisionSettings(models.Model):
    program = models.OneToOneField(
        "plans.Program", on_delete=models.CASCADE, related_name="supervision_settings"
    )
    requires_head_signoff = models.BooleanField(_("报告须经单位负责人审签"), default=False)
    yellow_due_days = models.PositiveSmallIntegerField(_("截止前几天未报亮黄灯"), default=3)
    behind_points = models.DecimalField(
        _("落后序时进度多少个百分点亮黄灯"), max_digits=5, decimal_places=2, default=Decimal(15)
    )
    notice_reply_days = models.PositiveSmallIntegerField(_("督办单答复期限（天）"), default=5)
    overdue_notice_days = models.PositiveSmallIntegerField(_("逾期几天发红色督办单"), default=3)
    score_base = models.DecimalField(
        _("基础分"), max_digits=6, decimal_places=2, default=Decimal(100)
    )
    score_lead_on_time = models.DecimalField(
        _("按时通过（牵头）"), max_digits=6, decimal_places=2, default=Decimal(2)
    )
    score_co_on_time = models.DecimalField(
        _("按时通过（配合）"), max_digits=6, decimal_places=2, default=Decimal(1)
    )
    score_lead_overdue = models.DecimalField(
        _("逾期（牵头）"), max_digits=6, decimal_places=2, default=Decimal(-5)
    )
    score_co_overdue = models.DecimalField(
        _("逾期（配合）"), max_digits=6, decimal_places=2, default=Decimal("-2.5")
    )
    score_returned = models.DecimalField(
        _("被退回"), max_digits=6, decimal_places=2, default=Decimal(-2)
    )
    score_red_notice = models.DecimalField(
        _("红色督办单"), max_digits=6, decimal_places=2, default=Decimal(-5)
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("督办设置")
        verbose_name_plural = _("督办设置")

    def __str__(self) -> str:
        return gettext("%(program)s 督办设置") % {"program": self.program}

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(
            yellow_due_days=self.yellow_due_days, behind_points=Decimal(self.behind_points)
        )

    @property
    def scoring_rules(self) -> ScoringRules:
        return ScoringRules(
            base=Decimal(self.score_base),
            lead_on_time=Decimal(self.score_lead_on_time),
            co_on_time=Decimal(self.score_co_on_time),
            lead_overdue=Decimal(self.score_lead_overdue),
            co_overdue=Decimal(self.score_co_overdue),
            returned=Decimal(self.score_returned),
            red_notice=Decimal(self.score_red_notice),
        )
