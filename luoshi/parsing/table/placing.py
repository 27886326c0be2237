"""Placing a table's rows in the outline and turning each row into a task."""

import bisect
from dataclasses import dataclass, replace

from luoshi.parsing.deadlines import find_deadline
from luoshi.parsing.labels import is_unit_like
from luoshi.parsing.model import Span, Task
from luoshi.parsing.normalize import fold
from luoshi.parsing.outline import Section
from luoshi.parsing.responsibility import Assignment, parse_assignment
from luoshi.parsing.table.columns import (
    _CO_LABEL,
    _DEADLINE_LABEL,
    _LEAD_LABEL,
    Row,
    Table,
)


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
    year: int | None = None


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
            placed.append(PlacedRow(row, path, parent, depth, table.year))
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
