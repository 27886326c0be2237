"""The words of the pure modules in the reader's language: lights, score lines, file refusals.

`lights`, `scoring` and `files` import no Django, so they return stable codes with their
parameters and keep a Chinese text for logs and the API. Pages render the same sentences here
through gettext, one whole message per sentence with named placeholders; the Chinese msgids
are exactly the pure modules' texts (a test holds them together).
"""

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from luoshi.core.periods import Period, PeriodKind
from luoshi.supervision.files import ALLOWED_TYPES, EvidenceFileError
from luoshi.supervision.lights import RULE_TEXTS_ZH, Light
from luoshi.supervision.scoring import EventKind

__all__ = [
    "evidence_error_text",
    "input_label",
    "light_color_label",
    "light_inputs",
    "light_text",
    "period_label",
    "score_label",
    "state_label",
]

_RULE_TEXTS: dict[str, Promise] = {
    "overdue": gettext_lazy("报送截止日期 %(due_on)s 已过，尚无通过审核的报告。"),
    "delayed_twice": gettext_lazy("连续两轮报告进展滞后。"),
    "behind_schedule": gettext_lazy(
        "完成进度 %(percent)s%% 低于序时进度 %(expected)s%% 减 %(behind_points)s 个百分点。"
    ),
    "reported_delayed": gettext_lazy("本轮报告进展滞后。"),
    "on_track": gettext_lazy("按期报送，进度不低于序时进度要求。"),
}

_INPUT_LABELS: dict[str, Promise] = {
    "today": gettext_lazy("今天"),
    "due_on": gettext_lazy("报送截止日期"),
    "report_status": gettext_lazy("报告状态"),
    "progress_status": gettext_lazy("进展状态"),
    "previous_progress_status": gettext_lazy("上一轮进展状态"),
    "percent_complete": gettext_lazy("完成进度（%）"),
    "expected_percent": gettext_lazy("序时进度（%）"),
    "span": gettext_lazy("任务期限"),
    "as_of": gettext_lazy("进度计算日期"),
    "yellow_due_days": gettext_lazy("截止前亮黄灯天数"),
    "behind_points": gettext_lazy("落后序时进度阈值（百分点）"),
}

_STATE_LABELS: dict[str, Promise] = {
    "missing": gettext_lazy("未报送"),
    "draft": gettext_lazy("草稿"),
    "pending_signoff": gettext_lazy("待负责人审签"),
    "submitted": gettext_lazy("已报送"),
    "accepted": gettext_lazy("已通过"),
    "returned": gettext_lazy("已退回"),
    "not_started": gettext_lazy("未启动"),
    "on_track": gettext_lazy("按计划推进"),
    "delayed": gettext_lazy("滞后"),
    "completed": gettext_lazy("已完成"),
}
_STATE_INPUTS = {"report_status", "progress_status", "previous_progress_status"}

_SCORE_LABELS: dict[EventKind, Promise] = {
    EventKind.ACCEPTED_ON_TIME: gettext_lazy("按时报送并通过审核"),
    EventKind.OVERDUE: gettext_lazy("逾期未报送"),
    EventKind.RETURNED: gettext_lazy("报告被退回"),
    EventKind.RED_NOTICE: gettext_lazy("收到红色督办单"),
}


def light_color_label(light: Light) -> str:
    """Return the light's colour as a person reads it."""
    return {"green": _("绿灯"), "yellow": _("黄灯"), "red": _("红灯")}[light.color.value]


def light_text(light: Light) -> str:
    """Return the rule that set the light, as one sentence with its values filled in."""
    return rule_text(light.rule_code, light.params)


def rule_text(rule_code: str, rule_params: Iterable[tuple[str, str]]) -> str:
    """Return a light rule with its values as one sentence in the reader's language."""
    params = dict(rule_params)
    if rule_code == "due_soon":
        return (
            ngettext(
                "距报送截止日期还有 %(days_left)s 天，"
                "尚未报送（提前 %(yellow_due_days)s 天亮黄灯）。",
                "距报送截止日期还有 %(days_left)s 天，"
                "尚未报送（提前 %(yellow_due_days)s 天亮黄灯）。",
                int(params["days_left"]),
            )
            % params
        )
    template = _RULE_TEXTS.get(rule_code) or RULE_TEXTS_ZH[rule_code]
    return str(template) % params


def input_label(name: str) -> str:
    """Return the label of one light input."""
    label = _INPUT_LABELS.get(name)
    return str(label) if label is not None else name


def light_inputs(light: Light) -> list[tuple[str, str]]:
    """Return every input of the light as (label, value), states named in the reader's language."""
    out = []
    for name, value in light.inputs:
        out.append((input_label(name), state_label(value) if name in _STATE_INPUTS else value))
    return out


def state_label(code: str) -> str:
    """Return a report or progress state code in the reader's language; others unchanged."""
    label = _STATE_LABELS.get(code)
    return str(label) if label is not None else code


def score_label(kind: EventKind) -> str:
    """Return what a score line counts, e.g. “returned report”."""
    return str(_SCORE_LABELS[kind])


def evidence_error_text(error: EvidenceFileError) -> str:
    """Return why an evidence file was refused, as one sentence."""
    params = dict(error.params)
    if error.code == "too_large":
        return _("文件“%(name)s”大小为 %(size_mb)s MB，超过上限 %(limit_mb)s MB。") % params
    if error.code == "empty":
        return _("文件“%(name)s”是空文件。") % params
    if error.code == "type_not_allowed":
        # Translators: the separator between the items of a list.
        params["allowed"] = _("、").join(ALLOWED_TYPES)
        return _("不支持文件“%(name)s”的类型；允许的类型：%(allowed)s。") % params
    if error.code == "content_mismatch":
        return _("文件“%(name)s”的内容与扩展名 .%(suffix)s 不符。") % params
    return str(error)


def period_label(period: Period) -> str:
    """Return the period as the reader writes it: 2020年第三季度 / Q3 2020."""
    year = period.year
    if period.kind is PeriodKind.YEAR:
        return _("%(year)s年") % {"year": year}
    if period.kind is PeriodKind.HALF:
        if period.index == 1:
            return _("%(year)s年上半年") % {"year": year}
        return _("%(year)s年下半年") % {"year": year}
    if period.kind is PeriodKind.QUARTER:
        quarters = (
            _("%(year)s年第一季度"),
            _("%(year)s年第二季度"),
            _("%(year)s年第三季度"),
            _("%(year)s年第四季度"),
        )
        return quarters[period.index - 1] % {"year": year}
    return _("%(year)s年%(month)s月") % {"year": year, "month": period.index}
