"""Policy text -> Plan: segment, outline, tasks, units, targets, warnings.

Tasks are the outline items that carry their own responsibility list. When one item holds
several lists, each list closes a task of its own: the first keeps the item's path and
title (level `item`, or `measure` below another task or at depth 3 and deeper); each later
one is a clause task with path `<item path>#<n>` (n = 2, 3, … in order) and title null.
Where the document has no lists at all, its leaf items are the tasks, with empty units.
A list standing on its own line after the last of several list-less sub-items assigns their
parent; a heading that names its lead (省审计厅牵头的工作) leads the tasks below it.
"""

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from luoshi.parsing.metadata import Metadata, default_scope, read_metadata
from luoshi.parsing.model import OutlineItem, Plan, Span, Target, Task, TaskLevel
from luoshi.parsing.normalize import clean_text, fold, simplify
from luoshi.parsing.outline import Section, build_outline, find_headings, is_line_free, line_spans
from luoshi.parsing.registry import UnitRegistry
from luoshi.parsing.responsibility import (
    FIRST_LISTED_RULE,
    FoundList,
    find_lists,
    is_generic,
    is_person,
    is_unit_like,
)
from luoshi.parsing.sources import read_source
from luoshi.parsing.targets import find_targets

_BLANKET = re.compile(r"不再(?:一一|逐一|单独)?列出")
_BLANKET_PARTIES = re.compile(
    r"均(?:需|要|须|由|应)?([^。;,\n]{2,40}?)(?:负责|贯彻|抓好|推进)?落实"
)
_DEADLINE = re.compile(
    r"(?P<y>\d{4})[ ]*年[ ]*(?:(?P<m>\d{1,2})[ ]*月(?:[ ]*(?P<d>\d{1,2})[ ]*日)?"
    r"|(?P<h>上半年|下半年|[一二三四1-4]季度|第[一二三四1-4]季度))?"
    r"(?P<tail>[ ]*(?:年)?(?:底|末)?[ ]*(?:前|以前|之前)|[ ]*(?:年)?(?:底|末)|[ ]*内完成)"
)
_DEADLINE_LABEL = re.compile(
    r"完成(?:时限|时间)[ ]*:[ ]*(?P<y>\d{4})[ ]*年(?:(?P<m>\d{1,2})[ ]*月)?"
)
_QUARTER_END = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
# 省编办牵头的工作, 省发展改革委负责的事项: a heading that names the lead of what follows.
_HEADING_LEAD = re.compile(r"(?P<unit>[^,;。:]{2,30}?)(?:牵头|主办|负责)(?:的)?(?:工作|事项|任务)$")
_HAS_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_MONTH_END = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

INFERRED_LEAD = (
    "未标明牵头单位，已按惯例取列第一位的单位为牵头单位，请确认 / "
    "lead units are not marked; the first listed unit was taken as lead — please confirm"
)


def _month_end(year: int, month: int) -> date:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return date(year, month, _MONTH_END[month - 1] + (1 if leap else 0))


def find_deadline(key: str) -> str | None:
    """Return the latest completion deadline stated in folded task text, as ISO date."""
    found: list[date] = []
    for match in [*_DEADLINE.finditer(key), *_DEADLINE_LABEL.finditer(key)]:
        year = int(match.group("y"))
        month = int(match.group("m")) if match.group("m") else 12
        half = match.groupdict().get("h")
        if half:
            month = 6 if half == "上半年" else 12 if half == "下半年" else _QUARTER_END[half[-3]]
        if not 1900 < year < 2200 or not 1 <= month <= 12:
            continue
        day = int(match.group("d")) if match.groupdict().get("d") else 0
        try:
            found.append(date(year, month, day) if day else _month_end(year, month))
        except ValueError:
            continue
    return max(found).isoformat() if found else None


def _plain(text: str) -> str:
    """Return text with each line's indentation and leading clause punctuation removed."""
    lines = (line.strip(" \u3000\t") for line in text.split("\n"))
    return "\n".join(line for line in lines if line).lstrip("。；;，, ").strip()


def _without(text: str, start: int, end: int, lists: list[FoundList]) -> list[tuple[int, int]]:
    """Return the pieces of [start, end) that lie outside the lists."""
    pieces: list[tuple[int, int]] = []
    at = start
    for found in lists:
        if found.end <= start or found.start >= end:
            continue
        if found.start > at:
            pieces.append((at, found.start))
        at = max(at, found.end)
    if at < end:
        pieces.append((at, end))
    return pieces


