"""Markdown and Excel renderings of a plan."""

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from luoshi.parsing.export import plan_to_markdown, plan_to_xlsx, target_rows, task_rows
from luoshi.parsing.model import Plan, Target, Task

PLAN = Plan(
    title="关于某某的意见",
    issuer=("国务院",),
    doc_number="国发〔2018〕42号",
    date=date(2018, 12, 21),
    tasks=(
        Task(
            "二/（一）",
            "建设",
            "建设。推进|管道。",
            "item",
            ("甲部", "乙部"),
            ("甲部",),
            True,
            (),
            "（甲部、乙部负责）",
            deadline="2019-12-31",
        ),
        Task(
            "二/（一）#2",
            None,
            "第二句。\n第二段。",
            "clause",
            ("丙部",),
            ("丙部",),
            False,
            (),
            "（丙部负责）",
        ),
    ),
    targets=(
        Target(
            "农机总动力超过10亿千瓦",
            "农机总动力",
            Decimal("1000000000"),
            "千瓦",
            ">",
            2020,
            scope="全国",
        ),
        Target(
            "建设1到2个基地",
            "基地",
            Decimal(2),
            "个",
            "range",
            None,
            value_min=Decimal(1),
            period="5年内",
        ),
        Target("达到98.50%", "比例", Decimal("98.50"), "%", ">=", 2020),
    ),
    warnings=("未识别的单位 / unknown unit: 丙部（二/（一）#2）",),
)


def test_task_rows_use_title_or_clause_text() -> None:
    assert task_rows(PLAN, short=True) == [
        ("1", "二/（一）", "建设", "甲部", "甲部、乙部", "2019-12-31"),
        ("2", "二/（一）#2", "第二句。", "丙部", "丙部", ""),
    ]


def test_target_rows_show_values_ranges_and_periods() -> None:
    assert target_rows(PLAN) == [
        ("农机总动力", "1000000000", "千瓦", ">", "2020", "全国", "农机总动力超过10亿千瓦"),
        ("基地", "1–2", "个", "区间", "5年内", "", "建设1到2个基地"),
        ("比例", "98.5", "%", "≥", "2020", "", "达到98.50%"),
    ]


def test_markdown_escapes_pipes_and_lists_warnings() -> None:
    markdown = plan_to_markdown(PLAN)
    assert markdown.startswith("# 关于某某的意见\n\n国务院　国发〔2018〕42号　2018-12-21\n")
    assert "## 待确认\n\n- 未识别的单位 / unknown unit: 丙部（二/（一）#2）" in markdown


def test_xlsx_has_full_task_text_wrapped_and_print_settings() -> None:
    workbook = load_workbook(io.BytesIO(plan_to_xlsx(PLAN)))
    assert workbook.sheetnames == ["任务分工", "量化目标", "待确认"]
    sheet = workbook["任务分工"]
    assert sheet["C2"].value == "建设。推进|管道。"
    assert sheet["C3"].value == "第二句。\n第二段。"
    assert sheet["C3"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width == 70
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
