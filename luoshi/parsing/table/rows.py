"""Reading the rows of a task table rendered as text, one row per line or one cell per line."""

import re
from dataclasses import dataclass

from luoshi.parsing.table.columns import (
    _COLUMN_KINDS,
    _HEADER_HINT,
    _OTHER_COLUMN,
    _ROW_START,
    _TABLE_STOP,
    Row,
    Table,
    _cells,
    _column_kinds,
    _header_columns,
    _width,
)
from luoshi.parsing.table.spaced import continue_spaced, single_spaced_cells


@dataclass
class _Building:
    number: str
    start: int
    end: int
    line_start: int
    columns: list[list[tuple[int, int]]]
    positions: list[int]
    count: int
    tabbed: bool
    spaced: bool = False


def _start_row(text: str, line: tuple[int, int], number: str, columns: int) -> _Building:
    spaced = single_spaced_cells(text, *line, columns)
    cells = spaced or _cells(text, *line)
    if not spaced and text[line[0] : line[1]].count("\t") == 0:
        # 1  推进…: the number and the task may be parted by one space only.
        first = cells[0]
        number_end = first[0] + len(number)
        if number_end < first[1]:
            rest = _cells(text, number_end, first[1])
            cells = [(first[0], number_end), *rest, *cells[1:]]
    grid: list[list[tuple[int, int]]] = [[] for _ in range(columns)]
    for index, cell in enumerate(cells[:columns]):
        if cell[1] > cell[0]:
            grid[index].append(cell)
    positions = [_width(text[line[0] : cell[0]]) for cell in cells[:columns]]
    return _Building(
        number=number,
        start=line[0] + text[line[0] : line[1]].index(number),
        end=line[1],
        line_start=line[0],
        columns=grid,
        positions=positions,
        count=min(len(cells), columns),
        tabbed="\t" in text[line[0] : line[1]],
        spaced=bool(spaced),
    )


def _continue_row(text: str, row: _Building, line: tuple[int, int]) -> None:
    cells = _cells(text, *line)
    row.end = line[1]
    if row.tabbed and row.count < len(row.columns):
        # A cell with a line break inside: the row's cells stream on over the next line.
        index = row.count - 1
        for number, cell in enumerate(cells):
            index = index if number == 0 else index + 1
            if index >= len(row.columns):
                break
            if cell[1] > cell[0]:
                row.columns[index].append(cell)
        row.count = min(index + 1, len(row.columns))
        return
    for cell in cells:
        if cell[1] <= cell[0]:
            continue
        at = _width(text[line[0] : cell[0]])
        nearest = min(range(len(row.positions)), key=lambda i: abs(row.positions[i] - at))
        row.columns[max(nearest, 1)].append(cell)


def _finish(row: _Building, kinds: list[str]) -> Row:
    """Return the row with its columns gathered by kind; short rows map by content."""
    grid = row.columns
    if row.count < len(kinds) and not row.tabbed:
        grid = _map_short_row(grid[: row.count], kinds)

    def gathered(kind: str) -> tuple[tuple[int, int], ...]:
        return tuple(p for k, pieces in zip(kinds, grid, strict=True) if k == kind for p in pieces)

    return Row(
        number=row.number,
        start=row.start,
        end=row.end,
        task=gathered("task"),
        lead=gathered("lead"),
        co=gathered("co"),
        deadline=gathered("deadline"),
    )


def _map_short_row(
    present: list[list[tuple[int, int]]], kinds: list[str]
) -> list[list[tuple[int, int]]]:
    """Return the columns of a row that lost empty cells: kept in order, filled from the left."""
    grid: list[list[tuple[int, int]]] = [[] for _ in kinds]
    # The number and the task are never empty (columns between them, 名称, are); the cells
    # after them fill the later columns in order, and a last cell that states a time goes
    # to the deadline column.
    task = kinds.index("task")
    grid[0] = present[0]
    if len(present) > 1:
        grid[task] = present[1]
    rest = present[2:]
    slots = list(range(task + 1, len(kinds)))
    if "deadline" in kinds and rest:
        grid[kinds.index("deadline")] = rest[-1]
        slots.remove(kinds.index("deadline"))
        rest = rest[:-1]
    for slot, pieces in zip(slots, rest, strict=False):
        grid[slot] = pieces
    return grid


