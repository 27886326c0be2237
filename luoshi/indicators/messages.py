"""Sentences for import errors and rule violations, rendered in the reader's language.

Import jobs and violations store a code and its parameters; the page or the API turns them
into a sentence at display time, so a job run in the background reads well in both languages.
"""

from collections.abc import Mapping
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

__all__ = ["describe", "describe_in"]


def _templates() -> dict[str, str]:
    return {
        "unknown_indicator": _("未知的指标代码“%(code)s”"),
        "unknown_region": _("未知的区划代码“%(code)s”"),
        "missing_indicator": _("缺少指标代码"),
        "missing_region": _("缺少区划代码"),
        "missing_period": _("缺少期间"),
        "bad_period": _("“%(period)s”不是期间，应写作 2020、2020H1、2020Q3 或 2020-07"),
        "wrong_period_type": _(
            "期间“%(period)s”的类型是%(got)s，但指标“%(indicator)s”按%(expected)s报送"
        ),
        "not_a_number": _("“%(text)s”不是数字"),
        "too_many_decimals": _("“%(text)s”的小数超过 6 位"),
        "too_large": _("“%(text)s”超出可存储的范围（整数部分最多 18 位）"),
        "duplicate_row": _("与第 %(first)s 行重复（同一指标、区划和期间）"),
        "locked": _("该数值已审核通过并锁定（现值 %(current)s），不能修改"),
        "not_allowed": _("无权报送指标“%(indicator)s”在“%(region)s”的数据"),
        "rule": _("违反校验规则“%(rule)s”：%(detail)s"),
        "missing_columns": _("缺少列：%(columns)s"),
        "empty_file": _("文件是空的"),
        "unreadable": _("文件无法读取（%(reason)s）"),
        "database_interrupted": _("导入时数据库连接中断，本次导入没有写入任何数据，请重新导入"),
        "bad_encoding": _(
            "文件不是 UTF-8 或 GB18030 编码的文本（可能是 UTF-16 或二进制文件），请另存为 CSV UTF-8"
        ),
        "line_too_long": _("该行超过 %(limit)s 个字符，不是模板的数据行，未读取"),
        "xlsx_too_large": _(
            "Excel 文件解压后 %(size)s MB、压缩比 %(ratio)s 倍，超过上限（%(limit)s MB、"
            "%(max_ratio)s 倍），疑似压缩炸弹，未读取"
        ),
        "bad_json": _("不是有效的 DHIS2 dataValueSets JSON（%(reason)s）"),
        "range": _("数值 %(value)s 不在 %(min)s 到 %(max)s 之间"),
        "non_negative": _("数值 %(value)s 是负数"),
        "integer": _("数值 %(value)s 不是整数"),
        "percent": _("百分比 %(value)s 不在 0 到 100 之间"),
        "sum_vs_total": _(
            "市州合计 %(parts)s 与全省数 %(total)s 相差 %(gap)s（相对），超过允许的 %(tolerance)s"
        ),
        "sum_vs_total_zero": _("全省数为 0，而市州合计为 %(parts)s"),
        "jump": _("较上期 %(previous)s 变化 %(change)s（相对），超过阈值 %(threshold)s"),
        "jump_from_zero": _("上期为 0，本期为 %(value)s"),
        "outlier": _("修正 Z 分数 %(score)s 的绝对值超过 %(threshold)s（中位数 %(median)s）"),
    }


def _period_type_label(kind: str) -> str:
    return {"year": _("年"), "half": _("半年"), "quarter": _("季度"), "month": _("月")}.get(
        kind, kind
    )


def describe(code: str, params: Mapping[str, Any] | None = None) -> str:
    """Return the sentence for an error or violation code in the active language."""
    params = dict(params or {})
    for key in ("got", "expected"):
        if key in params:
            params[key] = _period_type_label(str(params[key]))
    if code == "rule" and "detail_code" in params:
        params["detail"] = describe(params["detail_code"], params.get("detail_params"))
    template = _templates().get(code)
    if template is None:
        return code
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return template


def describe_in(language: str, code: str, params: Mapping[str, Any] | None = None) -> str:
    """Return the sentence in the given language (zh-hans or en)."""
    with translation.override(language):
        return describe(code, params)
