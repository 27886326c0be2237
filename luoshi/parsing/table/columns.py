"""The columns of a task table rendered as text: header names, the row and table model."""

import re
import unicodedata
from dataclasses import dataclass

_HEADER_HINT = re.compile(r"序[ ]?号|编[ ]?号")
_COLUMN_KINDS = (
    ("number", re.compile(r"(?:序号|编号)")),
    ("lead", re.compile(r"(?:牵头|主办|主责|主要责任)(?:责任)?(?:单位|部门|科室)")),
    # 协同配合单位, 主体责任单位: up to two role words before 单位.
    (
        "co",
        re.compile(
            r"(?:责任|配合|参与|协办|协同|协助|协作|承办|主体){1,2}(?:责任)?(?:单位|部门|科室)"
        ),
    ),
    (
        "deadline",
        re.compile(r"完成(?:时限|时间|期限)|时间(?:节点|要求|安排)|时限(?:要求)?|进度安排"),
    ),
    (
        "task",
        re.compile(
            # 2024年建设内容, 年度目标, 第二季度任务目标: a year or a period may come first.
            r"(?:[0-9]{4}年度?|年度|第[一二三四]季度)?"
            r"(?:(?:重点|主要|具体|工作|改革|目标)?(?:任务|工作|措施|事项)"
            r"(?:内容|名称|措施|事项|任务|目标)?|(?:工作|任务|建设|实施)内容|政策措施"
            r"|(?:主要|预期|工作)?目标(?:(?:与|和|及)?任务)?)"
        ),
    ),
)
# A column the parser does not read (备注, 责任领导, 工作目标, 年度投资金额（万元）) is still
# a column of the table.
_OTHER_COLUMN = re.compile(r"[\u4e00-\u9fff]{2,8}(?:[ ]?[(（][\u4e00-\u9fff%]{1,4}[)）])?")
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
    year: int | None = None


def _header_columns(key: str, start: int, end: int) -> list[str] | None:
    """Return the kind of each column a header line names, or None if it is not a header."""
    return _column_kinds(key[start:end].split())


# A header word broken over two lines or by padding (责任 / 科室, 牵头  责任单位): the second
# half is a tail no column is named by alone, or the two halves make a known column name.
_TAIL_NAMES = frozenset(
    {"领导", "科室", "单位", "部门", "时限", "时间", "任务", "情况", "完成情况", "安排"}
)


def _kind(name: str) -> str | None:
    return next((k for k, pattern in _COLUMN_KINDS if pattern.fullmatch(name)), None)


def _join_split_names(names: list[str]) -> list[str]:
    """Return the header names with the halves of a split name joined."""
    joined: list[str] = []
    index = 0
    while index < len(names):
        name = names[index]
        if index + 1 < len(names) and _kind(name) is None:
            pair = name + names[index + 1]
            if names[index + 1] in _TAIL_NAMES or _kind(pair) is not None:
                joined.append(pair)
                index += 2
                continue
        joined.append(name)
        index += 1
    return joined


def _column_kinds(names: list[str]) -> list[str] | None:
    """Return the kind of each named column, or None if the names are not a task table's."""
    names = _join_split_names(names)
    if len(names) < 3:
        return None
    kinds: list[str] = []
    for name in names:
        kind = _kind(name)
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
