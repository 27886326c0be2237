"""Patterns met in real documents of the genre, each on a short passage written for the test."""

from decimal import Decimal

import pytest

from luoshi.parsing.labels import is_person
from luoshi.parsing.model import Plan
from luoshi.parsing.normalize import clean_text, fold
from luoshi.parsing.pipeline import parse_text
from luoshi.parsing.responsibility import find_lists, parse_assignment
from luoshi.parsing.targets import find_targets


def _tasks(plan: Plan) -> list[tuple[str, tuple[str, ...], tuple[str, ...], bool]]:
    return [(t.path, t.units, t.lead_units, t.lead_explicit) for t in plan.tasks]


@pytest.mark.parametrize(
    ("content", "units", "leads"),
    [
        (
            "省财政厅主办，省税务局、省医保局协办",
            ("省财政厅", "省税务局", "省医保局"),
            ("省财政厅",),
        ),
        (
            "甲市教育局、甲市民政局分别牵头",
            ("甲市教育局", "甲市民政局"),
            ("甲市教育局", "甲市民政局"),
        ),
        (
            "省住房城乡建设厅会同省生态环境厅负责",
            ("省住房城乡建设厅", "省生态环境厅"),
            ("省住房城乡建设厅",),
        ),
        (
            "副省长张三，省交通运输厅牵头，省公安厅配合",
            ("省交通运输厅", "省公安厅"),
            ("省交通运输厅",),
        ),
        (
            "省财政厅、省农业厅等省直有关部门和各市人民政府负责",
            ("省财政厅", "省农业厅", "省直有关部门", "各市人民政府"),
            (),
        ),
        (
            "省市场监管局（省知识产权局）牵头，省直有关部门按职责分工负责",
            ("省市场监管局（省知识产权局）", "省直有关部门"),
            ("省市场监管局（省知识产权局）",),
        ),
    ],
)
def test_reads_role_words_met_in_real_lists(
    content: str, units: tuple[str, ...], leads: tuple[str, ...]
) -> None:
    found = parse_assignment(content)
    assert found is not None
    assert (found.units, found.lead_units) == (units, leads)


def test_strips_a_bracketed_rule_note_from_the_last_unit_and_reports_the_rule() -> None:
    found = parse_assignment("甲局、乙局、丙委（列第一位者为工作牵头单位或汇总单位，下同）")
    assert found is not None
    assert found.units == ("甲局", "乙局", "丙委")
    assert found.states_first_listed_rule


def test_drops_a_note_written_after_the_list_in_a_new_sentence() -> None:
    found = parse_assignment(
        "责任单位：省商务厅、省统计局按职责分工负责。具体任务均涉及各市人民政府，下同。"
    )
    assert found is not None
    assert found.units == ("省商务厅", "省统计局")


def test_reads_lists_in_tortoise_shell_brackets() -> None:
    text = "推进建设。〔责任单位：省商务厅、省统计局〕\n完善机制。【省财政厅负责】"
    found = find_lists(text, fold(text), 0, len(text))
    assert [f.assignment.units for f in found] == [("省商务厅", "省统计局"), ("省财政厅",)]


def test_keeps_a_bracket_inside_a_label_line_as_part_of_its_unit() -> None:
    text = "推进建设。\n责任单位：市卫生健康委等，各县（市、区）政府（管委会）"
    found = find_lists(text, fold(text), 0, len(text))
    assert len(found) == 1
    assert found[0].assignment.units == ("市卫生健康委", "各县（市、区）政府（管委会）")


@pytest.mark.parametrize(
    "block",
    [
        "牵头负责领导：张三。\n牵头责任单位：省商务厅。\n协同责任单位：省财政厅、省税务局等。",
        "分管省领导：张三\n部门分工：省商务厅牵头，省财政厅、省税务局配合。",
    ],
)
def test_reads_labelled_lines_with_a_leader_line_before_them(block: str) -> None:
    plan = parse_text(f"一、主要目标\n1﹒社会消费品零售总额增长9%左右。\n{block}\n")
    assert _tasks(plan) == [("一/1", ("省商务厅", "省财政厅", "省税务局"), ("省商务厅",), True)]


@pytest.mark.parametrize("name", ["副省长张三", "张三省长", "张三同志", "分管副市长"])
def test_recognises_leaders_named_in_lists(name: str) -> None:
    assert is_person(name)


@pytest.mark.parametrize("name", ["省政府办公厅", "市长热线办公室", "省委书记处"])
def test_does_not_take_units_for_leaders(name: str) -> None:
    assert not is_person(name)


