"""Write tables as an .xlsx workbook formatted for printing (openpyxl).

Each sheet: a title row and a note row, one header row (bold, shaded, repeated on every
printed page), fixed column widths, frozen panes under the header, number formats per
column, thin borders, landscape A4 scaled to the page width.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["INTEGER", "PERCENT", "TEXT", "XColumn", "XSheet", "workbook_bytes"]

TEXT = "@"
INTEGER = "0"
DECIMAL = "0.00"
PERCENT = "0.0%"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_LIGHT_FILLS = {
    "green": PatternFill("solid", fgColor="E2EFDA"),
    "yellow": PatternFill("solid", fgColor="FFF2CC"),
    "red": PatternFill("solid", fgColor="F8CBAD"),
}
_FONT = "宋体"
_FIRST_DATA_ROW = 4


@dataclass(frozen=True)
class XColumn:
    title: str
    width: float
    number_format: str = "General"
    wrap: bool = False
    align: str = "center"


@dataclass(frozen=True)
class XSheet:
    name: str
    title: str
    note: str
    columns: tuple[XColumn, ...]
    rows: Sequence[Sequence[Any]]
    # Per row, the colour to shade `light_column` with (green/yellow/red), if any.
    row_lights: Sequence[str] = field(default_factory=tuple)
    light_column: int | None = None


def _sheet(ws: Worksheet, sheet: XSheet) -> None:
    count = len(sheet.columns)
    last = get_column_letter(count)
    ws.title = sheet.name[:31]
    ws["A1"] = sheet.title
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    ws["A2"] = sheet.note
    ws["A2"].font = Font(
        name=_FONT, size=10, color="C00000" if "模拟数据" in sheet.note else "000000"
    )
    ws["A2"].alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 30
    for index, column in enumerate(sheet.columns, 1):
        cell = ws.cell(row=3, column=index, value=column.title)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[3].height = 32
    for offset, values in enumerate(sheet.rows):
        row = _FIRST_DATA_ROW + offset
        light = sheet.row_lights[offset] if offset < len(sheet.row_lights) else ""
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
            cell = ws.cell(row=row, column=index, value=value)
            cell.font = Font(name=_FONT, size=10)
            cell.border = _BORDER
            cell.number_format = column.number_format
            cell.alignment = Alignment(
                horizontal=column.align, vertical="center", wrap_text=column.wrap
            )
            if sheet.light_column == index - 1 and light in _LIGHT_FILLS:
                cell.fill = _LIGHT_FILLS[light]
    ws.freeze_panes = f"A{_FIRST_DATA_ROW}"
    ws.print_title_rows = "1:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if ws.oddFooter is not None and ws.oddFooter.center is not None:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if sheet.rows:
        ws.auto_filter.ref = f"A3:{last}{_FIRST_DATA_ROW + len(sheet.rows) - 1}"


def workbook_bytes(sheets: Sequence[XSheet]) -> bytes:
    """Return the sheets as one .xlsx workbook."""
    book = Workbook()
    first = book.active
    assert first is not None
    for index, sheet in enumerate(sheets):
        ws = first if index == 0 else book.create_sheet()
        _sheet(ws, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
