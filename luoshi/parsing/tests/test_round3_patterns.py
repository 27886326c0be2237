"""Patterns found on the third blind set of real documents, each in a short synthetic text."""

from decimal import Decimal

from luoshi.parsing.tests.helpers import parsed_targets, parsed_tasks


def test_heading_lead_keeps_a_unit_with_its_alias_in_angle_brackets() -> None:
    raw = "一、强化科技创新（新区科技局〈区科技局〉牵头）\n加快建设。\n（一）加强建设。制定计划。\n"
    assert parsed_tasks(raw) == [
        ("一", ["新区科技局〈区科技局〉"], ["新区科技局〈区科技局〉"], True)
    ]


def test_goal_item_year_in_its_first_paragraph_reaches_later_paragraphs() -> None:
    raw = (
        "一、总体要求\n（一）发展目标。到2025年，初步建成先进制造业强市。\n"
        "产业能级更高。规模以上工业企业力争突破2200家。\n"
    )
    assert parsed_targets(raw) == [("一/（一）", Decimal(2200), "家", 2025)]


def test_goal_heading_lead_in_opening_with_a_year_reaches_its_bullets() -> None:
    raw = (
        "一、指导思想\n坚持创新。\n二、发展目标\n到2020年，全市制造业结构持续优化。\n"
        "——创新能力显著增强。研发机构覆盖率达到65%。\n"
    )
    assert parsed_targets(raw) == [("二/——1", Decimal(65), "%", 2020)]


def test_background_section_gives_no_targets() -> None:
    raw = (
        "一、发展背景\n2020年末，全市居民人均预期寿命提高到82.25岁，健康素养水平达到31.7%。\n"
        "二、主要目标\n到2025年，人均预期寿命达到83岁。\n"
    )
    assert parsed_targets(raw) == [("二", Decimal(83), "岁", 2025)]


def test_numbers_inside_an_exception_or_naming_places_are_not_targets() -> None:
    raw = (
        "一、目标任务\n（一）在除23个重点帮扶县以外的其他县市区新建教师周转宿舍900套。\n"
        "（二）重点增补14个市州政府所在地城区学位20000个。\n"
        "（三）力争11个设区市研发经费支出占比均超全国平均水平，研发投入达到9000亿元以上。\n"
    )
    assert parsed_targets(raw) == [
        ("一/（一）", Decimal(900), "套", None),
        ("一/（二）", Decimal(20000), "个", None),
        ("一/（三）", Decimal(900000000000), "元", None),
    ]
