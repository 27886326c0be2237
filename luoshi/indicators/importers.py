"""Read import files row by row: the CSV and Excel templates Luoshi generates, DHIS2 JSON.

Readers stream (the csv module over the file, openpyxl in read-only mode) and yield RawRow
objects; checking the rows against indicators, regions and periods is the import action's job.
Numbers are never floats: CSV and JSON text becomes Decimal directly, and Excel number cells
are read from the text stored in the file, not from openpyxl's float.
"""

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser
from openpyxl.xml.functions import Element

__all__ = [
    "COLUMN_ALIASES",
    "HEADERS",
    "ImportFileError",
    "RawRow",
    "read_csv",
    "read_dhis2",
    "read_rows",
    "read_xlsx",
]

# The columns of the templates, in order: (field, Chinese header). English names also work.
HEADERS = (
    ("indicator", "指标代码"),
    ("indicator_name", "指标名称"),
    ("region", "区划代码"),
    ("region_name", "区划名称"),
    ("period", "期间"),
    ("value", "数值"),
    ("unit", "计量单位"),
    ("comment", "备注"),
)
EXPORT_HEADERS = (*HEADERS, ("status", "状态"), ("source", "来源"))
COLUMN_ALIASES = {
    "indicator": {"指标代码", "indicator", "indicator_code", "dataelement", "data_element"},
    "region": {"区划代码", "region", "region_code", "orgunit", "org_unit"},
    "period": {"期间", "period", "报送期"},
    "value": {"数值", "value", "值"},
    "comment": {"备注", "comment"},
}
REQUIRED = ("indicator", "region", "period", "value")
DATA_SHEET = "数据"
PROGRESS_EVERY = 5000
# A template row is under 1 KB; a longer line is not a data row (a minified blob, a binary
# file): refused before the csv module would hold all of it in memory.
MAX_LINE_CHARS = 64 * 1024
# An .xlsx is a zip: its parts may inflate to at most this much in total, and no part may
# inflate more than MAX_XLSX_RATIO times its compressed size (worksheet XML of a 100,000-row
# template compresses about 10:1; a zip bomb compresses 1000:1 and more).
MAX_XLSX_BYTES = 256 * 1024 * 1024
MAX_XLSX_RATIO = 200
MAX_XLSX_MEMBERS = 1000


class ImportFileError(Exception):
    """The file as a whole cannot be read (no header, wrong format); names line and column."""

    def __init__(self, code: str, line: int = 0, column: str = "", **params: Any) -> None:
        super().__init__(code)
        self.code, self.line, self.column, self.params = code, line, column, params


@dataclass(frozen=True, slots=True)
class RawRow:
    line: int
    indicator: str
    region: str
    period: str
    value: str | Decimal | None
    comment: str


@dataclass(frozen=True)
class Columns:
    """Where each field sits in the file and what its header says (for error reports)."""

    index: dict[str, int]
    label: dict[str, str]


ProgressCallback = Callable[[int, float], None]


def _columns(header: list[Any]) -> Columns:
    index: dict[str, int] = {}
    label: dict[str, str] = {}
    for position, cell in enumerate(header):
        name = str(cell or "").strip().lstrip("\ufeff")
        key = name.lower().replace(" ", "_")
        for field, aliases in COLUMN_ALIASES.items():
            if key in aliases or name in aliases:
                index.setdefault(field, position)
                label.setdefault(field, name)
    missing = [f for f in REQUIRED if f not in index]
    if missing:
        wanted = dict(HEADERS)
        raise ImportFileError(
            "missing_columns", 1, "", columns="、".join(wanted[f] for f in missing)
        )
    return Columns(index, label)


def _cell(row: list[Any] | tuple[Any, ...], position: int | None) -> Any:
    if position is None or position >= len(row):
        return None
    return row[position]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return str(value).strip()


