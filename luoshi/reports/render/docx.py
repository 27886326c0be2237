"""Render a bulletin as .docx laid out per GB/T 9704-2012 (党政机关公文格式), with python-docx.

Page: A4, margins top 37 / bottom 35 / left 28 / right 26 mm, so the text block is 156 × 225 mm;
a `linesAndChars` document grid of 22 lines × 28 characters of 3号 (16 pt) text, and every
body paragraph at an exact 28.95 pt line (225 mm / 22, the grid's line pitch).
Fonts are named, not embedded (`w:rFonts w:eastAsia`); the font table gives each official font
its usual substitute (`w:altName`) for machines that lack it. docs/bulletins.md lists every rule.
"""

import io
from collections.abc import Mapping
from decimal import Decimal

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml import etree

from luoshi.reports.content.bulletin import (
    Bulletin,
    Chart,
    Heading,
    Paragraph,
    Table,
)
from luoshi.reports.content.layout import mark_size_pt, signature_indents, title_lines
from luoshi.reports.render.charts import chart_png, chart_size_mm

__all__ = ["FONTS", "LAYOUT", "render_docx"]

# GB/T 9704-2012 §5.2.1 and §7: the page, the text block and the grid.
LAYOUT = {
    "page_mm": (210, 297),
    "margins_mm": {"top": 37, "bottom": 35, "left": 28, "right": 26},
    "text_block_mm": (156, 225),
    "lines": 22,
    "chars": 28,
    "body_pt": 16,
    # 225 mm / 22 lines = 28.96 pt; Word stores twentieths of a point: 579 twips = 28.95 pt.
    "line_twips": 579,
    # 156 mm / 28 = 15.793 pt per character: 16 pt − 0.207 pt, in 1/4096 pt.
    "char_space": -849,
}

FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
    "latin": "Times New Roman",
}
# Substitutes Word uses when the official font is missing (font table w:altName).
ALT_NAMES = {
    "方正小标宋简体": "宋体",
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
}

BODY = Pt(16)
LINE_TWIPS = 579
LINE = Pt(LINE_TWIPS / 20)
RED = RGBColor(0xFF, 0x00, 0x00)
_LIGHT_FILL = {"green": "E2EFDA", "yellow": "FFF2CC", "red": "F8CBAD"}
_CHAR = 16  # points per character of body text


# --- low-level helpers -------------------------------------------------------------------------


def _fonts(run: Run, east_asia: str, latin: str = FONTS["latin"]) -> None:
    run.font.name = latin
    r_fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asia)
    r_fonts.set(qn("w:ascii"), latin)
    r_fonts.set(qn("w:hAnsi"), latin)
    r_fonts.set(qn("w:cs"), latin)
    r_fonts.set(qn("w:hint"), "eastAsia")


def _run(
    paragraph: DocxParagraph,
    text: str,
    font: str,
    size: float = 16,
    *,
    bold: bool = False,
    color: RGBColor | None = None,
) -> Run:
    run = paragraph.add_run(text)
    _fonts(run, font, latin=FONTS["latin"] if font in (FONTS["body"],) else font)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run