def _section_targets(
    text: str, section: Section, lists: list[FoundList], scope: str | None
) -> tuple[list[Target], list[str]]:
    pieces = _without(text, section.content_start, section.end, lists)
    body = "".join(text[s:e] for s, e in pieces)
    # The target rules are written in simplified characters; a traditional document is read
    # through its same-length simplified copy and its spans quoted from the original.
    simplified = simplify(body)
    targets, warnings = find_targets(simplified, task_path=section.path, default_scope=scope)
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


def _level(sections: list[Section], index: int, task_sections: set[int]) -> TaskLevel:
    parent = sections[index].parent
    while parent is not None:
        if parent in task_sections:
            return "measure"
        parent = sections[parent].parent
    return "measure" if sections[index].depth >= 3 else "item"


def _rule_start(key: str, lists: list[FoundList]) -> int | None:
    """Return the offset from which lists follow the first-listed-is-lead rule, or None."""
    stated = FIRST_LISTED_RULE.search(key)
    if stated is None:
        return None
    if not lists or stated.start() > lists[-1].end:
        return 0  # stated in a note before or after the table: it covers every task
    return stated.start()


def _is_standalone(key: str, found: FoundList, section: Section) -> bool:
    """Return whether a list stands on lines of its own at the end of its section."""
    line_start = key.rfind("\n", 0, found.start) + 1
    before = key[max(line_start, section.content_start) : found.start].strip()
    return (
        line_start > section.content_start
        and not before
        and not key[found.end : section.end].strip(" \n。;")
    )


def lift_closing_lists(
    key: str, sections: list[Section], lists: list[list[FoundList]]
) -> list[list[FoundList]]:
    """Return the lists with a parent's block list moved from its last child to the parent.

    `1.完善预案体系 (1)… (2)… （责任单位：…）`: a list on its own line after the last of
    several sub-items, none of which has a list of its own, assigns the whole item.
    """
    lifted = [list(group) for group in lists]
    children: dict[int, list[int]] = {}
    for index, section in enumerate(sections):
        if section.parent is not None:
            children.setdefault(section.parent, []).append(index)
    for parent, kids in children.items():
        last = kids[-1]
        if (
            len(kids) < 2
            or lists[parent]
            or len(lists[last]) != 1
            or any(lists[k] for k in kids[:-1])
            or last in children
            or not _is_standalone(key, lists[last][0], sections[last])
        ):
            continue
        lifted[parent] = [lists[last][0]]
        lifted[last] = []
    return lifted


def _heading_lead(title: str) -> str | None:
    """Return the unit a heading names as lead (（一）省审计厅牵头的工作), or None."""
    match = _HEADING_LEAD.match(fold(title))
    if match is None:
        return None
    name = title[: match.end("unit")].strip()
    return name if is_unit_like(name) and not is_person(name) else None


