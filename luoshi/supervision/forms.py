"""Forms for the supervision pages; the actions do the real checks."""

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.periods import parse_period
from luoshi.org.models import Unit
from luoshi.plans.models import Program
from luoshi.supervision.models import (
    Meeting,
    ProgramSupervisionSettings,
    ProgressReport,
    RoundSchedule,
    SupervisionNotice,
)
from luoshi.supervision.models.program_settings import SETTINGS_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _published_programs() -> Any:
    return Program.objects.filter(status=Program.Status.PUBLISHED).order_by("-created_at")


class RoundForm(forms.Form):
    program = forms.ModelChoiceField(label=_("落实工作"), queryset=Program.objects.none())
    period = forms.CharField(
        label=_("报送期"), max_length=16, help_text=_("例：2020、2020H1、2020Q3、2020-07")
    )
    opens_on = forms.DateField(label=_("开始填报"), widget=DateInput())
    due_on = forms.DateField(label=_("截止日期"), widget=DateInput())
    locks_on = forms.DateField(
        label=_("锁定日期"), required=False, widget=DateInput(), help_text=_("可不填。")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = _published_programs()  # type: ignore[attr-defined]

    def clean_period(self) -> str:
        text = self.cleaned_data["period"].strip()
        try:
            return str(parse_period(text))
        except ValueError:
            raise forms.ValidationError(
                _("“%(text)s”不是有效的报送期。") % {"text": text}
            ) from None


class ScheduleForm(forms.Form):
    program = forms.ModelChoiceField(label=_("落实工作"), queryset=Program.objects.none())
    frequency = forms.ChoiceField(label=_("报送频次"), choices=RoundSchedule.Freq.choices)
    due_days_after_period_end = forms.IntegerField(
        label=_("期末后第几天截止"), min_value=0, max_value=90, initial=5
    )
    open_days_before_end = forms.IntegerField(
        label=_("期末前几天开始填报"), min_value=0, max_value=60, initial=5
    )
    lock_days = forms.IntegerField(
        label=_("截止后几天锁定"), min_value=0, max_value=90, required=False
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = _published_programs()  # type: ignore[attr-defined]


class SettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProgramSupervisionSettings
        fields: ClassVar[list[str]] = SETTINGS_FIELDS


class ReportForm(forms.Form):
    progress_status = forms.ChoiceField(
        label=_("进展状态"), choices=ProgressReport.Progress.choices, widget=forms.RadioSelect
    )
    percent_complete = forms.DecimalField(
        label=_("完成进度（%）"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    progress = forms.CharField(
        label=_("进展"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    problems = forms.CharField(
        label=_("问题"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_steps = forms.CharField(
        label=_("下步打算"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("退回原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("佐证材料"))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 5}))


class ReviewAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("审核意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("退回时必填。"),
    )


class UnlockForm(forms.Form):
    until = forms.DateField(label=_("解锁至"), widget=DateInput())


class ExtensionForm(forms.Form):
    requested_deadline = forms.DateField(label=_("申请延至"), widget=DateInput())
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 4}))


class DecideForm(forms.Form):
    note = forms.CharField(
        label=_("审批意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不批准时必填。"),
    )


class MeetingForm(forms.Form):
    program = forms.ModelChoiceField(label=_("落实工作"), queryset=Program.objects.none())
    kind = forms.ChoiceField(label=_("会议类型"), choices=Meeting.Kind.choices)
    date = forms.DateField(label=_("会议日期"), widget=DateInput())
    title = forms.CharField(label=_("会议名称"), max_length=200)
    attendees = forms.ModelMultipleChoiceField(
        label=_("参会单位"),
        queryset=Unit.objects.filter(is_active=True).order_by("kind", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    minutes = forms.CharField(
        label=_("会议纪要"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = _published_programs()  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("决定事项"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_units = forms.ModelMultipleChoiceField(
        label=_("牵头单位"),
        queryset=Unit.objects.filter(is_active=True).order_by("kind", "name"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=Unit.objects.filter(is_active=True).order_by("kind", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    deadline = forms.DateField(label=_("完成时限"), required=False, widget=DateInput())


class InstructionForm(forms.Form):
    text = forms.CharField(label=_("批示内容"), widget=forms.Textarea(attrs={"rows": 4}))
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=Unit.objects.none())
    reply_by = forms.DateField(label=_("答复期限"), required=False, widget=DateInput())

    def __init__(self, *args: Any, unit_ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(is_active=True)
        if unit_ids is not None:
            units = units.filter(pk__in=unit_ids)
        self.fields["unit"].queryset = units.order_by("kind", "name")  # type: ignore[attr-defined]


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("督办单位"), queryset=Unit.objects.none())
    level = forms.ChoiceField(label=_("级别"), choices=SupervisionNotice.Level.choices)
    text = forms.CharField(label=_("督办内容"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, unit_ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(is_active=True)
        if unit_ids is not None:
            units = units.filter(pk__in=unit_ids)
        self.fields["unit"].queryset = units.order_by("kind", "name")  # type: ignore[attr-defined]


class ScorecardForm(forms.Form):
    program = forms.ModelChoiceField(label=_("落实工作"), queryset=Program.objects.none())
    period = forms.CharField(label=_("考核期"), max_length=16, help_text=_("例：2019、2019H2"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = _published_programs()  # type: ignore[attr-defined]

    def clean_period(self) -> str:
        text = self.cleaned_data["period"].strip()
        try:
            return str(parse_period(text))
        except ValueError:
            raise forms.ValidationError(
                _("“%(text)s”不是有效的考核期。") % {"text": text}
            ) from None
