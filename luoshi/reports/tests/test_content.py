"""build_bulletin (pure): the standard headings, generated paragraphs, overrides, layout maths."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from luoshi.reports.content.bulletin import BulletinOptions, build_bulletin
from luoshi.reports.content.layout import signature_indents, title_lines, width_chars
from luoshi.reports.content.numbers import date_zh, scale_for, share_percent
from luoshi.reports.content.summary_data import (
    LightCounts,
    ProgramSummary,
    RoundInfo,
    SectionProgress,
    TargetRow,
    TimelinessLine,
    UnitMention,
)

OVERALL = SectionProgress(
    "", "全部任务", 25, 21, 2, Decimal("68.6"), Decimal("70.7"), LightCounts(6, 5, 14)
)


def _target(name: str, p: str | None, light: str = "green") -> TargetRow:
    return TargetRow(
        indicator_id=1,
        code=name,
        name=name,
        unit="户",
        comparator=">=",
        baseline=Decimal(22038400),
        baseline_year=2016,
        baseline_source="",
        baseline_is_derived=False,
        latest=Decimal(24670256) if p else None,
        latest_period="2019Q4" if p else "",
        latest_source="simulated",
        target=Decimal(26000000),
        target_year=2020,
        progress_share=Decimal(p) if p else None,
        expected_share=Decimal("0.75") if p else None,
        growth_ratio=None,
        growth_band=None,
        anticipated_value=None,
        anticipated_share=None,
        anticipated_band=None,
        forecast_value=None,
        is_achieved=False,
        light=light,
        light_rule="",
        missing="" if p else "no_baseline",
        is_simulated=bool(p),
    )


def _summary(**changes: object) -> ProgramSummary:
    summary = ProgramSummary(
        program_id=1,
        program_slug="p",
        program_name="《关于测试的实施意见》落实工作",
        document_title="关于测试的实施意见",
        region_name="甘肃省",
        period="2019Q4",
        period_label="2019年第四季度",
        period_start=date(2019, 10, 1),
        period_end=date(2019, 12, 31),
        as_of=date(2020, 1, 20),
        round=RoundInfo(1, "2019Q4", date(2019, 12, 26), date(2020, 1, 5), "closed"),
        next_due_on=date(2020, 4, 5),
        overall=OVERALL,
        sections=(replace(OVERALL, path="二", title="基础"),),
        tasks=(),
        targets=(_target("移动电话用户", "0.664", "yellow"), _target("4G基站总数", None, "grey")),
        behind=(),
        timeliness=(TimelinessLine(1, "省委网信办", 4, 4, 3, 4),),
        timeliness_total=TimelinessLine(0, "合计", 4, 4, 3, 4),
        scorecards=(),
        red_items=(),
        open_notices=(),
        praised=(UnitMention(2, "兰州市政府", 2, 0, 0),),
        named=(UnitMention(1, "省委网信办", 4, 1, 0),),
        is_simulated=True,
        simulated_parts=("supervision",),
    )
    return replace(summary, **changes)  # type: ignore[arg-type]


def test_has_the_five_standard_headings_in_order() -> None:
    bulletin = build_bulletin(_summary())

    assert [s.title for s in bulletin.sections] == [
        "一、总体进展",
        "二、量化目标完成情况",
        "三、存在的问题",
        "四、通报表扬和通报批评",
        "五、下步工作安排",
    ]
    assert bulletin.title == "关于2019年第四季度《关于测试的实施意见》落实情况的通报"
    assert bulletin.masthead.simulated_mark == "模拟数据"


def test_writes_the_numbers_into_the_paragraphs() -> None:
    paragraphs = build_bulletin(_summary()).narrative()

    assert "绿灯6项、黄灯5项、红灯14项" in paragraphs["overall"].text
    assert "平均完成进度68.6%，序时进度70.7%" in paragraphs["overall"].text
    assert "确定的2项量化目标中，1项具备基期值" in paragraphs["targets"].text
    assert paragraphs["praise"].text.startswith("兰州市政府本期全部按时报送")
    assert "2020年4月5日前" in paragraphs["next.reporting"].text
    assert paragraphs["problems.behind"].lead == "（一）部分任务进度滞后。"


def test_an_override_replaces_one_paragraph_and_keeps_the_generated_text() -> None:
    bulletin = build_bulletin(_summary(), {"overall": "改写后的总体进展。", "praise": "  "})

    overall = bulletin.narrative()["overall"]
    assert (overall.text, overall.is_overridden) == ("改写后的总体进展。", True)
    assert overall.generated.startswith("《关于测试的实施意见》明确的25项")
    assert bulletin.narrative()["praise"].is_overridden is False


def test_target_table_has_one_row_per_target_with_scaled_units() -> None:
    table = build_bulletin(_summary()).tables()[0]

    assert table.key == "targets"
    assert len(table.rows) == 2
    assert table.rows[0][1:4] == ("移动电话用户", "万户", "2203.84（2016）")
    assert table.rows[0][6:10] == ("66.4%", "75.0%", "—", "黄灯")
    assert table.rows[1][6] == "—"
    assert sum(c.width_mm for c in table.columns) == 156


def test_options_set_masthead_signature_and_record() -> None:
    options = BulletinOptions(
        issuer="某某办公室",
        doc_number="甘网信办〔2020〕3号",
        addressees="各市州人民政府",
        cc="省委办公厅",
        date=date(2020, 1, 20),
    )
    bulletin = build_bulletin(_summary(is_simulated=False), None, options)

    assert bulletin.masthead.issuer_mark == "某某办公室文件"
    assert bulletin.masthead.doc_number == "甘网信办〔2020〕3号"
    assert bulletin.masthead.simulated_mark == ""
    assert bulletin.addressees == "各市州人民政府："
    assert (bulletin.date_text, bulletin.record.print_date) == ("2020年1月20日", "2020年1月20日")
    assert bulletin.record.cc == "省委办公厅"


def test_layout_helpers() -> None:
    assert width_chars("2020年1月20日") == Decimal("6.5")
    assert signature_indents("中共甘肃省委网络安全和信息化委员会办公室", "2020年1月20日") == (
        Decimal(2),
        Decimal("13.5"),
    )
    assert signature_indents("某办", "2020年12月20日") == (Decimal(9), Decimal(2))
    lines = title_lines(
        "关于2019年第四季度《关于促进移动互联网健康有序快速发展的实施意见》落实情况的通报"
    )
    assert (
        "".join(lines)
        == "关于2019年第四季度《关于促进移动互联网健康有序快速发展的实施意见》落实情况的通报"
    )
    assert all(width_chars(line) <= 19 for line in lines)
    assert title_lines("关于测试的通报") == ["关于测试的通报"]
    assert date_zh(date(2020, 1, 5)) == "2020年1月5日"
    assert share_percent(Decimal("0.74")) == "74.0%"
    assert scale_for([Decimal(300000000000)], "元").prefix == "亿"
    assert scale_for([Decimal(95)], "%").prefix == ""
