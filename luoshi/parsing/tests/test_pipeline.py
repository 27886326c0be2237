"""The whole parse on constructed documents: every variation the genre uses."""

from typing import Any

import pytest

from luoshi.parsing import pipeline
from luoshi.parsing.deadlines import find_deadline
from luoshi.parsing.model import Target
from luoshi.parsing.pipeline import parse_text
from luoshi.parsing.registry import registry_from_dict
from luoshi.parsing.tasks import INFERRED_LEAD

MEASURES = """某某实施方案
为推进某某工作，制定本方案。以下任务均需各市州政府落实，不再列出。
一、重点任务
（一）加快建设基础设施。
1．推进光纤网络建设。2019年底前完成。(省通信管理局牵头，省工信厅、省财政厅参与)
2．建设数据中心。（省发展改革委负责；2020年6月底前完成）
（二）强化保障。加强统筹协调（省政府办公厅负责）。完善考核办法（省委组织部、省人社厅按职责分工负责）。长期坚持。
二、保障措施
——加强组织领导。
"""


def _tasks(raw: str) -> list[tuple[Any, ...]]:
    return [
        (t.path, t.level, t.title, t.units, t.lead_units, t.lead_explicit)
        for t in parse_text(raw).tasks
    ]


def test_measures_and_inline_clauses_become_tasks_of_their_own() -> None:
    assert _tasks(MEASURES) == [
        (
            "一/（一）/1",
            "measure",
            "推进光纤网络建设",
            ("省通信管理局", "省工信厅", "省财政厅", "各市州政府"),
            ("省通信管理局",),
            True,
        ),
        (
            "一/（一）/2",
            "measure",
            "建设数据中心",
            ("省发展改革委", "各市州政府"),
            ("省发展改革委",),
            False,
        ),
        ("一/（二）", "item", "强化保障", ("省政府办公厅", "各市州政府"), ("省政府办公厅",), False),
        (
            "一/（二）#2",
            "clause",
            None,
            ("省委组织部", "省人社厅", "各市州政府"),
            ("省委组织部",),
            False,
        ),
    ]


def test_task_text_excludes_the_list_and_deadline_is_read() -> None:
    plan = parse_text(MEASURES)
    first, second, item, clause = plan.tasks
    assert first.text == "推进光纤网络建设。2019年底前完成。"
    assert (first.deadline, second.deadline, item.deadline) == ("2019-12-31", "2020-06-30", None)
    assert first.responsibility_text == "(省通信管理局牵头，省工信厅、省财政厅参与)"
    assert clause.text == "完善考核办法。长期坚持。"


def test_blanket_rule_adds_its_party_to_every_later_task_and_is_warned() -> None:
    plan = parse_text(MEASURES)
    blanket = [w for w in plan.warnings if "不再列出" in w]
    assert len(blanket) == 1
    assert "各市州政府" in blanket[0]
    assert all(t.units[-1] == "各市州政府" for t in plan.tasks)
    assert all(t.generic_units == ("各市州政府",) for t in plan.tasks)
    assert all("各市州政府" not in t.lead_units for t in plan.tasks)


def test_blanket_rule_applies_only_after_it_is_stated() -> None:
    text = (
        "一、任务\n（一）甲。做甲。（省甲厅负责）\n"
        "（二）乙。做乙。（省乙厅负责。以下均需各地区落实，不再列出）\n"
        "（三）丙。做丙。（省丙厅负责）\n"
    )
    assert [t.units for t in parse_text(text).tasks] == [
        ("省甲厅",),
        ("省乙厅",),
        ("省丙厅", "各地区"),
    ]


def test_inferred_lead_is_warned_once_per_document() -> None:
    assert parse_text(MEASURES).warnings.count(INFERRED_LEAD) == 1


def test_first_listed_rule_applies_to_its_task_and_later_ones_only() -> None:
    raw = (
        "一、任务\n（一）甲。（省财政厅、省商务厅负责）\n（二）乙。（省教育厅、省财政厅负责。列第一位者为牵头单位，下同）\n"
        "（三）丙。（省民政厅、省财政厅负责）"
    )
    assert [(t.lead_units, t.lead_explicit) for t in parse_text(raw).tasks] == [
        (("省财政厅",), False),
        (("省教育厅",), True),
        (("省民政厅",), True),
    ]


def test_a_rule_stated_in_a_note_covers_every_task() -> None:
    raw = (
        "一、任务\n（一）甲。（省财政厅、省商务厅负责）\n（二）乙。（省教育厅负责）\n"
        "注：排在第一位的为牵头单位。"
    )
    plan = parse_text(raw)
    assert all(task.lead_explicit for task in plan.tasks)
    assert INFERRED_LEAD not in plan.warnings


