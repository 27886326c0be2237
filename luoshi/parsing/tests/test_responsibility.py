"""Responsibility lists: which brackets are lists, and the units, leads and rules they hold."""

import pytest

from luoshi.parsing.labels import is_generic, is_unit_like
from luoshi.parsing.normalize import fold
from luoshi.parsing.responsibility import find_lists, parse_assignment


def test_reads_comma_groups_and_strips_the_shared_role_phrase() -> None:
    found = parse_assignment(
        "各市州政府，省通信管理局、省工信委，甘肃电信公司等按照各自职责共同推进"
    )
    assert found is not None
    assert found.units == ("各市州政府", "省通信管理局", "省工信委", "甘肃电信公司")
    assert found.lead_units == ()
    assert found.generic_units == ("各市州政府",)
    assert found.has_role_word


def test_removes_the_first_listed_rule_and_reports_it() -> None:
    found = parse_assignment("工业和信息化部、发展改革委等负责。列第一位者为牵头单位，下同")
    assert found is not None
    assert found.units == ("工业和信息化部", "发展改革委")
    assert found.states_first_listed_rule


@pytest.mark.parametrize(
    ("content", "units", "leads"),
    [
        (
            "农业农村部、工业和信息化部牵头负责",
            ("农业农村部", "工业和信息化部"),
            ("农业农村部", "工业和信息化部"),
        ),
        (
            "省发展改革委牵头，省财政厅、省商务厅参与",
            ("省发展改革委", "省财政厅", "省商务厅"),
            ("省发展改革委",),
        ),
        (
            "牵头单位：省发展改革委；配合单位：省财政厅",
            ("省发展改革委", "省财政厅"),
            ("省发展改革委",),
        ),
        ("牵头单位:市教育局,配合单位:市财政局", ("市教育局", "市财政局"), ("市教育局",)),
        ("省发展改革委负责，省财政厅配合", ("省发展改革委", "省财政厅"), ()),
        ("省发展改革委、省财政厅按职责分工负责", ("省发展改革委", "省财政厅"), ()),
        ("各省级人民政府负责", ("各省级人民政府",), ()),
        ("市委组织部和市人力资源和社会保障局负责", ("市委组织部", "市人力资源和社会保障局"), ()),
        ("省财政厅负责，2018年底前完成", ("省财政厅",), ()),
    ],
)
def test_reads_units_and_explicit_leads(
    content: str, units: tuple[str, ...], leads: tuple[str, ...]
) -> None:
    found = parse_assignment(content)
    assert found is not None
    assert (found.units, found.lead_units) == (units, leads)


def test_keeps_a_collective_with_an_inner_enumeration_comma_as_one_party() -> None:
    found = parse_assignment("牵头单位：市农业局，配合单位：市科协，各有关区、县级市")
    assert found is not None
    assert found.units == ("市农业局", "市科协", "各有关区、县级市")
    assert found.generic_units == ("各有关区、县级市",)


def test_does_not_split_and_inside_a_ministry_name() -> None:
    found = parse_assignment("工业和信息化部、住房和城乡建设部负责")
    assert found is not None
    assert found.units == ("工业和信息化部", "住房和城乡建设部")


def test_keeps_a_unit_named_after_a_role_word() -> None:
    found = parse_assignment("牵头单位：市委组织部，配合单位：各项目牵头单位")
    assert found is not None
    assert found.units == ("市委组织部", "各项目牵头单位")


@pytest.mark.parametrize(
    "content", ["IPv6", "2017—2020年", "试行", "市、区", "简称“633”人才工程", "海外人才工作站"]
)
def test_rejects_parentheses_that_are_not_lists(content: str) -> None:
    assert parse_assignment(content) is None


def test_accepts_a_list_of_plain_unit_names_without_a_role_word() -> None:
    found = parse_assignment("省发展改革委、省财政厅")
    assert found is not None
    assert not found.has_role_word


def test_reads_traditional_and_fullwidth_text_verbatim() -> None:
    found = parse_assignment("省發展改革委、省財政廳負責")
    assert found is not None
    assert found.units == ("省發展改革委", "省財政廳")


def test_finds_only_lists_that_close_a_clause() -> None:
    text = "建设基于互联网协议第六版（IPv6）的网络（省通信管理局负责）。完善机制。（省财政厅负责）"
    found = find_lists(text, fold(text), 0, len(text))
    assert [text[f.start : f.end] for f in found] == ["（省通信管理局负责）", "（省财政厅负责）"]


def test_finds_label_lines_as_one_list() -> None:
    text = "推进建设。\n牵头单位：省委网信办\n配合单位：省公安厅、省通信管理局\n完成时限：2020年底"
    found = find_lists(text, fold(text), 0, len(text))
    assert len(found) == 1
    assert found[0].assignment.units == ("省委网信办", "省公安厅", "省通信管理局")
    assert found[0].assignment.lead_units == ("省委网信办",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("省发展改革委", True),
        ("甘肃移动公司", True),
        ("越秀区", True),
        ("县级市", False),
        ("试行", False),
    ],
)
def test_recognises_unit_like_names(name: str, expected: bool) -> None:
    assert is_unit_like(name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("各地区", True), ("国务院相关部门", True), ("有关部门", True), ("省财政厅", False)],
)
def test_recognises_collective_parties(name: str, expected: bool) -> None:
    assert is_generic(name) is expected
