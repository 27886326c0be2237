"""Forms of the bulletin pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.periods import parse_period
from luoshi.plans.models import Program
from luoshi.reports.exports import EXPORT_KINDS


class PeriodField(forms.CharField):
    def clean(self, value: Any) -> str:
        text = str(super().clean(value)).strip()
        try:
            return str(parse_period(text))
        except ValueError:
            raise forms.ValidationError(
                _("期间格式应为 2020、2020H1、2020Q3 或 2020-07。")
            ) from None


class DraftForm(forms.Form):
    program = forms.ModelChoiceField(
        label=_("落实工作"), queryset=Program.objects.filter(status=Program.Status.PUBLISHED)
    )
    period = PeriodField(label=_("通报期"), max_length=16, initial="2019Q4")


class ExportForm(DraftForm):
    kind = forms.ChoiceField(
        label=_("导出内容"),
        choices=[
            ("task-split", _("任务分工表")),
            ("indicators", _("指标数据表")),
            ("timeliness", _("报送情况表")),
            ("scorecards", _("考核评分表")),
            ("all", _("全部")),
        ],
    )

    def clean_kind(self) -> str:
        kind = str(self.cleaned_data["kind"])
        assert kind in EXPORT_KINDS
        return kind


class HeaderForm(forms.Form):
    doc_number = forms.CharField(label=_("发文字号"), max_length=64, required=False)
    issuer = forms.CharField(label=_("发文机关"), max_length=100)
    issuer_mark = forms.CharField(label=_("发文机关标志"), max_length=100, required=False)
    addressees = forms.CharField(label=_("主送机关"), max_length=300, required=False)
    cc = forms.CharField(label=_("抄送机关"), max_length=300, required=False)
    printer = forms.CharField(label=_("印发机关"), max_length=100, required=False)
    bulletin_date = forms.DateField(
        label=_("成文日期"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ParagraphForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("段落内容"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