def _raw(row: list[Any] | tuple[Any, ...], columns: Columns, line: int) -> RawRow | None:
    if not any(c is not None and (not isinstance(c, str) or c.strip()) for c in row):
        return None
    value = _cell(row, columns.index["value"])
    if isinstance(value, str):
        value = value.strip()
    return RawRow(
        line=line,
        indicator=_text(_cell(row, columns.index["indicator"])),
        region=_text(_cell(row, columns.index["region"])),
        period=_text(_cell(row, columns.index["period"])),
        value=value if value not in ("", None) else None,
        comment=_text(_cell(row, columns.index.get("comment"))),
    )


def _decoder(head: bytes) -> str:
    """Return the file's encoding: UTF-8 (with or without BOM), else GB18030 (Chinese Excel)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        # UTF-16 ("Unicode text" from Excel) and binary files: NUL bytes never occur in UTF-8
        # or GB18030 text, and guessing would turn the header into noise.
        raise ImportFileError("bad_encoding", 1, "")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if error.start < len(head) - 3:
            return "gb18030"
    return "utf-8"


def _bounded_lines(text: IO[str]) -> Iterator[str]:
    """Yield the lines of a text stream; refuse one longer than MAX_LINE_CHARS unread."""
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError("line_too_long", number, "", limit=MAX_LINE_CHARS)
        yield line


def read_csv(
    handle: IO[bytes], *, size: int = 0, on_progress: ProgressCallback | None = None
) -> tuple[Columns, Iterator[RawRow]]:
    """Return the columns of a CSV file and an iterator over its data rows."""
    head = handle.read(65536)
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding=_decoder(head), newline="")
    reader = csv.reader(_bounded_lines(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("empty_file") from None
    except (csv.Error, UnicodeDecodeError) as error:
        raise ImportFileError("unreadable", 1, "", reason=str(error)) from None
    columns = _columns(header)

    def rows() -> Iterator[RawRow]:
        count = 0
        try:
            for cells in reader:
                count += 1
                raw = _raw(cells, columns, reader.line_num)
                if raw is not None:
                    yield raw
                if on_progress is not None and count % PROGRESS_EVERY == 0:
                    done = handle.tell() / size if size else 0.0
                    on_progress(count, min(done, 1.0))
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportFileError(
                "unreadable", reader.line_num + 1, "", reason=str(error)
            ) from None

    return columns, rows()


class _ExactNumberParser(WorkSheetParser):
    """openpyxl's sheet parser, but a number cell keeps the text stored in the file."""

    def parse_cell(self, element: Element) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if cell["data_type"] == "n" and cell["value"] is not None:
            cell["value"] = Decimal(element.findtext(VALUE_TAG) or "0")
        return cell


def _check_zip(handle: IO[bytes]) -> None:
    """Refuse an .xlsx whose parts would inflate past the limits (a zip bomb), unread.

    The sizes come from the zip directory; zipfile never inflates a part past its recorded
    size (a part that lies fails its CRC check), so the recorded sizes bound the memory.
    """
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError("unreadable", 0, "", reason="not an xlsx (zip) file") from None
    finally:
        handle.seek(0)
    total = sum(part.file_size for part in parts)
    worst = max((part.file_size / max(part.compress_size, 1) for part in parts), default=0)
    if len(parts) > MAX_XLSX_MEMBERS or total > MAX_XLSX_BYTES or worst > MAX_XLSX_RATIO:
        raise ImportFileError(
            "xlsx_too_large",
            0,
            "",
            size=total // (1024 * 1024),
            limit=MAX_XLSX_BYTES // (1024 * 1024),
            ratio=int(worst),
            max_ratio=MAX_XLSX_RATIO,
        )


