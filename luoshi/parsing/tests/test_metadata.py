"""Metadata: title after a cover notice, joined two-line titles, 文号, issuer and date."""

from datetime import date

from luoshi.parsing.metadata import Metadata, default_scope
from luoshi.parsing.pipeline import parse_text

COVER = """甘肃省人民政府办公厅关于印发某某实施方案的通知
甘政办发〔2019〕12号
各市、自治州人民政府，省政府各部门：
　　《某某实施方案》已经省政府同意，现印发给你们，请认真贯彻执行。
甘肃省人民政府办公厅
2019年3月5日
某某实施方案
一、重点任务
（一）推进建设。（省财政厅负责）
"""


def test_takes_the_title_after_a_cover_notice() -> None:
    plan = parse_text(COVER)
    assert plan.title == "某某实施方案"
    assert plan.doc_number == "甘政办发〔2019〕12号"
    assert plan.issuer == ("甘肃省人民政府办公厅",)
    assert plan.date == date(2019, 3, 5)


def test_joins_a_title_broken_over_two_lines() -> None:
    plan = parse_text(
        "国务院关于加快推进某某和\n某某产业转型升级的指导意见\n一、总体要求\n（一）目标。"
    )
    assert plan.title == "国务院关于加快推进某某和某某产业转型升级的指导意见"


def test_ignores_a_document_number_cited_in_a_sentence() -> None:
    raw = (
        "关于某某的实施意见\n"
        "为贯彻落实《某某通知》（厅字〔2016〕52号）部署要求，制定本意见。\n一、任务"
    )
    assert parse_text(raw).doc_number is None


def test_reads_document_numbers_in_other_brackets() -> None:
    assert parse_text("关于某某的意见\n（国发[2018]42号）\n一、任务").doc_number == "国发[2018]42号"
    assert (
        parse_text("关于某某的意见\n国办发【2019】3号\n一、任务").doc_number == "国办发【2019】3号"
    )


def test_reads_a_closing_signature_with_a_chinese_numeral_date() -> None:
    raw = (
        "关于某某的意见\n一、任务\n（一）建设。（省财政厅负责）\n"
        "中共某某省委\n某某省人民政府\n二〇一八年十二月二十一日"
    )
    plan = parse_text(raw)
    assert plan.issuer == ("中共某某省委", "某某省人民政府")
    assert plan.date == date(2018, 12, 21)
    assert plan.tasks[0].text == "建设。"


def test_leaves_issuer_and_date_empty_without_a_signature() -> None:
    plan = parse_text("关于某某的实施意见\n一、任务\n1.建设。（牵头单位：市财政局）")
    assert (plan.issuer, plan.date, plan.doc_number) == (None, None, None)


def _meta(issuer: tuple[str, ...] | None, title: str | None) -> Metadata:
    return Metadata(title, issuer, None, None, 0, ())


def test_default_scope_follows_the_issuing_level() -> None:
    assert default_scope(_meta(("国务院",), None)) == "全国"
    assert default_scope(_meta(("中共甘肃省委办公厅",), None)) == "全省"
    assert default_scope(_meta(None, "广州市人民政府关于推进某某的实施意见")) == "全市"
    assert default_scope(_meta(None, "关于推进人才集聚工程的实施意见")) is None
