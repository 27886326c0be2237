"""Quantified targets found in one outline item's text."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.parsing.model import Target
from luoshi.parsing.targets import find_targets


def targets_of(text: str, default_scope: str | None = "全省") -> list[Target]:
    """Return the targets of text as an item at path 一/（三）."""
    targets, _ = find_targets(text, task_path="一/（三）", default_scope=default_scope)
    return targets


def test_reads_values_in_base_units() -> None:
    found = targets_of(
        "到2020年，全省4G基站总数达到6万个，光缆线路总长度达到70万公里，"
        "信息经济总量超过3000亿元，农机总动力超过10亿千瓦，"
        "互联网省际出口带宽达到8000吉比特每秒（Gbps），移动电话普及率达到98.6部/百人。"
    )

    assert [(t.value, t.unit) for t in found] == [
        (Decimal(60000), "个"),
        (Decimal(700000), "公里"),
        (Decimal(300000000000), "元"),
        (Decimal(1000000000), "千瓦"),
        (Decimal(8000), "Gbps"),
        (Decimal("98.6"), "部/百人"),
    ]


def test_fills_text_indicator_year_scope_path_and_span() -> None:
    text = "（三）发展目标\n到2020年，全省4G基站总数达到6万个。"

    [target] = targets_of(text)

    assert target.text == "全省4G基站总数达到6万个"
    assert target.indicator == "4G基站总数"
    assert target.year == 2020
    assert target.period is None
    assert target.scope == "全省"
    assert target.task_path == "一/（三）"
    assert target.span is not None
    assert text[target.span.start : target.span.end] == target.text


@pytest.mark.parametrize(
    ("clause", "comparator"),
    [
        ("普及率达到98%", ">="),
        ("普及率达到98%以上", ">="),
        ("普及率不低于98%", ">="),
        ("人才不少于100名", ">="),
        ("至少建成1个中心", ">="),
        ("用户超过2210万户", ">"),
        ("总量突破3000亿元", ">"),
        ("比重高于60%", ">"),
        ("失业率控制在4.5%以内", "<="),
        ("浓度不超过35微克/立方米", "<="),
        ("发生率降至3%以下", "<="),
        ("死亡率低于6‰", "<"),
        ("动力稳定在11亿千瓦左右", "~"),
        ("人才资源总量达到320万名左右", "~"),
        ("常住人口约1.14亿人", "~"),
        ("覆盖率稳定在45%", "="),
        ("建成100个示范点", ">="),
        ("培养100名优秀企业家", ">="),
        ("培育100余家企业", ">"),
    ],
)
def test_maps_comparator_words(clause: str, comparator: str) -> None:
    [target] = targets_of(clause)

    assert target.comparator == comparator


@pytest.mark.parametrize(
    "clause", ["建设1到2个培养基地", "建设1—2个培养基地", "建设1至2个培养基地"]
)
def test_reads_a_range_with_its_lower_end(clause: str) -> None:
    [target] = targets_of(clause)

    assert (target.comparator, target.value_min, target.value, target.unit) == (
        "range",
        Decimal(1),
        Decimal(2),
        "个",
    )


def test_blank_number_gives_null_value_and_a_warning_naming_the_path() -> None:
    found, warnings = find_targets(
        "到2020年，全省有 家企业上市，光纤用户达到  户。",
        task_path="二/（一）",
        default_scope="全省",
    )

    assert [(t.value, t.unit, t.year) for t in found] == [(None, "家", 2020), (None, "户", 2020)]
    assert len(warnings) == 2
    assert all(w.startswith("二/（一）：") and "二/（一）: " in w for w in warnings)


def test_year_applies_to_later_targets_of_its_paragraph_only() -> None:
    found = targets_of(
        "建成100个站点。到2020年，用户达到500万户；2025年底前，用户达到800万户。\n用户达到900万户。"
    )

    assert [(t.value, t.year) for t in found] == [
        (Decimal(100), None),
        (Decimal(5000000), 2020),
        (Decimal(8000000), 2025),
        (Decimal(9000000), None),
    ]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2012年起5年内，引进高层次人才达到2000名左右。", "2012年起5年内"),
        ("5年内重点引进100名经营管理人才。", "5年内"),
        ("每年选拔资助不少于100名青年科技人员。", "每年"),
        ("三年内建成50个示范基地。", "三年内"),
    ],
)
def test_keeps_a_relative_horizon_as_written_without_a_year(text: str, period: str) -> None:
    [target] = targets_of(text, default_scope=None)

    assert (target.period, target.year) == (period, None)


def test_a_start_year_is_not_a_target_year() -> None:
    [target] = targets_of("2012年起5年内，人才贡献率达到40%。")

    assert target.year is None


def test_narrow_scope_carries_to_the_end_of_its_sentence() -> None:
    found = targets_of(
        "全省95%以上的城镇具备千兆接入能力；农村地区行政村通宽带比例达到98%以上，"
        "光纤接入能力达到12Mbps以上。移动电话用户达到2600万户。"
    )

    assert [t.scope for t in found] == ["全省", "农村地区", "农村地区", "全省"]


def test_whole_jurisdiction_scope_stays_with_its_clause() -> None:
    found = targets_of("全市人才总量达到320万名左右，人才贡献率达到40%。", default_scope=None)

    assert [t.scope for t in found] == ["全市", None]


def test_reads_scopes_written_at_the_head_of_a_clause() -> None:
    found = targets_of(
        "丘陵山区县（市、区）综合机械化率达到55%。"
        "5年内市、区（县级市）两级筹集建设1000套专家公寓和10000套人才公寓。",
        default_scope=None,
    )

    assert [t.scope for t in found] == [
        "丘陵山区县（市、区）",
        "市、区（县级市）两级",
        "市、区（县级市）两级",
    ]


def test_expands_jun_to_every_listed_subject() -> None:
    found = targets_of("其中马铃薯种植、收获机械化率均达到45%。")

    assert [(t.indicator, t.value, t.text) for t in found] == [
        ("马铃薯种植机械化率", Decimal(45), "其中马铃薯种植、收获机械化率均达到45%"),
        ("马铃薯收获机械化率", Decimal(45), "其中马铃薯种植、收获机械化率均达到45%"),
    ]


def test_expands_fenbie_pairing_subjects_with_values() -> None:
    found = targets_of("花生种植、收获机械化率分别达到65%和55%，城镇和农村居民收入分别增长8%、9%。")

    assert [(t.indicator, t.value, t.comparator) for t in found] == [
        ("花生种植机械化率", Decimal(65), ">="),
        ("花生收获机械化率", Decimal(55), ">="),
        ("城镇居民收入", Decimal(8), ">="),
        ("农村居民收入", Decimal(9), ">="),
    ]


def test_splits_list_continuations_that_inherit_the_verb() -> None:
    found = targets_of(
        "5年内选拔认定教育专家10名、名校长100名、名教师200名，"
        "选拔100名正职后备人才、200名副职后备人才。",
        default_scope=None,
    )

    assert [(t.text, t.indicator, t.value, t.period) for t in found] == [
        ("5年内选拔认定教育专家10名", "选拔认定教育专家", Decimal(10), "5年内"),
        ("名校长100名", "选拔认定名校长", Decimal(100), "5年内"),
        ("名教师200名", "选拔认定名教师", Decimal(200), "5年内"),
        ("选拔100名正职后备人才", "选拔正职后备人才", Decimal(100), "5年内"),
        ("200名副职后备人才", "选拔副职后备人才", Decimal(200), "5年内"),
    ]


def test_a_clause_opening_with_a_number_continues_the_previous_list() -> None:
    found = targets_of(
        "重点培养不少于10名院士后备人才，不少于20名国家级人选后备人才，300名经营管理人才参加研修。",
        default_scope=None,
    )

    assert [(t.text, t.comparator) for t in found] == [
        ("重点培养不少于10名院士后备人才", ">="),
        ("不少于20名国家级人选后备人才", ">="),
        ("300名经营管理人才参加研修", ">="),
    ]
    assert found[2].indicator == "培养经营管理人才参加研修"


def test_splits_numbers_joined_by_he() -> None:
    found = targets_of("重点扶持50个市级示范性高级研修班和50场次知识更新名家讲座。")

    assert [(t.text, t.unit) for t in found] == [
        ("重点扶持50个市级示范性高级研修班", "个"),
        ("50场次知识更新名家讲座", "场次"),
    ]


def test_percentage_of_a_group_names_the_share_as_indicator() -> None:
    [target] = targets_of("全省95%以上的城镇基本具备千兆宽带接入能力。")

    assert target.indicator == "基本具备千兆宽带接入能力的城镇比例"


def test_strips_quotes_around_a_quoted_goal_list() -> None:
    found = targets_of(
        "实现“重点引进高层次人才达到2000名左右，人才贡献率达到40%”的三大目标。",
        default_scope=None,
    )

    assert [t.text for t in found] == ["重点引进高层次人才达到2000名左右", "人才贡献率达到40%"]


@pytest.mark.parametrize(
    "text",
    [
        "对年营业收入首次超过1亿元的企业，给予50%补贴。",
        "对引进的人才，一次性奖励10万元。",
        "资助标准为每人5万元。",
        "实施大众创业、万众创新千亿元行动计划。",
        "推进人才集聚工程（简称“633”人才工程）。",
        "着力构建三大人才开发支撑体系，实施网络扶贫五大工程。",
        "11.121人才梯队项目。",
        "按照《通知》（厅字〔2016〕52号）部署要求，于2017年8月2日印发。",
        "加大对35岁以下青年科技人员扶持力度，连续3年每年给予资助，分2年拨付。",
        "推进第四代移动通信（4G）网络、5G网络和3G/4G融合，建设IPv6网络。",
        "截至2016年底，全省4G基站达到3.5万个，比上年增长40%。",
        "全市生产总值比上年增长7.8%。",
        "在保护全省1.03亿亩基本农田的基础上，推进核心区建设。",
        "在全面实现“一村一名大学生村官”的基础上，做到四个到位。",
        "在城市社区建设15分钟健身圈。",
        "3个月内完成清理，年内全部完成。",
        "重点支持“5个100”工程。",
    ],
)
def test_ignores_numbers_that_are_not_commitments(text: str) -> None:
    assert targets_of(text) == []


def test_ignores_the_baseline_of_a_change() -> None:
    [target] = targets_of("城镇化率由2015年的55%提高到2020年的65%。")

    assert (target.value, target.year) == (Decimal(65), 2020)


def test_ignores_a_bracketed_base_year_note() -> None:
    [target] = targets_of("城镇化率达到65%（2015年为56%）。")

    assert target.value == Decimal(65)


def test_reads_durations_and_life_expectancy_only_with_a_comparator() -> None:
    found = targets_of(
        "企业开办时间压缩至3个工作日以内，人均预期寿命达到78岁，平均受教育年限达到10.8年。"
    )

    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (Decimal(3), "个工作日", "<="),
        (Decimal(78), "岁", ">="),
        (Decimal("10.8"), "年", ">="),
    ]


def test_reads_spelled_out_numbers_after_a_strong_comparator() -> None:
    [target] = targets_of("新增就业岗位达到十万个，达到一个新水平。")

    assert (target.value, target.unit) == (Decimal(100000), "个")


def test_returns_nothing_for_text_without_numbers() -> None:
    assert find_targets("坚持发展为民，缩小数字鸿沟。", task_path=None, default_scope=None) == (
        [],
        [],
    )


_POLICY_ALPHABET = (
    "0123456789０１２.．,，。；：、“”（）()%％～—-/ \n\u3000"
    "到至年起内每月底前以上下内左右约达超过突破不少于低高控制在稳定均分别和及其中"
    "全省市国农村地区两级县万亿千百十一二三四五个名家户元公里千瓦人次套项对给予补贴的第截比"
)


@given(st.text())
def test_never_raises_on_any_string(text: str) -> None:
    targets, warnings = find_targets(text, task_path="一", default_scope="全省")

    assert all(isinstance(t, Target) for t in targets)
    assert all(isinstance(w, str) for w in warnings)


@settings(max_examples=300)
@given(st.text(alphabet=_POLICY_ALPHABET, max_size=200))
def test_never_raises_on_policy_like_text_and_spans_point_into_it(text: str) -> None:
    targets, _ = find_targets(text, task_path=None, default_scope=None)

    for target in targets:
        assert target.span is not None
        assert text[target.span.start : target.span.end] == target.text
