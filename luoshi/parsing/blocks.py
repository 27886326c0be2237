"""Responsibility lists written without brackets or labels.

Two forms close an item when it has no bracketed or labelled list:
- a closing clause that assigns the item: `由A、B等部门和各市政府负责落实。`,
  `由A牵头，B、C等配合。`, `……的问题，由A会同B、C等部门研究提出落实意见。` (A leads when
  it 牵头 or 会同 the others);
- unit names standing one to a line after the item's text, as a 分工表 copied cell by cell
  (`省卫生厅` / `省发改委` / `省财政厅`); the first listed leads, by convention.
A single unit name on a line of its own just before a heading that restarts its numbering
(`市卫生局` then `一、…二、…`) heads the items below it instead.
"""

import re

from luoshi.parsing.labels import STRONG_SUFFIX, is_generic, is_unit_like
from luoshi.parsing.responsibility import Assignment, FoundList, parse_assignment

_BY_START = re.compile(r"(?:(?<=[。;,\n ])|^)由")
_BY_TAIL = re.compile(
    r"由(?P<body>[^。;\n由]{2,200}?)"
    r"(?P<role>负责组织实施|负责组织落实|负责落实|组织实施|组织落实|牵头落实|研究提出落实意见"
    r"|研究提出意见|研究落实|负责|落实|承办|实施|配合|协助|参与)[。;]?[ \n]*"
)
# 由A牵头，B、C等配合: a co-operating role closes the clause only after a named lead.
_SUPPORT_ROLES = ("配合", "协助", "参与")
_NAME_LINE = re.compile(r"[^\s。,;:、()“”《》0-9]{2,20}")
_MARKER_START = re.compile(r"[一二三四五六七八九十]+[、.]|\(|——|第")


def find_by_clause(text: str, key: str, start: int, end: int) -> FoundList | None:
    """Return the `由A负责落实` clause that closes text[start:end], or None."""
    region = key[start:end]
    for candidate in _BY_START.finditer(region):
        tail = _BY_TAIL.fullmatch(region, candidate.start())
        if tail is None:
            continue
        body_start, body_end = start + tail.start("body"), start + tail.end("body")
        role = tail["role"]
        if role in _SUPPORT_ROLES and "牵头" not in tail["body"]:
            continue
        # The role phrase is read as 负责 (配合 as itself); the grammar strips it as a role.
        role = role if role in _SUPPORT_ROLES else "负责"
        assignment = parse_assignment(
            text[body_start:body_end] + role, key[body_start:body_end] + role
        )
        if assignment is None or not all(
            is_unit_like(unit) or is_generic(unit) for unit in assignment.units
        ):
            continue
        list_end = start + tail.end("role")
        if key.startswith(("。", ";"), list_end):
            list_end += 1
        return FoundList(start + tail.start(), list_end, assignment)
    return None


def _name_lines(text: str, key: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the trailing lines of key[start:end] that each hold one bare name."""
    run: list[tuple[int, int]] = []
    line_end = end
    while line_end > start:
        line_start = max(key.rfind("\n", start, line_end) + 1, start)
        content = key[line_start:line_end].strip(" \u3000\t")
        if content:
            if not _NAME_LINE.fullmatch(content) or _MARKER_START.match(content):
                break
            offset = line_start + key[line_start:line_end].index(content)
            run.insert(0, (offset, offset + len(content)))
        line_end = line_start - 1
    return run


def find_name_lines(text: str, key: str, start: int, end: int) -> FoundList | None:
    """Return the unit names standing one to a line at the end of text[start:end], or None."""
    first_line_end = key.find("\n", start, end)
    if first_line_end == -1:
        return None
    run = _name_lines(text, key, first_line_end, end)
    names = [text[s:e] for s, e in run]
    like = [name for name in names if is_unit_like(name)]
    if (
        not names
        or not is_unit_like(names[0])
        or not any(STRONG_SUFFIX.search(name) for name in like)
        or len(like) * 2 < len(names)
    ):
        return None
    assignment = Assignment(
        units=tuple(names),
        lead_units=(),
        generic_units=tuple(name for name in names if is_generic(name)),
        has_role_word=False,
        states_first_listed_rule=False,
    )
    return FoundList(run[0][0], run[-1][1], assignment)
