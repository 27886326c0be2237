"""Forms of the org pages; each validates input only, actions do the writing."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.org.models import Region, Unit, UnitAlias, User


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部类型")), *Unit.Kind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("地区"),
        required=False,
        queryset=Region.objects.exclude(level=Region.Level.COUNTY),
        to_field_name="code",
        empty_label=_("全部地区"),
    )
    is_active = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), ("1", _("有效")), ("0", _("已撤并"))],
    )


class UnitForm(forms.Form):
    name = forms.CharField(
        label=_("规范名称"),
        max_length=128,
        help_text=_("政策文件中常用的简称，如“省发展改革委”。"),
    )
    full_name = forms.CharField(label=_("全称"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=Unit.Kind.choices)
    region = forms.ModelChoiceField(
        label=_("地区"),
        required=False,
        queryset=Region.objects.exclude(level=Region.Level.COUNTY),
        empty_label=_("（无）"),
    )


class AliasForm(forms.Form):
    alias = forms.CharField(label=_("别名"), max_length=200)
    kind = forms.ChoiceField(label=_("别名类型"), choices=UnitAlias.Kind.choices)


class SuccessionForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("继任单位"),
        queryset=Unit.objects.filter(is_active=True),
        help_text=_("机构改革后承接本单位职责的单位。"),
    )
    succeeded_on = forms.DateField(
        label=_("改革日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("不确定时留空。"),
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["successor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(is_active=True).exclude(pk=unit.pk)


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("重复的单位"),
        queryset=Unit.objects.all(),
        help_text=_("该单位的别名、用户、集合成员和任务分工都会并入本单位，然后删除该单位。"),
    )
    confirm = forms.BooleanField(
        label=_("我确认合并，此操作不能撤销"),
        error_messages={"required": _("请勾选确认后再合并。")},
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["duplicate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.exclude(pk=unit.pk)


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("角色"), required=False, choices=[("", _("全部角色")), *User.Role.choices]
    )
    is_active = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), ("1", _("在用")), ("0", _("已停用"))],
    )


class UserForm(forms.Form):
    username = forms.CharField(
        label=_("用户名"), max_length=150, help_text=_("登录用，字母、数字和 @/./+/-/_。")
    )
    display_name = forms.CharField(label=_("姓名"), max_length=64)
    role = forms.ChoiceField(label=_("角色"), choices=User.Role.choices)
    unit = forms.ModelChoiceField(
        label=_("单位"),
        required=False,
        queryset=Unit.objects.filter(is_active=True).exclude(kind=Unit.Kind.COLLECTIVE),
        empty_label=_("（无）"),
        help_text=_("填报人和单位负责人必填。"),
    )
    email = forms.EmailField(label=_("邮箱"), required=False)
    phone = forms.CharField(label=_("手机"), max_length=32, required=False)
    password = forms.CharField(
        label=_("初始密码"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("留空则向邮箱发送设置密码的邀请。"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("password") and not data.get("email"):
            self.add_error("email", _("不设初始密码时必须填写邮箱，用于发送邀请。"))
        return data


class InviteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("单位"),
        queryset=Unit.objects.filter(is_active=True).exclude(kind=Unit.Kind.COLLECTIVE),
    )
    role = forms.ChoiceField(
        label=_("角色"),
        choices=[
            (User.Role.REPORTER.value, User.Role.REPORTER.label),
            (User.Role.UNIT_HEAD.value, User.Role.UNIT_HEAD.label),
        ],
    )
    emails = forms.CharField(
        label=_("邮箱"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("每行一个邮箱；邮箱即用户名。"),
    )

    def email_list(self) -> list[str]:
        text: str = self.cleaned_data["emails"]
        return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class BulkImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("Excel 文件"), help_text=_("使用下载的模板（.xlsx），一行一个用户。")
    )

    def clean_workbook(self) -> Any:
        upload = self.cleaned_data["workbook"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的文件（不支持 .xls 或 .csv）。"))
        return upload


class AuditFilterForm(forms.Form):
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    actor = forms.CharField(label=_("操作人用户名"), required=False, max_length=150)
    action = forms.CharField(label=_("操作"), required=False, max_length=64)
    since = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["object_type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("全部")), *((t, t) for t in object_types)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("截止日期不能早于起始日期。"))
        return data


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("令牌名称"), max_length=64, help_text=_("说明用途，例如“数据报送脚本”。")
    )
