"""Import jobs: an uploaded file of values, its progress and its report of bad rows."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.plans.models import Program


class ImportFormat(models.TextChoices):
    CSV = "csv", _("CSV 模板")
    XLSX = "xlsx", _("Excel 模板")
    DHIS2 = "dhis2", _("DHIS2 dataValueSets JSON")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    FAILED = "failed", _("未导入（有错误）")
    SUCCEEDED = "succeeded", _("已导入")


class ImportJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    format = models.CharField(_("格式"), max_length=8, choices=ImportFormat.choices)
    file = models.FileField(_("文件"), upload_to="indicator-imports/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    submit = models.BooleanField(_("导入后直接报送"), default=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    is_background = models.BooleanField(_("后台运行"), default=False)
    phase = models.CharField(_("阶段"), max_length=16, blank=True)
    rows_read = models.PositiveIntegerField(_("已读行数"), default=0)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    updated_count = models.PositiveIntegerField(_("修改"), default=0)
    unchanged_count = models.PositiveIntegerField(_("未变"), default=0)
    error_count = models.PositiveIntegerField(_("错误行数"), default=0)
    # Every bad row: {"line", "column", "code", "params"}; rendered in the reader's language.
    errors = models.JSONField(_("错误"), default=list, blank=True)
    warnings = models.JSONField(_("警告"), default=list, blank=True)
    message = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.FAILED, ImportStatus.SUCCEEDED}
