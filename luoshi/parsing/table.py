"""A 任务分工表 rendered as text: one row per line, columns separated by tabs or spaces.

The table starts at a header line whose words are all column names (`序号 重点任务 牵头单位
责任单位 完成时限`); each column is mapped by its name, so the order and the names may vary
(编号, 工作任务, 牵头部门, 配合单位, 时间节点, …). A row is a line opening with the next number
(序号) and a space; its cells are split at a tab or a run of two or more spaces. A line without
a number that follows a row directly continues it: with tabs, a row short of cells takes the
next cells from it (a cell with a line break inside); otherwise each piece joins the column
whose cell on the row's first line starts nearest to it (a wrapped cell in a fixed-width
rendering). A numbered heading inside the table (`一、提升创新能力`) groups the rows below it.
The table ends at a blank line followed by anything but a row, or at an annex or note line.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace

from luoshi.parsing.deadlines import find_deadline
from luoshi.parsing.labels import is_unit_like
from luoshi.parsing.model import Span, Task
from luoshi.parsing.normalize import fold
from luoshi.parsing.outline import Section
from luoshi.parsing.responsibility import Assignment, parse_assignment

_HEADER_HINT = re.compile(r"序号|编号")
_COLUMN_KINDS = (
    ("number", re.compile(r"(?:序号|编号)")),
    ("lead", re.compile(r"(?:牵头|主办|主责)(?:责任)?(?:单位|部门)")),
    ("co", re.compile(r"(?:责任|配合|参与|协办|协同|协助|协作|承办)(?:责任)?(?:单位|部门)")),
    (
        "deadline",
        re.compile(r"完成(?:时限|时间|期限)|时间(?:节点|要求|安排)|时限(?:要求)?|进度安排"),
    ),
    (
        "task",
        re.compile(
            r"(?:重点|主要|具体|工作|改革|目标)?(?:任务|工作|措施|事项)(?:内容|名称|措施|事项)?"
            r"|工作内容|任务内容|政策措施"
        ),
    ),
)
# A column the parser does not read (备注, 责任领导, 工作目标) is still a column of the table.
_OTHER_COLUMN = re.compile(r"[\u4e00-\u9fff]{2,8}")
_ROW_START = re.compile(r"[ ]*(?P<n>[0-9]{1,3})(?=[ ])")
_SPACED_SEP = re.compile(r"[ \u00a0\u3000]*\u3000[ \u00a0\u3000]*|[ \u00a0]{2,}")
_TABLE_STOP = re.compile(r"[ ]*(?:附件|附表|抄送|注[ ]*:|备注[ ]*:|说明[ ]*:|填表说明)")
_LEAD_LABEL = "牵头单位:"
_CO_LABEL = "责任单位:"
_DEADLINE_LABEL = "完成时限:"


@dataclass(frozen=True)
class Row:
    """One row of a table: its 序号 as written, its extent and the pieces of each column."""

    number: str
    start: int
    end: int
    task: tuple[tuple[int, int], ...]
    lead: tuple[tuple[int, int], ...]
    co: tuple[tuple[int, int], ...]
    deadline: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Table:
    """A table found in the text: the header line's start, the end of its last row, its rows."""

    start: int
    end: int
    rows: tuple[Row, ...]


def _header_columns(key: str, start: int, end: int) -> list[str] | None:
    """Return the kind of each column a header line names, or None if it is not a header."""
    names = key[start:end].split()
    if len(names) < 3:
        return None
    kinds: list[str] = []
    for name in names:
        kind = next((k for k, pattern in _COLUMN_KINDS if pattern.fullmatch(name)), None)
        if kind is None and _OTHER_COLUMN.fullmatch(name) is None:
            return None
        kinds.append(kind or "other")
    if kinds[0] != "number" or "task" not in kinds or not {"lead", "co"} & set(kinds):
        return None
    return kinds


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the cells of a line: split at each tab (empty cells kept) or at wide spaces."""
    line = text[start:end]
    bounds: list[tuple[int, int]] = []
    if "\t" in line:
        at = 0
        for piece in line.split("\t"):
            bounds.append((at, at + len(piece)))
            at += len(piece) + 1
    else:
        at = 0
        for sep in _SPACED_SEP.finditer(line):
            bounds.append((at, sep.start()))
            at = sep.end()
        bounds.append((at, len(line)))
    cells: list[tuple[int, int]] = []
    for cell_start, cell_end in bounds:
        piece = line[cell_start:cell_end]
        stripped = piece.strip(" \u00a0\u3000")
        offset = piece.find(stripped) if stripped else 0
        cells.append((start + cell_start + offset, start + cell_start + offset + len(stripped)))
    return cells


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


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


def _start_row(text: str, line: tuple[int, int], number: str, columns: int) -> _Building:
    cells = _cells(text, *line)
    if text[line[0] : line[1]].count("\t") == 0:
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
    grid[: min(2, len(present))] = present[:2]
    # The number and the task are never empty; the cells after them fill the later columns
    # in order, and a last cell that states a time goes to the deadline column.
    rest = present[2:]
    slots = list(range(2, len(kinds)))
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
        kinds = _header_columns(key, start, end) if _HEADER_HINT.search(key, start, end) else None
        index += 1
        if kinds is None:
            continue
        table, index = _read_rows(text, key, lines, index, kinds)
        if table:
            tables.append(Table(start, table[-1].end, tuple(table)))
    return tables


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
        # Numbering runs on through the table, or starts again under a group line.
        if found is not None and (number == expected or (number == 1 and current is None)):
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


def joined(text: str, pieces: tuple[tuple[int, int], ...]) -> str:
    """Return the pieces of a cell as one string; unit names one to a line get a 、."""
    out = ""
    for start, end in pieces:
        piece = text[start:end]
        if (
            out
            and not out.endswith(("、", "，", ",", "；", ";"))
            and (is_unit_like(out.rsplit("、", 1)[-1]) and is_unit_like(piece))
        ):
            out += "、"
        out += piece
    return out


def row_assignment(text: str, row: Row) -> Assignment | None:
    """Return the units of a row: its lead column leads, the other unit columns follow."""
    lead = joined(text, row.lead)
    co = joined(text, row.co)
    parts = [f"{_LEAD_LABEL}{lead}" if lead else "", f"{_CO_LABEL}{co}" if co else ""]
    raw = ";".join(part for part in parts if part)
    if not raw:
        return None
    return parse_assignment(raw, fold(raw))


def row_deadline(text: str, key: str, row: Row, year: int | None) -> str | None:
    """Return the row's completion deadline: its deadline column, else its task text."""
    stated = joined(text, row.deadline)
    found = find_deadline(fold(_DEADLINE_LABEL + stated), year) if stated else None
    return found or find_deadline("".join(key[s:e] for s, e in row.task), year)