def _set(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _no_grid(paragraph: DocxParagraph) -> None:
    """Let a paragraph keep its own line height instead of snapping to the 28.95 pt grid."""
    _set(paragraph._p.get_or_add_pPr(), "w:snapToGrid", val="0")


def _first_line_chars(paragraph: DocxParagraph, chars: int = 2) -> None:
    """Indent the first line by whole characters (首行缩进二字), in Word's character units."""
    ind = _set(paragraph._p.get_or_add_pPr(), "w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * _CHAR * 20))


def _indent_chars(
    paragraph: DocxParagraph, *, left: Decimal = Decimal(0), right: Decimal = Decimal(0)
) -> None:
    ind = _set(paragraph._p.get_or_add_pPr(), "w:ind")
    if left:
        ind.set(qn("w:leftChars"), str(int(left * 100)))
        ind.set(qn("w:left"), str(int(left * _CHAR * 20)))
    if right:
        ind.set(qn("w:rightChars"), str(int(right * 100)))
        ind.set(qn("w:right"), str(int(right * _CHAR * 20)))


def _exact(paragraph: DocxParagraph, points: Pt | float = LINE) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = points if isinstance(points, Pt) else Pt(points)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _bottom_border(
    paragraph: DocxParagraph, *, color: str, size_eighths: int, space_pt: int
) -> None:
    borders = _set(paragraph._p.get_or_add_pPr(), "w:pBdr")
    _set(
        borders,
        "w:bottom",
        val="single",
        sz=str(size_eighths),
        space=str(space_pt),
        color=color,
    )


def _blank(document: DocumentObject, lines: int = 1) -> None:
    for _ in range(lines):
        paragraph = document.add_paragraph()
        _exact(paragraph)


# --- the page ---------------------------------------------------------------------------------


def _page(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins = LAYOUT["margins_mm"]
    assert isinstance(margins, dict)
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])
    section.header_distance = Mm(15)
    # The page number's top sits 7 mm below the text block (GB/T 9704 §7.5).
    section.footer_distance = Mm(22)
    grid = _set(section._sectPr, "w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LAYOUT["line_twips"]))
    grid.set(qn("w:charSpace"), str(LAYOUT["char_space"]))


def _styles(document: DocumentObject) -> None:
    normal = document.styles["Normal"]
    normal.font.size = BODY
    normal.font.name = FONTS["latin"]
    r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), FONTS["body"])
    r_fonts.set(qn("w:ascii"), FONTS["latin"])
    r_fonts.set(qn("w:hAnsi"), FONTS["latin"])
    lang = _set(normal.element.get_or_add_rPr(), "w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.widow_control = False
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _font_table(document: DocumentObject) -> None:
    """Declare the official fonts with their substitutes (w:altName) in word/fontTable.xml."""
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = etree.fromstring(part.blob)
        for name, alt in (*ALT_NAMES.items(), ("黑体", "SimHei"), ("宋体", "SimSun")):
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            _set(font, "w:altName", val=alt)
            _set(font, "w:charset", val="86")
            _set(font, "w:family", val="roman" if name != "黑体" else "modern")
            _set(font, "w:pitch", val="variable")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_field(paragraph: DocxParagraph) -> None:
    def fld(kind: str) -> None:
        run = _run(paragraph, "", FONTS["page_number"], 14)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    fld("begin")
    run = _run(paragraph, "", FONTS["page_number"], 14)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld("separate")
    _run(paragraph, "1", FONTS["page_number"], 14)
    fld("end")


def _footers(document: DocumentObject) -> None:
    """Page numbers 4号 宋体 "— N —": odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        _exact(paragraph, 16)
        _no_grid(paragraph)
        ind = _set(paragraph._p.get_or_add_pPr(), "w:ind")
        ind.set(qn("w:right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "w:left"), str(14 * 20))
        _run(paragraph, "— ", FONTS["page_number"], 14)
        _page_field(paragraph)
        _run(paragraph, " —", FONTS["page_number"], 14)


# --- 版头 -------------------------------------------------------------------------------------


def _masthead(document: DocumentObject, bulletin: Bulletin) -> None:
    used = Decimal(0)
    if bulletin.masthead.simulated_mark:
        mark = document.add_paragraph()
        _exact(mark)
        _run(mark, bulletin.masthead.simulated_mark, FONTS["heading1"], 16, color=RED)
        _run(mark, "  " + bulletin.simulated_note, FONTS["body"], 12)
        used = Decimal("10.2")
    text = bulletin.masthead.issuer_mark
    # As large as fits one line of the 156 mm block, at most 初号 (42 pt).
    size = mark_size_pt(text)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(paragraph, float(size) + 8)
    _no_grid(paragraph)
    # The mark's top edge lies 35 mm below the top of the text block (GB/T 9704 §7.2.2).
    paragraph.paragraph_format.space_before = Mm(float(Decimal(35) - used))
    _run(paragraph, text, FONTS["title"], float(size), color=RED)
    _blank(document, 2)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(number)
    _run(number, bulletin.masthead.doc_number or " ", FONTS["body"])
    # The red rule, as wide as the text block, 4 mm (≈11 pt) under the document number.
    _bottom_border(number, color="FF0000", size_eighths=12, space_pt=11)


# --- 主体 -------------------------------------------------------------------------------------


def _title(document: DocumentObject, bulletin: Bulletin) -> None:
    _blank(document, 2)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(paragraph, 36)
    _no_grid(paragraph)
    lines = title_lines(bulletin.title)
    for index, line in enumerate(lines):
        run = _run(paragraph, line, FONTS["title"], 22)
        if index < len(lines) - 1:
            run.add_break()
    _blank(document)
    addressees = document.add_paragraph()
    _exact(addressees)
    _run(addressees, bulletin.addressees, FONTS["body"])


def _paragraph(document: DocumentObject, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    _exact(paragraph)
    _first_line_chars(paragraph)
    if block.lead:
        if block.lead_level == 2:
            _run(paragraph, block.lead, FONTS["heading2"])
        else:
            _run(paragraph, block.lead, FONTS["body"], bold=True)
    _run(paragraph, block.text, FONTS["body"])


def _heading(document: DocumentObject, text: str, level: int) -> None:
    paragraph = document.add_paragraph()
    _exact(paragraph)
    _first_line_chars(paragraph)
    paragraph.paragraph_format.keep_with_next = True
    font = {1: FONTS["heading1"], 2: FONTS["heading2"]}.get(level, FONTS["body"])
    _run(paragraph, text, font, bold=level >= 3)


def _cell_text(cell: object, text: str, *, header: bool, align: str) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }.get(align if not header else "center", WD_ALIGN_PARAGRAPH.CENTER)
    _exact(paragraph, 14)
    _no_grid(paragraph)
    _run(paragraph, text, FONTS["heading1"] if header else FONTS["body"], 10.5)


def _shade(cell: object, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    _set(tc_pr, "w:shd", val="clear", color="auto", fill=fill)


def _borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = _set(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{edge}", val="single", sz="4", space="0", color="000000")
    margins = _set(tbl_pr, "w:tblCellMar")
    for edge, twips in (("left", "57"), ("right", "57"), ("top", "28"), ("bottom", "28")):
        _set(margins, f"w:{edge}", w=twips, type="dxa")


def _caption(document: DocumentObject, text: str, *, before: bool) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(paragraph)
    paragraph.paragraph_format.keep_with_next = before
    _run(paragraph, text, FONTS["heading1"], 14)


def _table(document: DocumentObject, block: Table) -> None:
    _caption(document, block.caption, before=True)
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    _set(table._tbl.tblPr, "w:tblLayout", type="fixed")
    _set(
        table._tbl.tblPr,
        "w:tblW",
        w=str(sum(int(c.width_mm * 5670 / 100) for c in block.columns)),
        type="dxa",
    )
    for index, column in enumerate(block.columns):
        table.columns[index].width = Mm(float(column.width_mm))
    header = table.rows[0]
    # The header row repeats at the top of every page the table runs onto.
    _set(header._tr.get_or_add_trPr(), "w:tblHeader", val="true")
    _set(header._tr.get_or_add_trPr(), "w:cantSplit", val="true")
    for index, column in enumerate(block.columns):
        cell = header.cells[index]
        cell.width = Mm(float(column.width_mm))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(cell, column.title, header=True, align="center")
        _shade(cell, "F2F2F2")
    for row_index, values in enumerate(block.rows):
        row = table.rows[row_index + 1]
        _set(row._tr.get_or_add_trPr(), "w:cantSplit", val="true")
        for index, (column, value) in enumerate(zip(block.columns, values, strict=True)):
            cell = row.cells[index]
            cell.width = Mm(float(column.width_mm))
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _cell_text(cell, value, header=False, align=column.align)
            if index == block.light_column and row_index < len(block.row_lights):
                fill = _LIGHT_FILL.get(block.row_lights[row_index])
                if fill:
                    _shade(cell, fill)
    if block.note:
        note = document.add_paragraph()
        _exact(note, 18)
        _no_grid(note)
        note.paragraph_format.space_before = Pt(3)
        _run(note, block.note, FONTS["body"], 12)
    _blank(document)


def _chart(document: DocumentObject, block: Chart, png: bytes) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.keep_with_next = True
    _no_grid(paragraph)
    width, _height = chart_size_mm(block)
    paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(float(width)))
    _caption(document, block.caption, before=False)


# --- 落款 and 版记 ----------------------------------------------------------------------------


def _signature(document: DocumentObject, bulletin: Bulletin) -> None:
    """署名右空二字; the date's first character two characters right of the name's (§7.3.5.2)."""
    _blank(document)
    issuer_right, date_right = signature_indents(bulletin.issuer, bulletin.date_text)
    for text, right in ((bulletin.issuer, issuer_right), (bulletin.date_text, date_right)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _exact(paragraph)
        _indent_chars(paragraph, right=right)
        _run(paragraph, text, FONTS["body"])


def _record(document: DocumentObject, bulletin: Bulletin) -> None:
    """版记 as a table floated to the bottom of the last page's text block (§7.4)."""
    rows = []
    if bulletin.record.cc:
        rows.append(("cc", f"抄送：{bulletin.record.cc}。"))
    rows.append(("print", bulletin.record.printer))
    table = document.add_table(rows=len(rows), cols=1)
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblW", w=str(156 * 5670 // 100), type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    float_pr = _set(tbl_pr, "w:tblpPr")
    for name, value in (
        ("vertAnchor", "margin"),
        ("horzAnchor", "margin"),
        ("tblpYSpec", "bottom"),
        ("tblpXSpec", "center"),
    ):
        float_pr.set(qn(f"w:{name}"), value)
    _set(tbl_pr, "w:tblOverlap", val="never")
    # tblpPr must come first in tblPr (schema order).
    tbl_pr.remove(float_pr)
    tbl_pr.insert(1 if tbl_pr.find(qn("w:tblStyle")) is not None else 0, float_pr)
    borders = _set(tbl_pr, "w:tblBorders")
    # First and last rules thick (0.35 mm ≈ 1 pt), the ones between thin (0.25 mm ≈ 0.75 pt).
    _set(borders, "w:top", val="single", sz="8", space="0", color="000000")
    _set(borders, "w:bottom", val="single", sz="8", space="0", color="000000")
    _set(borders, "w:insideH", val="single", sz="6", space="0", color="000000")
    for edge in ("left", "right", "insideV"):
        _set(borders, f"w:{edge}", val="nil")
    margins = _set(tbl_pr, "w:tblCellMar")
    for edge in ("left", "right"):
        _set(margins, f"w:{edge}", w="0", type="dxa")
    for row, (kind, text) in zip(table.rows, rows, strict=True):
        cell = row.cells[0]
        cell.width = Mm(156)
        paragraph = cell.paragraphs[0]
        _exact(paragraph, 28)
        _no_grid(paragraph)
        if kind == "cc":
            _indent_chars(paragraph, left=Decimal(1) * 14 / 16, right=Decimal(1) * 14 / 16)
            _run(paragraph, text, FONTS["body"], 14)
            continue
        _indent_chars(paragraph, left=Decimal(14) / 16, right=Decimal(14) / 16)
        tabs = paragraph.paragraph_format.tab_stops
        tabs.add_tab_stop(Mm(156) - Pt(14), WD_TAB_ALIGNMENT.RIGHT)
        _run(paragraph, text, FONTS["body"], 14)
        _run(paragraph, f"\t{bulletin.record.print_date}印发", FONTS["body"], 14)
    # A body must not end with a table; this empty line also anchors the floating one.
    closing = document.add_paragraph()
    _exact(closing, 2)
    _no_grid(closing)


def render_docx(bulletin: Bulletin, charts: Mapping[str, bytes] | None = None) -> bytes:
    """Return the bulletin as a .docx file (bytes)."""
    images = dict(charts or {})
    document = Document()
    _page(document)
    _styles(document)
    _font_table(document)
    _footers(document)
    core = document.core_properties
    core.title = bulletin.title
    core.author = bulletin.issuer
    core.subject = bulletin.program_name
    core.keywords = "通报; 模拟数据" if bulletin.is_simulated else "通报"
    core.comments = bulletin.simulated_note
    # python-docx's template starts with one empty paragraph; the masthead replaces it.
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _masthead(document, bulletin)
    _title(document, bulletin)
    _paragraph(document, bulletin.opening)
    for section in bulletin.sections:
        _heading(document, section.title, 1)
        for block in section.blocks:
            if isinstance(block, Heading):
                _heading(document, block.text, block.level)
            elif isinstance(block, Paragraph):
                _paragraph(document, block)
            elif isinstance(block, Table):
                _table(document, block)
            else:
                png = images.get(block.key) or chart_png(block)
                _chart(document, block, png)
    _signature(document, bulletin)
    _record(document, bulletin)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