def find_tables(text: str, key: str, lines: list[tuple[int, int]]) -> list[Table]:
    """Return the task tables rendered as text, with their rows."""
    if _HEADER_HINT.search(key) is None:
        return []
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        start, end = lines[index]
        hinted = _HEADER_HINT.search(key, start, end) is not None
        kinds = _header_columns(key, start, end) if hinted else None
        if kinds is None and hinted:
            start, kinds = _trailing_header(key, start, end)
        index += 1
        if kinds is None:
            stacked = _stacked_header(key, lines, index - 1)
            if stacked is None:
                continue
            kinds, index, barred = stacked
            table, index = _read_stacked_rows(key, lines, index, kinds, barred=barred)
        else:
            table, index = _read_rows(text, key, lines, index, kinds)
        if table:
            tables.append(Table(start, table[-1].end, tuple(table), _title_year(key, start)))
    return tables


# `…附件:常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位`: a header copied on
# to the end of the notice's run-on line.
_TRAILING_HEADER = re.compile(r"[ ](?=(?:序号|编号)[ ])")


def _trailing_header(key: str, start: int, end: int) -> tuple[int, list[str] | None]:
    """Return where a header that closes a longer line starts, and its column kinds."""
    found = [m.end() for m in _TRAILING_HEADER.finditer(key, start, end)]
    if not found:
        return start, None
    return found[-1], _header_columns(key, found[-1], end)


# 2022年区政府工作报告经济社会发展预期目标任务分解表: the year of the targets in its rows.
_TITLE_YEAR = re.compile(r"(?P<year>(?:19|20)[0-9]{2})年(?=.*(?:目标|指标))")


def _title_year(key: str, header_start: int) -> int | None:
    """Return the year the table's title line names with 目标 or 指标, if it does."""
    before = key[:header_start].rstrip(" \n")
    title = before[before.rfind("\n") + 1 :]
    found = _TITLE_YEAR.search(title) if len(title) <= 60 else None
    return int(found["year"]) if found else None


# A table copied from a web page cell by cell: each cell on a line of its own, often with
# blank lines between them, or closed by a bar (`序号 |`, `80 |`).
_CELL_BAR = re.compile(r"[ ]*\|[ ]*$")
_NUMBER_CELL = re.compile(r"[0-9]{1,3}")


def _cell_span(key: str, start: int, end: int) -> tuple[int, int, bool]:
    """Return a stacked cell's extent without its spaces and closing bar, and whether it had one."""
    bar = _CELL_BAR.search(key, start, end)
    if bar is not None:
        end = bar.start()
    while start < end and key[start] in " \u00a0\u3000":
        start += 1
    while end > start and key[end - 1] in " \u00a0\u3000":
        end -= 1
    return start, end, bar is not None


def _stacked_header(
    key: str, lines: list[tuple[int, int]], index: int
) -> tuple[list[str], int, bool] | None:
    """Return the column kinds of a header written one name to a line (序号 / 重点任务 / …),
    the index of the line after it and whether its cells close with a bar; else None."""
    start, end, barred = _cell_span(key, *lines[index])
    # `序 号 |`: a cell padded to the column's width.
    if key[start:end].replace(" ", "") not in ("序号", "编号"):
        return None
    names = ["序号"]
    at = index + 1
    while at < len(lines):
        cell_start, cell_end, _ = _cell_span(key, *lines[at])
        name = key[cell_start:cell_end].replace(" ", "")
        if not name:
            at += 1
            continue
        kind = next((k for k, pattern in _COLUMN_KINDS if pattern.fullmatch(name)), None)
        if kind is None and _OTHER_COLUMN.fullmatch(name) is None:
            break
        names.append(name)
        at += 1
    kinds = _column_kinds(names)
    return None if kinds is None else (kinds, at, barred)


