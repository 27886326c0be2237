"""Rows whose cells are parted by single spaces, as web pages copy a task table.

`1 地区生产总值增长6.5%左右。 区发改委 区政府各部门,各乡镇人民政府。` holds four cells; a cell of
units may run on over the next lines (`区财政局` / `区税务局` under the lead column), and a line
holding a list (`区政府有关部门,各乡镇人民政府`) opens the next cell.
"""

import re

from luoshi.parsing.labels import is_unit_like
from luoshi.parsing.table.columns import _SPACED_SEP

_WORD = re.compile(r"[^ \u00a0\t]+")
_LIST_SEP = re.compile(r"[、,，;；]")
_UNIT_KINDS = ("lead", "co")


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text, start, end)]


def single_spaced_cells(text: str, start: int, end: int, columns: int) -> list[tuple[int, int]]:
    """Return a row line's cells parted by single spaces, or [] if the line is not such a row.

    A task text that holds a space of its own (`工作机 制`) keeps it: words beyond the table's
    column count join the task cell.
    """
    line = text[start:end]
    if "\t" in line or _SPACED_SEP.search(line):
        return []
    cells = _words(line, 0, len(line))
    if len(cells) < 3:
        return []
    while len(cells) > columns:
        cells[1:3] = [(cells[1][0], cells[2][1])]
    return [(start + s, start + e) for s, e in cells]


def _opens_next_cell(text: str, word: tuple[int, int], kind: str) -> bool:
    piece = text[word[0] : word[1]]
    if kind == "task":
        first = _LIST_SEP.split(piece, maxsplit=1)[0].rstrip("。")
        return is_unit_like(first)
    if kind in _UNIT_KINDS:
        return _LIST_SEP.search(piece.rstrip("。")) is not None
    return False


def continue_spaced(
    text: str,
    columns: list[list[tuple[int, int]]],
    count: int,
    line: tuple[int, int],
    kinds: list[str],
) -> int:
    """Add a continuation line's words to the row's cells; return the number of cells filled."""
    index = max(count - 1, 1)
    for number, word in enumerate(_words(text, *line)):
        if number > 0 or _opens_next_cell(text, word, kinds[index]):
            index = min(index + 1, len(kinds) - 1)
        columns[index].append(word)
    return index + 1
