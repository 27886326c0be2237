"""Policy text -> Plan: segment, outline, tasks, units, targets, warnings.

The stages run in order: clean and fold the text, find the headings and the outline, read
the metadata (where the body starts after a cover notice, where it stops), find each
item's responsibility lists and build the tasks (tasks.py), then the targets item by item
outside the lists, each inheriting a year that a goal heading above it states.
"""

import re
from dataclasses import replace
from pathlib import Path

from luoshi.parsing.blanket import apply_blanket_rules, blanket_warnings, find_blanket_rules
from luoshi.parsing.deadlines import title_year
from luoshi.parsing.labels import FIRST_LISTED_RULE, is_generic
from luoshi.parsing.metadata import Metadata, body_after_notice, default_scope, read_metadata
from luoshi.parsing.model import OutlineItem, Plan, Span, Target, Task
from luoshi.parsing.normalize import clean_text, fold, simplify
from luoshi.parsing.outline import Section, build_outline, find_headings, is_line_free, line_spans
from luoshi.parsing.registry import UnitRegistry
from luoshi.parsing.responsibility import FoundList
from luoshi.parsing.sources import read_source
from luoshi.parsing.table import (
    PlacedRow,
    cut_at_rows,
    find_tables,
    place_rows,
    row_task,
)
from luoshi.parsing.targets import find_targets
from luoshi.parsing.tasks import (
    INFERRED_LEAD,
    build_tasks,
    lift_closing_lists,
    section_lists,
    without_lists,
)

# 一、2025年主要预期目标; 到2025年，实现以下目标：— a year the items below inherit.
_GOAL_HEADING_YEAR = re.compile(r"(?:到|至)?(?P<y>(?:19|20)\d{2})[ ]*年(?=.*(?:目标|指标))")
_LEAD_IN_YEAR = re.compile(r"(?:到|至)(?P<y>(?:19|20)\d{2})[ ]*年[^。\n]*:\s*$")
# 二、发展目标 / 到2020年，全市制造业结构持续优化…: a goal item's lead-in opening with its year.
_GOAL_TITLE = re.compile(r"目标|指标")
_OPENING_YEAR = re.compile(r"\s*(?:到|至)(?P<y>(?:19|20)\d{2})[ ]*年(?:底|末)?[,，]")
# 一、发展背景: what was achieved before the plan, never a commitment.
_BACKGROUND_TITLE = re.compile(
    r"^(?:[^,。]{0,8})(?:背景|发展基础|基础和环境|现状|回顾|成就|面临的形势)"
)


def heading_years(key: str, sections: list[Section]) -> list[int | None]:
    """Return the year each section inherits from a goal heading or lead-in above it."""
    years: list[int | None] = []
    first_children: dict[int, Section] = {}
    for section in sections:
        if section.parent is not None:
            first_children.setdefault(section.parent, section)
    for section in sections:
        parent = section.parent
        year = years[parent] if parent is not None else None
        if parent is not None:
            first_child = first_children[parent]
            lead_in = key[sections[parent].title_end : first_child.start]
            found = _LEAD_IN_YEAR.search(lead_in.rstrip())
            if found is None and _GOAL_TITLE.search(sections[parent].title):
                found = _OPENING_YEAR.match(lead_in)
            year = int(found["y"]) if found else year
        own = _GOAL_HEADING_YEAR.search(key, section.content_start, section.title_end)
        years.append(int(own["y"]) if own else year)
    return years


def _background_sections(sections: list[Section]) -> list[bool]:
    """Return for each section whether it, or an item above it, describes the background."""
    flags: list[bool] = []
    for section in sections:
        inherited = flags[section.parent] if section.parent is not None else False
        flags.append(inherited or _BACKGROUND_TITLE.match(simplify(section.title)) is not None)
    return flags


def _section_targets(
    text: str,
    section: Section,
    lists: list[FoundList],
    scope: str | None,
    year: int | None = None,
) -> tuple[list[Target], list[str]]:
    pieces = without_lists(text, section.content_start, section.end, lists)
    return _piece_targets(text, pieces, section.path, scope, year)


def _piece_targets(
    text: str,
    pieces: list[tuple[int, int]],
    path: str,
    scope: str | None,
    year: int | None,
) -> tuple[list[Target], list[str]]:
    body = "".join(text[s:e] for s, e in pieces)
    # The target rules are written in simplified characters; a traditional document is read
    # through its same-length simplified copy and its spans quoted from the original.
    simplified = simplify(body)
    targets, warnings = find_targets(
        simplified, task_path=path, default_scope=scope, default_year=year
    )
    mapped: list[Target] = []
    for target in targets:
        if target.span is None:
            mapped.append(target)
            continue
        verbatim = body[target.span.start : target.span.end]
        mapped.append(replace(target, text=verbatim, span=_map_span(pieces, target.span)))
    return mapped, warnings


def _map_span(pieces: list[tuple[int, int]], span: Span) -> Span:
    """Map a span in the joined pieces back to document offsets."""

    def at(offset: int) -> int:
        consumed = 0
        for start, end in pieces:
            if offset <= consumed + (end - start):
                return start + offset - consumed
            consumed += end - start
        return pieces[-1][1] if pieces else offset

    return Span(at(span.start), at(span.end))


