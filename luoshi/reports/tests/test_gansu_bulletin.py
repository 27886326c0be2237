"""Acceptance on the simulated Gansu program: the .docx layout (GB/T 9704), the PDF pages, the
numbers against program_summary, the Excel exports and the command.

The Gansu world (load_default_program, load_indicators, demo --simulate, simulated indicator
values) takes half a minute, so it is built once for this module inside a transaction that is
rolled back at the end; each test still runs in its own savepoint.
"""

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from luoshi.core.periods import parse_period
from luoshi.plans.models import Program
from luoshi.reports.content.bulletin import Bulletin, build_bulletin
from luoshi.reports.content.summary_data import ProgramSummary
from luoshi.reports.exports import export_workbook
from luoshi.reports.options import default_options
from luoshi.reports.render.docx import render_docx
from luoshi.reports.render.pdf import chart_images, render_pdf
from luoshi.reports.summary import program_summary

pytestmark = pytest.mark.django_db

SLUG = "gansu-mobile-internet-2017"
DAY = date(2020, 1, 20)


@dataclass(frozen=True)
class Gansu:
    program: Program
    summary: ProgramSummary
    bulletin: Bulletin
    docx: bytes
    pdf: bytes


@pytest.fixture(scope="module")
def gansu(django_db_setup: None, django_db_blocker: Any) -> Iterator[Gansu]:
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_default_program", stdout=out)
        call_command("load_indicators", "--program", SLUG, stdout=out)
        call_command("demo", "--simulate", "--seed", "1", stdout=out)
        call_command("simulate_indicators", "--program", SLUG, "--seed", "1", stdout=out)
        program = Program.objects.get(slug=SLUG)
        summary = program_summary(program, parse_period("2019Q4"), today=DAY)
        bulletin = build_bulletin(summary, {}, default_options(program, day=DAY, number=3))
        charts = chart_images(bulletin)
        yield Gansu(
            program, summary, bulletin, render_docx(bulletin, charts), render_pdf(bulletin, charts)
        )
        transaction.set_rollback(True)


def _east_asia(element: Any) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    if fonts is None:
        fonts = element.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_docx_page_is_a4_with_gbt9704_margins_and_grid(gansu: Gansu) -> None:
    document = Document(io.BytesIO(gansu.docx))
    section = document.sections[0]

    size = section._sectPr.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")  # A4 in twips
    mm = [
        round(length.mm if length is not None else 0, 1)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]
    assert mm[0] - mm[4] - mm[5] == 156.0
    assert mm[1] - mm[2] - mm[3] == 225.0
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"


def test_docx_names_the_official_fonts(gansu: Gansu) -> None:
    document = Document(io.BytesIO(gansu.docx))
    normal = document.styles["Normal"]

    assert _east_asia(normal.element) == "仿宋_GB2312"
    assert normal.font.size is not None
    assert normal.font.size.pt == 16
    title = next(p for p in document.paragraphs if p.text.startswith("关于2019年第四季度"))
    assert {_east_asia(r._r) for r in title.runs} == {"方正小标宋简体"}
    assert {r.font.size.pt if r.font.size else 0 for r in title.runs} == {22}
    heading = next(p for p in document.paragraphs if p.text == "一、总体进展")
    assert _east_asia(heading.runs[0]._r) == "黑体"
    lead = next(p for p in document.paragraphs if p.text.startswith("（一）部分任务进度滞后。"))
    assert _east_asia(lead.runs[0]._r) == "楷体_GB2312"
    assert _east_asia(lead.runs[1]._r) == "仿宋_GB2312"
    body = next(p for p in document.paragraphs if "项重点任务中" in p.text)
    spacing = body.paragraph_format.line_spacing
    assert spacing is not None and not isinstance(spacing, float)
    assert spacing.pt == pytest.approx(28.95)
    font_table = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    )
    assert "方正小标宋简体" in font_table.blob.decode() and "宋体" in font_table.blob.decode()


def test_docx_has_red_masthead_and_red_rule(gansu: Gansu) -> None:
    document = Document(io.BytesIO(gansu.docx))
    mark = next(p for p in document.paragraphs if p.text == "中共甘肃省委网信办文件")
    number = next(p for p in document.paragraphs if p.text == "甘网信办〔2020〕3号")

    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    p_pr = number._p.pPr
    assert p_pr is not None
    rule = p_pr.find(qn("w:pBdr") + "/" + qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    assert document.paragraphs[0].text.startswith("模拟数据")


def test_docx_contains_the_target_table_with_15_rows(gansu: Gansu) -> None:
    document = Document(io.BytesIO(gansu.docx))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "指标")

    assert len(table.rows) == 1 + 15
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None
    assert tr_pr.find(qn("w:tblHeader")) is not None
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names == [t.name for t in gansu.summary.targets]
    assert len(gansu.summary.targets) == 15
    assert len(document.inline_shapes) == 2


