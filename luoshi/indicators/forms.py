"""Forms of the indicator pages: indicators, targets, allocation, imports, review."""

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from luoshi.indicators.models import (
    Aggregation,
    AllocationMethod,
    Direction,
    Indicator,
    IndicatorTarget,
    PeriodType,
)
from luoshi.org.models import Unit
from luoshi.plans.models import Program


class IndicatorForm(forms.ModelForm):  # type: ignore[type-arg]
    reporting_units = forms.ModelMultipleChoiceField(
        label=_("报送单位"),
        queryset=Unit.objects.filter(is_active=True).order_by("kind", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Indicator
        fields: ClassVar[list[str]] = [
            "code",
            "name",
            "unit",
            "direction",
            "aggregation",
            "period_type",
            "definition",
        ]
        widgets: ClassVar[dict[str, Any]] = {"definition": forms.Textarea(attrs={"rows": 3})}


class NewIndicatorForm(IndicatorForm):
    program = forms.ModelChoiceField(
        label=_("落实工作"), queryset=Program.objects.filter(status=Program.Status.PUBLISHED)
    )
    target_value = forms.DecimalField(
        label=_("全省目标值"), required=False, max_digits=24, decimal_places=6
    )
    target_year = forms.IntegerField(label=_("目标年份"), required=False, min_value=2000)

    class Meta(IndicatorForm.Meta):
        pass


class TargetForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = IndicatorTarget
        fields: ClassVar[list[str]] = [
            "comparator",
            "value",
            "year",
            "baseline_value",
            "baseline_year",
            "baseline_source_url",
            "baseline_quote",
            "baseline_is_derived",
            "baseline_note",
        ]
        widgets: ClassVar[dict[str, Any]] = {
            "baseline_quote": forms.Textarea(attrs={"rows": 3}),
            "baseline_note": forms.Textarea(attrs={"rows": 2}),
        }


class AllocationForm(forms.Form):
    method = forms.ChoiceField(
        label=_("分解方式"),
        choices=[
            (AllocationMethod.POPULATION, _("按人口比例")),
            (AllocationMethod.MANUAL, _("手工分解")),
        ],
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("数据文件"), help_text=_("CSV 或 Excel 模板，或 DHIS2 dataValueSets JSON。")
    )
    submit_values = forms.BooleanField(label=_("导入后直接报送"), required=False, initial=True)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("文件超过 %(mb)s MB。") % {"mb": settings.UPLOAD_MAX_BYTES // 1048576}
            )
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


CHOICES = {
    "direction": Direction.choices,
    "aggregation": Aggregation.choices,
    "period_type": PeriodType.choices,
}