def test_document_without_lists_yields_its_leaf_items_with_empty_units() -> None:
    raw = (
        "一、总体要求\n（一）指导思想。坚持发展。\n（二）基本原则。\n"
        "二、主要任务\n1.推进建设。\n2.加强监管。"
    )
    assert [(t.path, t.units, t.responsibility_text) for t in parse_text(raw).tasks] == [
        ("一/（一）", (), None),
        ("一/（二）", (), None),
        ("二/1", (), None),
        ("二/2", (), None),
    ]


def test_items_without_a_list_are_not_tasks_when_others_have_one() -> None:
    raw = "一、总体要求\n（一）指导思想。坚持发展。\n二、任务\n（二）建设。（省财政厅负责）"
    assert [t.path for t in parse_text(raw).tasks] == ["二/（二）"]


def test_units_are_mapped_to_the_registry_and_unknown_names_warned_once() -> None:
    registry = registry_from_dict(
        {"units": [{"name": "省发展改革委", "aliases": ["省发改委"], "kind": "department"}]}
    )
    raw = "一、任务\n（一）甲。（省发改委、省未知局负责）\n（二）乙。（省未知局、各市州政府负责）"
    plan = parse_text(raw, registry)
    assert dict(plan.tasks[0].canonical) == {"省发改委": "省发展改革委", "省未知局": None}
    unknown = [w for w in plan.warnings if w.startswith("未识别的单位")]
    assert unknown == ["未识别的单位 / unknown unit: 省未知局（一/（一））"]


def test_list_without_role_word_is_warned_with_its_path() -> None:
    plan = parse_text("一、任务\n（一）甲。（省财政厅、省商务厅）")
    assert plan.tasks[0].units == ("省财政厅", "省商务厅")
    assert any("without a role word" in w and "一/（一）" in w for w in plan.warnings)


def test_traditional_text_is_matched_but_output_verbatim() -> None:
    plan = parse_text(
        "關於推進某工作的實施意見\n一、主要任務\n（一）加強建設。推進網絡建設。（省發展改革委牽頭，省財政廳參與）"
    )
    task = plan.tasks[0]
    assert (plan.title, task.title, task.units, task.lead_units) == (
        "關於推進某工作的實施意見",
        "加強建設",
        ("省發展改革委", "省財政廳"),
        ("省發展改革委",),
    )


def test_one_line_document_finds_headings_and_tasks() -> None:
    body = "".join(
        f"（{n}）任务{n}。推进工作1.2亿千瓦，2020年完成。（省财政厅、省商务厅负责）"
        for n in "一二三"
    )
    raw = (
        "关于某某的实施意见为推进工作，制定本意见。一、主要任务"
        + body
        + "二、保障措施1.加强领导。（省委办公厅负责）"
        + "做好工作。" * 100
    )
    assert [t.path for t in parse_text(raw).tasks] == [
        "一/（一）",
        "一/（二）",
        "一/（三）",
        "二/1",
    ]


def test_targets_are_asked_for_every_outline_item_with_lists_removed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, str | None, str | None]] = []

    def fake(
        text: str,
        *,
        task_path: str | None,
        default_scope: str | None,
        default_year: int | None = None,
    ) -> tuple[list[Target], list[str]]:
        calls.append((text, task_path, default_scope))
        return [], [f"blank value in {task_path}"]

    monkeypatch.setattr(pipeline, "find_targets", fake)
    raw = (
        "国务院关于某某的意见\n一、目标\n到2020年，达到98%。\n二、任务\n"
        "（一）建设。（财政部负责）\n国务院\n2018年12月21日"
    )
    plan = parse_text(raw)
    assert calls == [
        ("目标\n到2020年，达到98%。\n", "一", "全国"),
        ("任务\n", "二", "全国"),
        ("建设。\n", "二/（一）", "全国"),
    ]
    assert "blank value in 一" in plan.warnings


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2018年底前完成", "2018-12-31"),
        ("2019年6月底前完成", "2019-06-30"),
        ("2020年2月底前", "2020-02-29"),
        ("2019年上半年完成", None),
        ("2019年上半年前完成", "2019-06-30"),
        ("长期坚持", None),
        ("持续推进", None),
        ("到2020年，全省达到98%", None),
        ("于2012年10月底前制定；于2012年底前完成", "2012-12-31"),
    ],
)
def test_reads_completion_deadlines(text: str, deadline: str | None) -> None:
    assert find_deadline(text) == deadline