def test_docx_has_page_number_footers(gansu: Gansu) -> None:
    document = Document(io.BytesIO(gansu.docx))
    section = document.sections[0]

    assert document.settings.odd_and_even_pages_header_footer is True
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml
        assert footer.paragraphs[0].text.startswith("— ")
        assert footer.paragraphs[0].text.endswith(" —")
        assert _east_asia(footer.paragraphs[0].runs[0]._r) == "宋体"
        assert footer.paragraphs[0].runs[0].font.size.pt == 14
    assert section.footer.paragraphs[0].alignment == 2  # right: odd pages
    assert section.even_page_footer.paragraphs[0].alignment == 0  # left: even pages


def test_docx_text_carries_the_summary_numbers(gansu: Gansu) -> None:
    text = "\n".join(p.text for p in Document(io.BytesIO(gansu.docx)).paragraphs)
    s = gansu.summary

    lights = s.overall.lights
    assert f"绿灯{lights.green}项、黄灯{lights.yellow}项、红灯{lights.red}项" in text
    assert f"应报送进展报告{s.timeliness_total.due}份" in text
    assert f"按时报送{s.timeliness_total.on_time}份" in text
    assert f"{len(s.targets)}项量化目标中" in text
    assert f"{len(s.praised)}个单位本期全部按时报送" in text
    assert "抄送：" not in text  # 版记 is a table, checked below
    record = Document(io.BytesIO(gansu.docx)).tables[-1]
    assert record.rows[-1].cells[0].text.endswith("2020年1月20日印发")


def test_bulletin_numbers_equal_program_summary(gansu: Gansu) -> None:
    s = gansu.summary
    figures = gansu.bulletin.figures

    assert figures["tasks"] == str(s.overall.tasks) == "25"
    assert figures["red"] == str(s.overall.lights.red)
    assert figures["due"] == str(s.timeliness_total.due)
    assert figures["targets"] == "15"
    table = gansu.bulletin.tables()[0]
    for row, target in zip(table.rows, s.targets, strict=True):
        assert row[1] == target.name
    assessed = [t for t in s.targets if t.progress_share is not None]
    assert assessed and all(t.latest_period <= "2019Q4" for t in assessed)
    assert s.is_simulated and set(s.simulated_parts) == {"supervision", "indicators"}


def test_pdf_pages_are_not_blank(gansu: Gansu, tmp_path: Path) -> None:
    pdf = tmp_path / "bulletin.pdf"
    pdf.write_bytes(gansu.pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))

    assert len(pages) >= 3
    for page in pages:
        image = Image.open(page).convert("L")
        dark = sum(image.histogram()[:200])
        assert dark > 500, page.name
    first = Image.open(pages[0]).convert("RGB")
    pixels = first.tobytes()
    red = sum(
        1
        for i in range(0, len(pixels), 3)
        if pixels[i] > 200 and pixels[i + 1] < 80 and pixels[i + 2] < 80
    )
    assert red > 100  # the red issuer mark and rule


def test_xlsx_exports_are_formatted_for_print(gansu: Gansu) -> None:
    data = export_workbook(gansu.program, parse_period("2019Q4"), "all", today=DAY)
    book = load_workbook(io.BytesIO(data))

    split = book["任务分工表"]
    assert [c.value for c in split[3]][:8] == [
        "序号",
        "重点任务",
        "具体措施",
        "量化目标",
        "牵头单位",
        "责任单位",
        "完成时限",
        "报送频次",
    ]
    assert split.max_row == 3 + 25
    assert split.freeze_panes == "A4"
    assert split.page_setup.orientation == "landscape"
    assert split.print_title_rows == "$1:$3"
    assert "模拟数据" in str(split["A2"].value)
    targets = book["量化目标"]
    assert targets.max_row == 3 + 15
    assert targets["J5"].number_format == "0.0%"
    assert {"报送情况", "考核评分"} <= set(book.sheetnames)
    timeliness = book["报送情况"]
    assert (
        timeliness.cell(row=timeliness.max_row, column=2).value
        == gansu.summary.timeliness_total.due
    )


def test_command_renders_docx_and_reports_errors(gansu: Gansu, tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    call_command(
        "bulletin",
        "--program",
        SLUG,
        "--period",
        "2019Q4",
        "--date",
        "2020-01-20",
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert re.search(r"红灯\d+项", text)
    with pytest.raises(Exception, match="Unknown program"):
        call_command("bulletin", "--program", "nope", "--period", "2019Q4")
    with pytest.raises(Exception, match="not a period"):
        call_command("bulletin", "--program", SLUG, "--period", "2019Q5")