def test_reads_an_item_run_on_after_the_previous_items_list() -> None:
    plan = parse_text(
        "一、主要目标\n（一）生产总值增长6%左右。（省发改委负责）（二）财政收入增长5%。（省财政厅负责）\n"
    )
    assert _tasks(plan) == [
        ("一/（一）", ("省发改委",), ("省发改委",), False),
        ("一/（二）", ("省财政厅",), ("省财政厅",), False),
    ]
    assert [t.task_path for t in plan.targets] == ["一/（一）", "一/（二）"]


def test_skips_the_cover_notices_numbered_attachments() -> None:
    plan = parse_text(
        "各区县人民政府：\n现将有关分解印发给你们。\n附件：1.重点工作责任分解\n2.民生实事责任分解\n"
        "某市人民政府办公室\n2020年5月22日\n附件1\n重点工作责任分解\n一、重点工作\n"
        "1.支持企业发展。\n责任单位：市经信局、市财政局（列第一位者为牵头单位，下同）\n"
        "2.推进项目建设。\n责任单位：市发展改革委、各区县政府\n"
    )
    assert _tasks(plan) == [
        ("一/1", ("市经信局", "市财政局"), ("市经信局",), True),
        ("一/2", ("市发展改革委", "各区县政府"), ("市发展改革委",), True),
    ]


def test_gives_a_list_after_the_last_of_several_sub_items_to_their_parent() -> None:
    plan = parse_text(
        "（一）应急体系建设\n1.完善应急预案体系\n（1）加强预案管理。\n（2）加强预案演练。\n"
        "（责任单位：市应急局、各县（市、区）人民政府）\n2.健全运行机制。（市编办负责）\n"
    )
    assert _tasks(plan) == [
        ("（一）/1", ("市应急局", "各县（市、区）人民政府"), ("市应急局",), False),
        ("（一）/2", ("市编办",), ("市编办",), False),
    ]
    assert plan.tasks[0].title == "完善应急预案体系"
    assert "加强预案演练" in plan.tasks[0].text


def test_keeps_a_list_with_its_sub_item_when_a_sibling_has_its_own() -> None:
    plan = parse_text(
        "1.推进改造\n（1）实施技改。（市工信局负责）\n（2）建立项目库。\n（市发改委负责）\n"
    )
    assert [t.path for t in plan.tasks] == ["1/（1）", "1/（2）"]


def test_takes_the_lead_from_a_heading_that_names_it() -> None:
    plan = parse_text(
        "一、张三省长负责的工作\n（一）省审计厅牵头的工作\n全面加强审计工作。\n"
        "协同单位：省直各部门和各市人民政府。\n（二）省监察厅牵头的工作\n加强行政监察工作。\n"
    )
    assert _tasks(plan) == [
        ("一/（一）", ("省审计厅", "省直各部门", "各市人民政府"), ("省审计厅",), True),
        ("一/（二）", ("省监察厅",), ("省监察厅",), True),
    ]


def test_reads_html_entities_left_in_copied_text() -> None:
    assert clean_text("（一）&nbsp;&nbsp;推进建设&amp;改造") == "（一）\u00a0\u00a0推进建设&改造"


def test_folds_small_form_punctuation() -> None:
    assert fold("1﹒推进﹙一﹚") == "1.推进(一)"


def _targets(text: str) -> list[tuple[Decimal | None, str | None, str, int | None]]:
    found, _ = find_targets(text, task_path="一", default_scope=None)
    return [(t.value, t.unit, t.comparator, t.year) for t in found]


def test_gives_each_value_of_a_respective_list_its_own_year() -> None:
    assert _targets("到2023年底和2030年，全区居民健康素养水平分别不低于24%和30%。") == [
        (Decimal(24), "%", ">=", 2023),
        (Decimal(30), "%", ">=", 2030),
    ]


def test_reads_a_rate_per_hundred_thousand_in_a_respective_list() -> None:
    found = _targets("到2030年，婴儿死亡率、孕产妇死亡率分别下降到4.5‰、10/10万。")
    assert found == [(Decimal("4.5"), "‰", "<=", 2030), (Decimal(10), "/10万", "<=", 2030)]


def test_reads_tenths_and_doubling() -> None:
    assert _targets("到2022年，不低于三成的企业实现数字化转型，农村居民收入翻一番。") == [
        (Decimal(30), "%", ">=", 2022),
        (Decimal(2), "倍", ">=", 2022),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "以全市7600多名持证残疾人为主要对象，促进残疾人就业。",
        "在职职工总数30人（含）以下的企业暂免征收残疾人就业保障金。",
    ],
)
def test_ignores_numbers_describing_who_a_policy_is_for(text: str) -> None:
    assert _targets(text) == []
