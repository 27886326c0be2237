"""Patterns found on the eighth blind set (national and provincial), in short synthetic texts."""

from decimal import Decimal

from luoshi.parsing.tests.helpers import parsed_targets, parsed_tasks


def test_symbol_runs_salted_into_a_reposted_page_do_not_hide_a_list() -> None:
    raw = (
        "5.提升科技成果转化水平。建设省级中试基地10个以上◆★■◆。"
        "(责任单位■◆★:省科技厅、省财政厅)\n"
        "6.扩大技术合同交易。(责任单位:省科技厅)\n"
    )
    assert parsed_tasks(raw) == [
        ("5", ["省科技厅", "省财政厅"], ["省科技厅"], False),
        ("6", ["省科技厅"], ["省科技厅"], False),
    ]
    assert parsed_targets(raw) == [("5", Decimal(10), "个", None)]


def test_a_bullet_symbol_opening_a_line_is_kept() -> None:
    raw = "一、重点任务\n■■ 加快建设创新平台。(责任单位:省发展改革委)\n"
    assert parsed_tasks(raw) == [("一", ["省发展改革委"], ["省发展改革委"], False)]