def _sheet_rows(handle: IO[bytes]) -> tuple[int, Iterator[tuple[int, list[Any]]]]:
    _check_zip(handle)
    workbook: Any = load_workbook(handle, read_only=True, data_only=True)
    sheet: Any = (
        workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
    )
    total = sheet.max_row or 0

    def rows() -> Iterator[tuple[int, list[Any]]]:
        # The read-only sheet's own row iterator would hand us floats; parse the XML ourselves.
        with sheet._get_source() as source:
            parser = _ExactNumberParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for line, cells in parser.parse():
                width = max((c["column"] for c in cells), default=0)
                values: list[Any] = [None] * width
                for cell in cells:
                    values[cell["column"] - 1] = cell["value"]
                yield line, values
        workbook.close()

    return total, rows()


def read_xlsx(
    handle: IO[bytes], *, size: int = 0, on_progress: ProgressCallback | None = None
) -> tuple[Columns, Iterator[RawRow]]:
    """Return the columns of an Excel template's data sheet and an iterator over its rows."""
    try:
        total, sheet_rows = _sheet_rows(handle)
        first = next(sheet_rows, None)
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many types for a file that is not xlsx
        raise ImportFileError("unreadable", 0, "", reason=type(error).__name__) from None
    if first is None:
        raise ImportFileError("empty_file")
    columns = _columns(first[1])

    def rows() -> Iterator[RawRow]:
        for count, (line, cells) in enumerate(sheet_rows, start=1):
            raw = _raw(cells, columns, line)
            if raw is not None:
                yield raw
            if on_progress is not None and count % PROGRESS_EVERY == 0:
                on_progress(count, count / total if total else 0.0)

    return columns, rows()


def read_dhis2(
    handle: IO[bytes], *, size: int = 0, on_progress: ProgressCallback | None = None
) -> tuple[Columns, Iterator[RawRow]]:
    """Return the rows of a DHIS2 dataValueSets JSON document; line N is dataValues item N."""
    try:
        # parse_float keeps JSON numbers exact: 0.1 stays Decimal("0.1"), never a float.
        document = json.load(handle, parse_float=Decimal)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", 0)
        raise ImportFileError("bad_json", line, "", reason=str(error)) from None
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        raise ImportFileError("bad_json", 0, "dataValues", reason="no dataValues list")
    items: list[Any] = document["dataValues"]
    defaults = {key: document.get(key) for key in ("period", "orgUnit")}
    columns = Columns(
        {"indicator": 0, "region": 1, "period": 2, "value": 3, "comment": 4},
        {
            "indicator": "dataElement",
            "region": "orgUnit",
            "period": "period",
            "value": "value",
            "comment": "comment",
        },
    )

    def rows() -> Iterator[RawRow]:
        for number, entry in enumerate(items, start=1):
            item: dict[str, Any] = entry if isinstance(entry, dict) else {}
            value = item.get("value")
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                value = Decimal(value)
            elif value is not None:
                value = str(value).strip() or None
            yield RawRow(
                line=number,
                indicator=_text(item.get("dataElement")),
                region=_text(item.get("orgUnit") or defaults["orgUnit"]),
                period=_text(item.get("period") or defaults["period"]),
                value=value,
                comment=_text(item.get("comment")),
            )
            if on_progress is not None and number % PROGRESS_EVERY == 0:
                on_progress(number, number / len(items))

    return columns, rows()


READERS = {"csv": read_csv, "xlsx": read_xlsx, "dhis2": read_dhis2}


def read_rows(
    format: str,
    handle: IO[bytes],
    *,
    size: int = 0,
    on_progress: ProgressCallback | None = None,
) -> tuple[Columns, Iterator[RawRow]]:
    """Return the columns and rows of an import file in one of the three formats."""
    return READERS[format](handle, size=size, on_progress=on_progress)


def guess_format(name: str) -> str | None:
    """Return the import format a file name suggests, or None."""
    lowered = name.lower()
    if lowered.endswith((".csv", ".txt")):
        return "csv"
    if lowered.endswith(".xlsx"):
        return "xlsx"
    if lowered.endswith(".json"):
        return "dhis2"
    return None