def _opens_row(cell: str, missing: int, previous: int) -> bool:
    """Return whether a number-only line opens the next row rather than filling a cell.

    A row two or more cells short takes a number as a cell (a budget `300 |`) unless it is the
    next row number due.
    """
    if not _NUMBER_CELL.fullmatch(cell):
        return False
    return missing < 2 or int(cell) == previous + 1


def _read_stacked_rows(
    key: str, lines: list[tuple[int, int]], index: int, kinds: list[str], *, barred: bool
) -> tuple[list[Row], int]:
    """Return the rows of a table written one cell to a line: a line holding only a number
    greater than the last opens a row, the next lines are its cells in column order."""
    rows: list[Row] = []
    previous = 0
    while index < len(lines):
        start, end, _ = _cell_span(key, *lines[index])
        if start == end or _is_group_line(key, start, end):
            index += 1
            continue
        if not _NUMBER_CELL.fullmatch(key[start:end]) or int(key[start:end]) <= previous:
            break
        previous = int(key[start:end])
        grid: list[list[tuple[int, int]]] = [[(start, end)]]
        row_end = end
        index += 1
        while index < len(lines) and len(grid) <= len(kinds):
            cell_start, cell_end, closed = _cell_span(key, *lines[index])
            if cell_start == cell_end:
                index += 1
                continue
            if (
                _opens_row(key[cell_start:cell_end], len(kinds) - len(grid), previous)
                or _is_group_line(key, cell_start, cell_end)
                or _TABLE_STOP.match(key, cell_start, cell_end)
                or len(grid) == len(kinds)
            ):
                break
            grid.append([(cell_start, cell_end)])
            row_end = cell_end
            index += 1
            # With bars, a cell without its bar has a line break inside: it goes on below.
            while barred and not closed and index < len(lines):
                cell_start, cell_end, closed = _cell_span(key, *lines[index])
                if cell_start < cell_end:
                    grid[-1].append((cell_start, cell_end))
                    row_end = cell_end
                index += 1
        grid += [[] for _ in range(len(kinds) - len(grid))]
        building = _Building(
            number=key[start:end],
            start=start,
            end=row_end,
            line_start=start,
            columns=grid,
            positions=[],
            count=len(kinds),
            tabbed=True,
        )
        rows.append(_finish(building, kinds))
    return rows, index


def _read_rows(
    text: str, key: str, lines: list[tuple[int, int]], index: int, kinds: list[str]
) -> tuple[list[Row], int]:
    rows: list[Row] = []
    current: _Building | None = None
    expected = 1
    previous_end = lines[index - 1][1]
    while index < len(lines):
        start, end = lines[index]
        follows = start == previous_end + 1
        found = _ROW_START.match(key, start, end)
        number = int(found["n"]) if found is not None else -1
        # Numbering runs on through the table, or starts again under a group line; an extract
        # of a larger table (rows 33, 34, 35) may open with any number.
        first = current is None and (number == 1 or not rows)
        if found is not None and (number == expected or first):
            if current is not None:
                rows.append(_finish(current, kinds))
            current = _start_row(text, (start, end), found["n"], len(kinds))
            expected = number + 1
        elif _TABLE_STOP.match(key, start, end) or _header_columns(key, start, end):
            break
        elif _is_group_line(key, start, end):
            if current is not None:
                rows.append(_finish(current, kinds))
            current = None
        elif current is not None and follows and current.spaced:
            current.count = continue_spaced(
                text, current.columns, current.count, (start, end), kinds
            )
            current.end = end
        elif current is not None and follows:
            _continue_row(text, current, (start, end))
        else:
            break
        previous_end = end
        index += 1
    if current is not None:
        rows.append(_finish(current, kinds))
    return rows, index


_GROUP_LINE = re.compile(
    r"[ ]*(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\))"
)


def _is_group_line(key: str, start: int, end: int) -> bool:
    """Return whether a line inside a table is a numbered group heading (一、提升创新能力)."""
    return _GROUP_LINE.match(key, start, end) is not None
