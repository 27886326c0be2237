"""Forms for the import, review and task-list pages."""

import re
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from luoshi.org.models import Region, Unit
from luoshi.plans.models import Responsibility, Section

ALLOWED_SUFFIXES = (".txt", ".docx", ".html", ".htm")
_NAME_SPLIT = re.compile(r"[、，,;；\n\r]+")


def split_names(value: str) -> list[str]:
    """Return unit names typed one per line or separated by 、 or commas."""
    return [n.strip() for n in _NAME_SPLIT.split(value or "") if n.strip()]


class PolicySourceForm(forms.Form):
    file = forms.FileField(
        label=_("政策文件"),
        required=False,
        help_text=_("支持 .txt、.docx、.html 格式。"),
        error_messages={
            "empty": _("文件是空的，请检查后重新上传。"),
            "invalid": _("没有收到文件，请重新选择后上传。"),
        },
    )
    text = forms.CharField(
        label=_("或直接粘贴正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("file")
        if upload is None:
            return None
        suffix = PurePath(upload.name or "").suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("不支持“%(suffix)s”格式的文件，请上传 .txt、.docx 或 .html 文件。"),
                params={"suffix": suffix or _("无扩展名")},
            )
        limit = settings.UPLOAD_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("文件过大（%(size)s MB），上限为 %(limit)s MB。"),
                params={
                    "size": f"{upload.size / 1048576:.1f}",
                    "limit": f"{limit / 1048576:.0f}",
                },
            )
        if upload.size == 0:
            raise forms.ValidationError(_("文件是空的，请检查后重新上传。"))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file = data.get("file") is not None
        has_text = bool((data.get("text") or "").strip())
        if has_file == has_text and not self.errors:
            raise forms.ValidationError(_("请上传一个文件或粘贴正文（二选一）。"))
        return data


class ImportForm(PolicySourceForm):
    name = forms.CharField(
        label=_("落实工作名称"),
        max_length=200,
        required=False,
        help_text=_("留空则按文件标题生成，如《……》落实工作。"),
    )
    slug = forms.SlugField(
        label=_("标识"),
        max_length=64,
        required=False,
        help_text=_("用于网址的英文标识，可留空。"),
    )
    region = forms.ModelChoiceField(
        label=_("行政区划"),
        queryset=Region.objects.filter(
            level__in=[Region.Level.PROVINCE, Region.Level.PREFECTURE]
        ).order_by("code"),
        required=False,
    )
    start_date = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("完成期限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("完成期限不能早于开始日期。"))
        return data


class PlanTaskForm(forms.Form):
    units = forms.CharField(
        label=_("责任单位"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个，或用顿号分隔，按原文顺序。"),
    )
    lead_units = forms.CharField(label=_("牵头单位"), help_text=_("多个用顿号分隔。"))

    def clean_units(self) -> list[str]:
        return split_names(self.cleaned_data["units"])

    def clean_lead_units(self) -> list[str]:
        return split_names(self.cleaned_data["lead_units"])


class UnitNameForm(forms.Form):
    NEW = "new"

    choice = forms.CharField(label=_("对应单位"))
    kind = forms.ChoiceField(label=_("新单位类型"), choices=Unit.Kind.choices, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("choice")
        if choice == self.NEW:
            if not data.get("kind"):
                self.add_error("kind", _("新建单位时请选择单位类型。"))
            data["unit"] = None
        elif choice:
            unit = Unit.objects.filter(pk=int(choice) if choice.isdigit() else 0).first()
            if unit is None:
                self.add_error("choice", _("请选择名录中的单位，或选择新建单位。"))
            data["unit"] = unit
        return data


class PlanTargetForm(forms.Form):
    value = forms.DecimalField(label=_("目标值"), required=False, max_digits=24, decimal_places=6)
    year = forms.IntegerField(label=_("年份"), required=False, min_value=1949, max_value=2100)
    unit = forms.CharField(label=_("计量单位"), required=False, max_length=32)


class TaskFilterForm(forms.Form):
    ROLE_CHOICES = (("", _("全部角色")), *Responsibility.Role.choices)
    STATUS_CHOICES = (("active", _("有效")), ("removed", _("已撤销")), ("all", _("全部")))

    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    section = forms.ModelChoiceField(
        label=_("条款"), queryset=Section.objects.none(), required=False, empty_label=_("全部条款")
    )
    unit = forms.ModelChoiceField(
        label=_("单位"), queryset=Unit.objects.none(), required=False, empty_label=_("全部单位")
    )
    role = forms.ChoiceField(label=_("角色"), choices=ROLE_CHOICES, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args: Any, sections: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        section_field = self.fields["section"]
        unit_field = self.fields["unit"]
        assert isinstance(section_field, forms.ModelChoiceField)
        assert isinstance(unit_field, forms.ModelChoiceField)
        section_field.queryset = sections
        unit_field.queryset = units
