"""Bulletins (通报): drafts the office edits, and issued versions stored with their files."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.periods import Period, parse_period


class Bulletin(models.Model):
    """One version of a program's bulletin for a period.

    A draft is rebuilt from live numbers every time it is shown; issuing renders the .docx
    and .pdf once, stores them and freezes the row. Issuing again means a new draft, hence a
    new version: issued versions never change.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ISSUED = "issued", _("已印发")

    program = models.ForeignKey("plans.Program", on_delete=models.PROTECT, related_name="bulletins")
    period = models.CharField(_("通报期"), max_length=16)
    version = models.PositiveIntegerField(_("版本"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=100)
    issuer_mark = models.CharField(_("发文机关标志"), max_length=100, blank=True)
    doc_number = models.CharField(_("发文字号"), max_length=64, blank=True)
    addressees = models.CharField(_("主送机关"), max_length=300, blank=True)
    cc = models.CharField(_("抄送机关"), max_length=300, blank=True)
    printer = models.CharField(_("印发机关"), max_length=100, blank=True)
    bulletin_date = models.DateField(_("成文日期"))
    # The day the lights and "unanswered" are judged on; frozen when issued.
    as_of = models.DateField(_("数据截至"))
    narrative_overrides = models.JSONField(_("修改的段落"), default=dict, blank=True)
    # Key numbers of the issued text, so a later reader can compare them with live ones.
    figures = models.JSONField(_("主要数字"), default=dict, blank=True)
    docx_file = models.FileField(_("Word 文件"), upload_to="bulletins/", max_length=255, blank=True)
    pdf_file = models.FileField(_("PDF 文件"), upload_to="bulletins/", max_length=255, blank=True)
    is_simulated = models.BooleanField(_("模拟数据"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "-period", "-version"]
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["program", "period", "version"], name="bulletin_version_unique"
            ),
            # At most one draft per program and period: a second "new draft" returns it.
            models.UniqueConstraint(
                fields=["program", "period"],
                condition=models.Q(status="draft"),
                name="bulletin_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.period} v{self.version}"

    @property
    def period_obj(self) -> Period:
        return parse_period(self.period)

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED
