"""Patterns found on the second blind set of real documents, each in a short synthetic text."""

from decimal import Decimal

from luoshi.parsing.deadlines import find_deadline
from luoshi.parsing.pipeline import parse_text
from luoshi.parsing.responsibility import parse_assignment
from luoshi.parsing.tests.helpers import parsed_targets, parsed_tasks


def test_reads_a_labelled_list_in_square_brackets() -> None:
    raw = "一、防控\n1、做好防控工作。[牵头单位:区卫健局;责任单位:区防控指挥部成员单位、各街办]\n"
    assert parsed_tasks(raw) == [
        ("一/1", ["区卫健局", "区防控指挥部成员单位", "各街办"], ["区卫健局"], True)
    ]
    generic = parse_text(raw).tasks[0].generic_units
    assert generic == ("区防控指挥部成员单位", "各街办")


def test_reads_a_closing_by_clause_on_its_own_line() -> None:
    raw = (
        "一、主要目标\n生产总值增长8%。\n由市发展改革委、财政局等部门和各县(市)、区人民政府负责落实。\n"
        "二、实事\n(一)继续实施补贴。由市财政局、农业局负责落实。\n"
    )
    assert parsed_tasks(raw) == [
        ("一", ["市发展改革委", "财政局", "各县(市)、区人民政府"], ["市发展改革委"], False),
        ("二/(一)", ["市财政局", "农业局"], ["市财政局"], False),
    ]


def test_a_by_clause_with_huitong_marks_the_lead() -> None:
    raw = (
        "一、分工\n(一)关于粮食安全的问题,由发展改革委会同农业部、财政部等部门研究提出落实意见。\n"
    )
    assert parsed_tasks(raw) == [
        ("一/(一)", ["发展改革委", "农业部", "财政部"], ["发展改革委"], True),
    ]


def test_a_by_clause_inside_the_item_is_not_a_list() -> None:
    raw = "一、保障\n(一)由政府兜底保障,完善制度。\n"
    assert parsed_tasks(raw) == [("一/(一)", [], [], False)]


def test_every_unit_before_huitong_leads_and_bare_collectives_go() -> None:
    first = parse_assignment("由省外经贸厅、计经委会同有关部门组织实施。")
    second = parse_assignment("由省计生委牵头,会同有关部门和市地组织落实。")
    third = parse_assignment("由省财政厅、计经委、金融及其他有关部门负责落实。")
    assert first is not None and second is not None and third is not None
    assert (first.units, first.lead_units) == (("省外经贸厅", "计经委"), ("省外经贸厅", "计经委"))
    assert (second.units, second.generic_units) == (("省计生委", "市地"), ("市地",))
    assert third.units == ("省财政厅", "计经委", "金融", "其他有关部门")


def test_unit_names_one_to_a_line_close_the_item_above() -> None:
    raw = (
        "1.提高孕产妇保健水平。\n——死亡率控制在15/10万以内。\n省卫生厅\n省公安厅\n"
        "——住院分娩率达到98%以上。\n省卫生厅\n省财政厅\n2.降低人工流产率。\n省计生委\n省卫生厅\n"
    )
    assert parsed_tasks(raw) == [
        ("1/——1", ["省卫生厅", "省公安厅"], ["省卫生厅"], False),
        ("1/——2", ["省卫生厅", "省财政厅"], ["省卫生厅"], False),
        ("2", ["省计生委", "省卫生厅"], ["省计生委"], False),
    ]


def test_a_unit_line_before_restarted_numbering_heads_the_items() -> None:
    raw = (
        "一、巩固义务教育成果。\n二、开展特色学校活动。\n"
        "市卫生局\n一、开展清理整顿。\n二、加强保健工作。\n"
    )
    assert parsed_tasks(raw) == [
        ("一~2", ["市卫生局"], ["市卫生局"], False),
        ("二~2", ["市卫生局"], ["市卫生局"], False),
    ]


def test_the_body_starts_after_a_cover_notice_with_items_of_its_own() -> None:
    raw = (
        "各街道,区直各部门:\n现将方案印发给你们。\n一、高度重视,制订方案。\n二、加强考核。\n"
        "区人民政府办公室\n2023年1月3日\n(此件公开发布)\n附件1\n2023年重点工作责任分解方案\n"
        "一、主要预期目标\n(一)地区生产总值增长7%以上\n责任单位:区发展和改革局\n"
    )
    plan = parse_text(raw)
    assert plan.title == "2023年重点工作责任分解方案"
    assert [o.path for o in plan.outline] == ["一", "一/(一)"]
    assert parsed_tasks(raw) == [("一/(一)", ["区发展和改革局"], ["区发展和改革局"], False)]


def test_a_heading_lead_with_a_count_assigns_its_list_less_items() -> None:
    raw = (
        "一、县示范区管委会牵头工作(2项)\n1.打造生产基地。\n2.建设产业园。\n"
        "二、其他\n3.做好。(县财政局负责)\n"
    )
    assert parsed_tasks(raw) == [
        ("一/1", ["县示范区管委会"], ["县示范区管委会"], True),
        ("一/2", ["县示范区管委会"], ["县示范区管委会"], True),
        ("二/3", ["县财政局"], ["县财政局"], False),
    ]


def test_a_goal_heading_year_is_carried_to_the_items_below() -> None:
    raw = "一、2025年主要预期目标\n1.地区生产总值增长6%。(牵头单位:县发改局)\n"
    assert parsed_targets(raw) == [("一/1", Decimal(6), "%", 2025)]


def test_a_lead_in_year_is_carried_to_the_numbered_targets() -> None:
    raw = "一、主要目标\n到2025年,实现以下目标:\n1.新增就业5万人以上。\n2.城镇化率达到60%。\n"
    assert parsed_targets(raw) == [
        ("一/1", Decimal(50000), "人", 2025),
        ("一/2", Decimal(60), "%", 2025),
    ]


def test_a_heading_year_without_a_goal_word_is_not_carried() -> None:
    raw = "一、2018年工作安排\n1.新增就业5万人以上。\n"
    assert parsed_targets(raw) == [("一/1", Decimal(50000), "人", None)]


def test_reads_the_end_of_an_older_five_year_plan() -> None:
    raw = (
        "一、投入\n加强投入,主要是对科技的投入"
        "(“九五”末,财政科技拨款占全年财政支出比重提高到3%以上)等。\n"
    )
    assert parsed_targets(raw) == [("一", Decimal(3), "%", 2000)]


def test_a_run_on_text_may_open_its_first_item_with_a_year() -> None:
    raw = (
        "各部门: 现将任务分解如下。 一、主要目标 1.2007年是关键一年。今年生产总值增长10%。"
        " 由省发展改革委负责落实。 二、经济建设 2.坚持把三农工作作为重中之重,促进粮食稳定增产。"
        + "加强农田水利建设,推进农业结构调整。"
        * 40
    )
    plan = parse_text(raw)
    assert [o.path for o in plan.outline] == ["一", "一/1", "二", "二/2"]
    assert parsed_targets(raw) == [("一/1", Decimal(10), "%", 2007)]


def test_a_deadline_without_a_year_takes_the_year_in_force() -> None:
    assert find_deadline("12月底前完成", 2023) == "2023-12-31"
    assert find_deadline("2022年启动,6月30日前完成", 2023) == "2022-06-30"
    assert find_deadline("12月底前完成", None) is None


def test_a_deadline_without_a_year_reads_the_document_date() -> None:
    raw = "一、任务\n1.编制清单,10月底前公布。(市政府办牵头)\n市人民政府\n2022年3月1日\n"
    assert parse_text(raw).tasks[0].deadline == "2022-10-31"


def test_budgets_for_a_measure_are_not_targets() -> None:
    raw = (
        "一、消费\n1.整合3000万元资金用于发放消费券。\n2.投资3000万元建设养殖基地,建设3个产业园。\n"
    )
    assert parsed_targets(raw) == [("一/2", Decimal(3), "个", None)]
