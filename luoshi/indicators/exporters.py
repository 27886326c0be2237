"""Write data values (or an empty template) as CSV, an Excel workbook or DHIS2 JSON.

The three formats read back through importers.py unchanged: export -> import is a no-op.
Values are written as plain decimal text (22038400, 0.3), so nothing passes through a float;
in Excel the value column is formatted as text for the same reason.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from luoshi.core.periods import parse_period
from luoshi.indicators.dhis2 import to_dhis2_period
from luoshi.indicators.importers import DATA_SHEET, EXPORT_HEADERS, HEADERS

__all__ = ["ExportRow", "csv_chunks", "dhis2_document", "plain", "xlsx_bytes"]


@dataclass(frozen=True, slots=True)
class ExportRow:
    indicator: str
    indicator_name: str
    region: str
    region_name: str
    period: str
    value: Decimal | None
    unit: str
    comment: str = ""
    status: str = ""
    source: str = ""


def plain(value: Decimal | None) -> str:
    """Return a Decimal as plain text without exponent or trailing zeros ('' for None)."""
    if value is None:
        return ""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{normal.quantize(Decimal(1)):f}"
    return f"{normal:f}"


def _cells(row: ExportRow, with_state: bool) -> list[str]:
    cells = [
        row.indicator,
        row.indicator_name,
        row.region,
        row.region_name,
        row.period,
        plain(row.value),
        row.unit,
        row.comment,
    ]
    if with_state:
        cells += [row.status, row.source]
    return cells


def csv_chunks(rows: Iterable[ExportRow], *, with_state: bool = True) -> Iterator[bytes]:
    """Yield a UTF-8 CSV (with BOM, so Excel opens it as UTF-8) chunk by chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = EXPORT_HEADERS if with_state else HEADERS
    writer.writerow([label for _, label in headers])
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for count, row in enumerate(rows, start=1):
        writer.writerow(_cells(row, with_state))
        if count % 1000 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def xlsx_bytes(
    rows: Iterable[ExportRow],
    *,
    with_state: bool = True,
    lists: dict[str, list[list[str]]] | None = None,
) -> bytes:
    """Return an Excel workbook: the data sheet, then optional reference sheets (codes)."""
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(DATA_SHEET)
    headers = EXPORT_HEADERS if with_state else HEADERS
    widths = [18, 28, 10, 12, 10, 16, 10, 24, 10, 10]
    for index, width in enumerate(widths[: len(headers)], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for _, label in headers:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    value_column = 5
    for row in rows:
        cells: list[Any] = list(_cells(row, with_state))
        value = WriteOnlyCell(sheet, value=cells[value_column])
        value.number_format = "@"
        cells[value_column] = value
        sheet.append(cells)
    for title, table in (lists or {}).items():
        extra: Any = workbook.create_sheet(title)
        for line in table:
            extra.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def dhis2_document(rows: Iterable[ExportRow]) -> dict[str, Any]:
    """Return a DHIS2 dataValueSets document (values as strings, DHIS2 period spellings)."""
    values = []
    for row in rows:
        item: dict[str, str] = {
            "dataElement": row.indicator,
            "period": to_dhis2_period(parse_period(row.period)),
            "orgUnit": row.region,
            "value": plain(row.value),
        }
        if row.comment:
            item["comment"] = row.comment
        values.append(item)
    return {"dataValues": values}


def dhis2_bytes(rows: Iterable[ExportRow]) -> bytes:
    """Return the DHIS2 document as UTF-8 JSON."""
    return json.dumps(dhis2_document(rows), ensure_ascii=False, indent=1).encode("utf-8")