def _tasks(
    text: str, key: str, sections: list[Section], lists: list[list[FoundList]]
) -> tuple[list[Task], list[str]]:
    warnings: list[str] = []
    all_lists = [found for group in lists for found in group]
    rule_from = _rule_start(key, all_lists)
    task_sections = {i for i, group in enumerate(lists) if group}
    heading_leads: list[str | None] = []
    for section in sections:
        own = _heading_lead(section.title)
        above = heading_leads[section.parent] if section.parent is not None else None
        heading_leads.append(own or above)
    covered = set(task_sections)
    for index in task_sections:
        ancestor = sections[index].parent
        while ancestor is not None:
            covered.add(ancestor)
            ancestor = sections[ancestor].parent
    tasks: list[Task] = []
    inferred = False
    for index, section in enumerate(sections):
        group = lists[index]
        inherited = heading_leads[index]
        if inherited is not None and index not in covered and _heading_lead(section.title):
            # 省监察厅牵头的工作 with no list below it: the heading is the assignment.
            tasks.append(
                Task(
                    path=section.path,
                    title=section.title,
                    text=_plain(text[section.content_start : section.end]),
                    level=_level(sections, index, task_sections),
                    units=(inherited,),
                    lead_units=(inherited,),
                    lead_explicit=True,
                    generic_units=(),
                    responsibility_text=None,
                    deadline=find_deadline(key[section.content_start : section.end]),
                    span=Span(section.start, section.end),
                )
            )
            continue
        if not all_lists and not any(s.parent == index for s in sections):
            body = text[section.content_start : section.end]
            tasks.append(
                Task(
                    path=section.path,
                    title=section.title,
                    text=_plain(body),
                    level=_level(sections, index, task_sections),
                    units=(),
                    lead_units=(),
                    lead_explicit=False,
                    generic_units=(),
                    responsibility_text=None,
                    deadline=find_deadline(key[section.content_start : section.end]),
                    span=Span(section.start, section.end),
                )
            )
            continue
        start = section.content_start
        for number, found in enumerate(group, start=1):
            assignment = found.assignment
            end = found.end
            if number == len(group) and _HAS_TEXT.search(text, found.end, section.end):
                end = section.end
            body = "".join(text[s:e] for s, e in _without(text, start, end, group))
            units: tuple[str, ...] = assignment.units
            lead: tuple[str, ...]
            if inherited is not None and not assignment.lead_units:
                units = (inherited, *(u for u in units if u != inherited))
                lead, explicit = (inherited,), True
            elif assignment.lead_units:
                lead, explicit = assignment.lead_units, True
            else:
                lead = assignment.units[:1]
                explicit = rule_from is not None and found.end > rule_from
                inferred = inferred or not explicit
            first = number == 1
            title = section.title if first else None
            if first and title is not None and found.start < section.title_end:
                title = text[section.content_start : found.start].strip().rstrip("。:：;；,，")
            path = section.path if first else f"{section.path}#{number}"
            if not assignment.has_role_word:
                warnings.append(
                    f"责任单位列表没有职责用语，请确认（{path}）/ "
                    f"responsibility list without a role word — please confirm ({path})"
                )
            tasks.append(
                Task(
                    path=path,
                    title=title,
                    text=_plain(body),
                    level=_level(sections, index, task_sections) if first else "clause",
                    units=units,
                    lead_units=lead,
                    lead_explicit=explicit,
                    generic_units=assignment.generic_units,
                    responsibility_text=text[found.start : found.end],
                    deadline=find_deadline(key[start:end]),
                    span=Span(section.start if first else start, end),
                )
            )
            start = found.end
    if inferred:
        warnings.insert(0, INFERRED_LEAD)
    return tasks, warnings


def _blanket_warnings(text: str, key: str, start: int) -> list[str]:
    warnings: list[str] = []
    for match in _BLANKET.finditer(key, start):
        begin = max(key.rfind("。", 0, match.start()), key.rfind("\n", 0, match.start())) + 1
        sentence = text[begin : match.end()].strip(" ，,；;\n\u3000")
        parties = _BLANKET_PARTIES.search(key, begin, match.end())
        who = text[parties.start(1) : parties.end(1)] if parties else "（未能识别）"
        warnings.append(
            f"文件说明任务均由{who}落实而未逐项列出，各任务的责任单位仍按原文，"
            f"请确认：“{sentence}” / "
            f"the document assigns every task to {who} without listing it per task; "
            "units are kept as written — please confirm"
        )
    return warnings


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
    firsts = [h.start for h in headings if h.number == 1] or [len(text)]
    last = headings[-1].start if headings else len(text)
    meta: Metadata = read_metadata(text, key, lines, firsts[0], last)
    headings = [h for h in headings if h.start >= meta.body_start]
    sections = build_outline(text, key, headings, list(meta.stops), len(text))
    lists = [find_lists(text, key, s.content_start, s.end) for s in sections]
    tasks, warnings = _tasks(text, key, sections, lift_closing_lists(key, sections, lists))
    if registry is not None:
        tasks = [
            replace(t, canonical=tuple((u, registry.canonical(u)) for u in t.units)) for t in tasks
        ]
        warnings.extend(_unit_warnings(tasks))
    warnings.extend(_blanket_warnings(text, key, meta.body_start))
    scope = default_scope(meta)
    targets: list[Target] = []
    for section, group in zip(sections, lists, strict=True):
        found, target_warnings = _section_targets(text, section, group, scope)
        targets.extend(found)
        warnings.extend(target_warnings)
    if not sections and text.strip():
        warnings.append("未找到编号标题 / no numbered headings found")

    return Plan(
        title=meta.title,
        issuer=meta.issuer,
        doc_number=meta.doc_number,
        date=meta.date,
        outline=tuple(OutlineItem(s.path, s.title, Span(s.start, s.end)) for s in sections),
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
