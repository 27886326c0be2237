"""Reading documents: encodings, HTML from government sites, and Word files."""

import io
from pathlib import Path

import pytest
from docx import Document

from luoshi.parsing.pipeline import parse_file
from luoshi.parsing.sources import SourceError, decode_bytes, html_to_text, read_bytes, read_source

DOC = (
    "关于推进某工作的实施意见\n一、主要任务\n"
    "（一）推进建设。加快推进。（省财政厅、省发展改革委负责）\n"
)


@pytest.mark.parametrize(
    "data",
    [
        DOC.encode("utf-8"),
        b"\xef\xbb\xbf" + DOC.encode("utf-8"),
        DOC.encode("gb18030"),
        DOC.encode("gbk"),
        DOC.encode("utf-16"),
    ],
)
def test_decodes_utf8_bom_gb18030_gbk_and_utf16(data: bytes) -> None:
    assert decode_bytes(data).lstrip("\ufeff") == DOC


def test_reads_a_gb18030_file_into_the_same_plan_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "gb.txt").write_bytes(DOC.encode("gb18030"))
    (tmp_path / "utf.txt").write_bytes(DOC.encode("utf-8"))
    assert parse_file(tmp_path / "gb.txt") == parse_file(tmp_path / "utf.txt")


def test_html_keeps_block_breaks_and_drops_scripts_and_styles() -> None:
    html = """<html><head><title>x</title><style>p{color:red}</style></head><body>
    <script>var a = "一、不是标题";</script>
    <div class="title">关于推进某工作的<br>实施意见</div>
    <p>一、主要任务</p><p style="text-indent:2em">（一）推进建设。加快
    推进。（省财政厅负责）</p><ul><li>二、保障措施</li></ul>&nbsp;&ldquo;引号&rdquo;
    </body></html>"""
    assert html_to_text(html).split("\n") == [
        "关于推进某工作的",
        "实施意见",
        "一、主要任务",
        "（一）推进建设。加快推进。（省财政厅负责）",
        "二、保障措施",
        "\u00a0“引号”",
    ]


def test_reads_html_bytes_with_a_declared_gbk_charset() -> None:
    html = '<meta charset="gbk"><p>一、任务</p><p>（一）建设。（省财政厅负责）</p>'
    text = read_bytes(html.encode("gbk"), ".html")
    assert text == "一、任务\n（一）建设。（省财政厅负责）"


def test_reads_docx_paragraphs_tables_and_automatic_numbering(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("关于推进某工作的实施意见")
    document.add_paragraph("一、主要任务")
    document.add_paragraph("推进建设。（省财政厅负责）", style="List Number")
    document.add_paragraph("加强监管。（省发展改革委负责）", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "序号"
    table.cell(0, 1).text = "任务"
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "plan.docx"
    path.write_bytes(buffer.getvalue())
    assert read_source(path).split("\n") == [
        "关于推进某工作的实施意见",
        "一、主要任务",
        "1.推进建设。（省财政厅负责）",
        "2.加强监管。（省发展改革委负责）",
        "序号\t任务",
    ]
    plan = parse_file(path)
    assert [(t.path, t.units) for t in plan.tasks] == [
        ("一/1", ("省财政厅",)),
        ("一/2", ("省发展改革委",)),
    ]


def test_reports_a_missing_file_in_both_languages(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        read_source(tmp_path / "x.txt")
    assert (
        raised.value.line()
        == f"错误：找不到文件 {tmp_path / 'x.txt'} / error: file not found: {tmp_path / 'x.txt'}"
    )


def test_reports_an_unsupported_extension(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(SourceError, match=r"unsupported file type: \.pdf"):
        read_source(tmp_path / "x.pdf")


def test_reports_a_broken_word_file(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    with pytest.raises(SourceError, match="cannot read the Word file"):
        read_source(tmp_path / "x.docx")


GOV_PAGE = """<html><head><meta charset="utf-8"><title>页面标题</title>
<script>var x=1;</script></head>
<body><div class="nav">首页 &gt; 政策</div>
<table><tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2018年12月12日</td></tr>
<tr><td><b>标　　题：</b></td><td>国务院关于加快推进某某的指导意见</td></tr>
<tr><td><b>发文字号：</b></td><td>国发〔2018〕42号</td><td>发布日期：</td><td>2018年12月29日</td></tr></table>
<p align="center"><strong>国务院关于加快推进某某的指导意见</strong></p>
<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>　　<strong>一、主要任务</strong></p>
<p>　　（一）完善创新体系。加快推进。（工业和信息化部、发展改革委等负责。
列第一位者为牵头单位，下同）</p>
<p>　　（二）强化地方责任。认真研究。（各省级人民政府负责）</p>
<p align="right">国务院</p><p align="right">2018年12月12日</p><p>（此件公开发布）</p>
<div class="footer">打印本页 关闭窗口</div></body></html>"""


def test_reads_a_government_web_page_with_its_metadata_table(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(GOV_PAGE, encoding="utf-8")
    plan = parse_file(path)
    assert (plan.title, plan.issuer, plan.doc_number, str(plan.date)) == (
        "国务院关于加快推进某某的指导意见",
        ("国务院",),
        "国发〔2018〕42号",
        "2018-12-12",
    )
    assert [(t.path, t.lead_units, t.lead_explicit) for t in plan.tasks] == [
        ("一/（一）", ("工业和信息化部",), True),
        ("一/（二）", ("各省级人民政府",), True),
    ]
    assert plan.tasks[-1].text == "强化地方责任。认真研究。"