def _row_tasks(
    text: str,
    key: str,
    placed: list[PlacedRow],
    lists: list[list[FoundList]],
    doc_year: int | None,
) -> tuple[list[Task], bool]:
    """Return the tasks of the table rows, and whether any lead was inferred."""
    if not placed:
        return [], False
    stated = FIRST_LISTED_RULE.search(key)
    rule_from = None if stated is None else stated.start()
    if stated is not None and stated.start() > placed[-1].row.end:
        rule_from = 0  # a note under the table covers every row
    tasks: list[Task] = []
    inferred = False
    for row in placed:
        task, was_inferred = row_task(
            text,
            key,
            row,
            is_measure=row.parent is not None and bool(lists[row.parent]),
            rule_from=rule_from,
            year=doc_year,
        )
        tasks.append(task)
        inferred = inferred or was_inferred
    return tasks, inferred


def _unit_warnings(tasks: list[Task]) -> list[str]:
    warnings: list[str] = []
    seen: set[str] = set()
    for task in tasks:
        for unit, canonical in task.canonical:
            if canonical is None and unit not in seen and not is_generic(unit):
                seen.add(unit)
                warnings.append(f"未识别的单位 / unknown unit: {unit}（{task.path}）")
    return warnings


def _parse(raw: str, registry: UnitRegistry | None) -> Plan:
    text = clean_text(raw)
    key = fold(text)
    lines = line_spans(text)
    headings = find_headings(text, key, 0, len(text), line_free=is_line_free(text, lines))
    tables = find_tables(text, key, lines)
    if tables:
        rows = [(row.start, row.end) for table in tables for row in table.rows]
        headings = [h for h in headings if not any(s <= h.start < e for s, e in rows)]
    seen_styles: set[str] = set()
    heading_lines: list[tuple[int, int, bool]] = []
    for heading in headings:
        heading_lines.append(
            (heading.start, heading.line_end, heading.number == 1 and heading.style in seen_styles)
        )
        seen_styles.add(heading.style)
    restart = body_after_notice(key, lines, heading_lines)
    firsts = [h.start for h in headings if h.number == 1 and h.start >= (restart or 0)]
    last = headings[-1].start if headings else (tables[-1].end if tables else len(text))
    first = min([*firsts[:1], *(t.start for t in tables[:1])], default=len(text))
    meta: Metadata = read_metadata(text, key, lines, first, last)
    if restart is not None and meta.body_start < restart:
        meta = replace(meta, body_start=restart)
    headings = [h for h in headings if h.start >= meta.body_start]
    tables = [t for t in tables if t.start >= meta.body_start]
    stops = [*meta.stops, *(t.start for t in tables)]
    sections = cut_at_rows(build_outline(text, key, headings, stops, len(text)), tables)
    placed = place_rows(tables, sections)
    lists, heads = section_lists(text, key, sections)
    doc_year = meta.date.year if meta.date else title_year(meta.title)
    lifted = lift_closing_lists(key, sections, lists)
    tasks, warnings = build_tasks(
        text,
        key,
        sections,
        lifted,
        heads=heads,
        doc_year=doc_year,
        row_parents={p.parent for p in placed if p.parent is not None},
        has_rows=bool(placed),
    )
    row_tasks, inferred = _row_tasks(text, key, placed, lifted, doc_year)
    if row_tasks:
        tasks = sorted([*tasks, *row_tasks], key=lambda t: t.span.start if t.span else -1)
        if inferred and INFERRED_LEAD not in warnings:
            warnings.insert(0, INFERRED_LEAD)
    blanket = find_blanket_rules(text, key, meta.body_start)
    tasks = apply_blanket_rules(tasks, blanket)
    if registry is not None:
        tasks = [
            replace(t, canonical=tuple((u, registry.canonical(u)) for u in t.units)) for t in tasks
        ]
        warnings.extend(_unit_warnings(tasks))
    warnings.extend(blanket_warnings(blanket))
    scope = default_scope(meta)
    targets: list[Target] = []
    years = heading_years(key, sections)
    background = _background_sections(sections)
    for section, group, year, is_background in zip(sections, lists, years, background, strict=True):
        if is_background:
            continue
        found, target_warnings = _section_targets(text, section, group, scope, year)
        targets.extend(found)
        warnings.extend(target_warnings)
    for row in placed:
        if row.parent is not None and background[row.parent]:
            continue
        year = (years[row.parent] if row.parent is not None else None) or row.year
        found, target_warnings = _piece_targets(text, list(row.row.task), row.path, scope, year)
        targets.extend(found)
        warnings.extend(target_warnings)
    if placed:
        targets.sort(key=lambda t: t.span.start if t.span is not None else -1)
    outline = [OutlineItem(s.path, s.title, Span(s.start, s.end)) for s in sections]
    if row_tasks:
        outline.extend(OutlineItem(t.path, t.title or "", t.span) for t in row_tasks)
        outline.sort(key=lambda o: o.span.start if o.span is not None else -1)
    if not sections and not placed and text.strip():
        warnings.append("未找到编号标题 / no numbered headings found")

    return Plan(
        title=meta.title,
        issuer=meta.issuer,
        doc_number=meta.doc_number,
        date=meta.date,
        outline=tuple(outline),
        tasks=tuple(tasks),
        targets=tuple(targets),
        warnings=tuple(warnings),
    )


def parse_text(text: str, registry: UnitRegistry | None = None) -> Plan:
    """Return the plan of a policy document's text; never raise on odd input."""
    try:
        return _parse(text, registry)
    except Exception as error:  # a malformed document must not crash an import run
        return Plan(
            title=None,
            issuer=None,
            doc_number=None,
            date=None,
            warnings=(f"解析失败 / parse failed: {type(error).__name__}: {error}",),
        )


def parse_file(path: Path, registry: UnitRegistry | None = None) -> Plan:
    """Return the plan of the document at path (.txt, .html, .docx); SourceError if unreadable."""
    return parse_text(read_source(Path(path)), registry)