@dataclass(frozen=True)
class PlacedRow:
    """A row with its place in the outline: its path and the section it stands under."""

    row: Row
    path: str
    parent: int | None
    depth: int


def place_rows(tables: list[Table], sections: list[Section]) -> list[PlacedRow]:
    """Return the rows with their paths: under a group line in the table, or the item the
    table stands in (one not cut off by an annex line), else at the top of the outline."""
    taken = {section.path for section in sections}
    placed: list[PlacedRow] = []
    starts = [section.start for section in sections]
    for table in tables:
        before = bisect.bisect_left(starts, table.start) - 1
        holder = before if before >= 0 and sections[before].end == table.start else None
        for row in table.rows:
            last = bisect.bisect_left(starts, row.start) - 1
            parent = last if last >= 0 and sections[last].start > table.start else holder
            prefix = f"{sections[parent].path}/" if parent is not None else ""
            path = f"{prefix}{row.number}"
            repeat = 1
            while path in taken:
                repeat += 1
                path = f"{prefix}{row.number}~{repeat}"
            taken.add(path)
            depth = sections[parent].depth + 1 if parent is not None else 1
            placed.append(PlacedRow(row, path, parent, depth))
    return placed


def cut_at_rows(sections: list[Section], tables: list[Table]) -> list[Section]:
    """Return the sections with each one ending where the next table or row begins."""
    bounds = sorted(
        [table.start for table in tables] + [row.start for table in tables for row in table.rows]
    )
    if not bounds:
        return sections
    cut: list[Section] = []
    for section in sections:
        at = bisect.bisect_right(bounds, section.content_start)
        if at < len(bounds) and bounds[at] < section.end:
            end = max(bounds[at], section.content_start)
            cut.append(replace(section, end=end, title_end=min(section.title_end, end)))
        else:
            cut.append(section)
    return cut


def row_task(
    text: str,
    key: str,
    placed: PlacedRow,
    *,
    is_measure: bool,
    rule_from: int | None,
    year: int | None,
) -> tuple[Task, bool]:
    """Return the task of a row and whether its lead was inferred from the order of units."""
    row = placed.row
    body = joined_text(text, row.task)
    assignment = row_assignment(text, row)
    units: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    explicit = False
    inferred = False
    if assignment is not None:
        units = tuple(dict.fromkeys(assignment.units))
        lead = assignment.lead_units
        explicit = bool(lead)
        if not lead:
            lead = units[:1]
            explicit = rule_from is not None and row.start > rule_from
            inferred = not explicit
    title = body.split("。", 1)[0].rstrip("。:：;；,，") or None
    responsibility = row.lead + row.co
    task = Task(
        path=placed.path,
        title=title,
        text=body,
        level="measure" if is_measure or placed.depth >= 3 else "item",
        units=units,
        lead_units=lead,
        lead_explicit=explicit,
        generic_units=assignment.generic_units if assignment is not None else (),
        responsibility_text=(
            text[min(s for s, _ in responsibility) : max(e for _, e in responsibility)]
            if responsibility
            else None
        ),
        deadline=row_deadline(text, key, row, year),
        span=Span(row.start, row.end),
    )
    return task, inferred


def joined_text(text: str, pieces: tuple[tuple[int, int], ...]) -> str:
    """Return the task text of a row: its pieces run together, as a wrapped cell reads."""
    return "".join(text[start:end] for start, end in pieces)
