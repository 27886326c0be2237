"""Tasks from the outline and its responsibility lists.

Tasks are the outline items that carry their own responsibility list. When one item holds
several lists, each list closes a task of its own: the first keeps the item's path and
title (level `item`, or `measure` below another task or at depth 3 and deeper); each later
one is a clause task with path `<item path>#<n>` (n = 2, 3, … in order) and title null.
Where the document has no lists at all, its leaf items are the tasks, with empty units.
A list standing on its own line after the last of several list-less sub-items assigns their
parent; a heading that names its lead (省审计厅牵头的工作) leads the tasks below it, and a
unit name on a line of its own before a restarted numbering (市卫生局 / 一、…) heads the
items below it.
"""

import re

from luoshi.core.numerals import cn_to_int
from luoshi.parsing.blocks import find_by_clause, find_name_lines
from luoshi.parsing.deadlines import find_deadline
from luoshi.parsing.labels import FIRST_LISTED_RULE, is_person, is_unit_like
from luoshi.parsing.model import Span, Task, TaskLevel
from luoshi.parsing.normalize import fold
from luoshi.parsing.outline import Section
from luoshi.parsing.responsibility import FoundList, find_lists

_HEADING_LEAD = re.compile(
    r"(?P<unit>[^,;。:]{2,30}?)(?:牵头|主办|负责)(?:的)?(?:工作|事项|任务)"
    # 县示范区管委会牵头工作（8项）: a count of the items below may follow.
    r"(?:[ ]*\([ ]*[0-9]{1,3}[ ]*项[ ]*\))?$"
)
_HAS_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
INFERRED_LEAD = (
    "未标明牵头单位，已按惯例取列第一位的单位为牵头单位，请确认 / "
    "lead units are not marked; the first listed unit was taken as lead — please confirm"
)


def _plain(text: str) -> str:
    """Return text with each line's indentation and leading clause punctuation removed."""
    lines = (line.strip(" \u3000\t") for line in text.split("\n"))
    return "\n".join(line for line in lines if line).lstrip("。；;，, ").strip()


def without_lists(text: str, start: int, end: int, lists: list[FoundList]) -> list[tuple[int, int]]:
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


def _under_task(sections: list[Section], index: int, task_sections: set[int]) -> bool:
    """Return whether an ancestor of the section is a task of its own."""
    parent = sections[index].parent
    while parent is not None:
        if parent in task_sections:
            return True
        parent = sections[parent].parent
    return False


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


def _restarts(section: Section, earlier: list[Section]) -> bool:
    """Return whether a section numbers 1 again at a depth already used (一、 after 八、)."""
    component = section.path.rsplit("/", 1)[-1].split("~")[0].strip("()（）")
    return cn_to_int(component) == 1 and any(s.depth == section.depth for s in earlier)


def section_lists(
    text: str, key: str, sections: list[Section]
) -> tuple[list[list[FoundList]], list[str | None]]:
    """Return each section's lists, and the unit heading each section stands under, if any."""
    lists: list[list[FoundList]] = []
    heads: list[str | None] = [None] * len(sections)
    for index, section in enumerate(sections):
        found = find_lists(text, key, section.content_start, section.end)
        if not found:
            clause = find_by_clause(text, key, section.content_start, section.end)
            found = [clause] if clause is not None else []
        if not found:
            names = find_name_lines(text, key, section.content_start, section.end)
            following = sections[index + 1] if index + 1 < len(sections) else None
            if (
                names is not None
                and len(names.assignment.units) == 1
                and following is not None
                and _restarts(following, sections[: index + 1])
            ):
                # 市卫生局 on its own line, then 一、二、…: it heads the items below.
                heads[index + 1] = names.assignment.units[0]
                names = None
            found = [names] if names is not None else []
        lists.append(found)
    last_child: dict[int | None, int] = {}
    for index, section in enumerate(sections):
        sibling = last_child.get(section.parent)
        last_child[section.parent] = index
        if (
            heads[index] is None
            and sibling is not None
            and sections[sibling].depth == section.depth
        ):
            heads[index] = heads[sibling]
    return lists, heads


def _heading_lead(title: str) -> str | None:
    """Return the unit a heading names as lead (（一）省审计厅牵头的工作), or None."""
    match = _HEADING_LEAD.match(fold(title))
    if match is None:
        return None
    name = title[: match.end("unit")].strip()
    return name if is_unit_like(name) and not is_person(name) else None


def build_tasks(
    text: str,
    key: str,
    sections: list[Section],
    lists: list[list[FoundList]],
    *,
    heads: list[str | None],
    doc_year: int | None = None,
    row_parents: frozenset[int] | set[int] = frozenset(),
    has_rows: bool = False,
) -> tuple[list[Task], list[str]]:
    """Return the tasks of the outline and the warnings about their leads.

    Rows of a task table (has_rows) assign the work as lists do; row_parents are the
    sections that hold rows, which are their tasks.
    """
    warnings: list[str] = []
    all_lists = [found for group in lists for found in group]
    rule_from = _rule_start(key, all_lists)
    task_sections = {i for i, group in enumerate(lists) if group}
    heading_leads: list[str | None] = []
    for section in sections:
        own = _heading_lead(section.title)
        above = heading_leads[section.parent] if section.parent is not None else None
        heading_leads.append(own or above)
    covered = set(task_sections) | set(row_parents)
    for index in covered.copy():
        ancestor = sections[index].parent
        while ancestor is not None:
            covered.add(ancestor)
            ancestor = sections[ancestor].parent
    parents = {s.parent for s in sections} | set(row_parents)
    tasks: list[Task] = []
    inferred = False
    for index, section in enumerate(sections):
        group = lists[index]
        inherited = heading_leads[index]
        head = heads[index]
        is_leaf = index not in parents
        own_lead = _heading_lead(section.title)
        if own_lead is not None and index not in covered and not is_leaf:
            continue  # 县示范区管委会牵头工作 over list-less items: the items are the tasks.
        if (
            inherited is not None
            and index not in covered
            and (own_lead or (is_leaf and not _under_task(sections, index, task_sections)))
        ):
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
                    deadline=find_deadline(key[section.content_start : section.end], doc_year),
                    span=Span(section.start, section.end),
                )
            )
            continue
        has_lists = bool(all_lists or any(heads) or has_rows)
        if is_leaf and not group and (head is not None or not has_lists):
            body = text[section.content_start : section.end]
            tasks.append(
                Task(
                    path=section.path,
                    title=section.title,
                    text=_plain(body),
                    level=_level(sections, index, task_sections),
                    units=(head,) if head else (),
                    lead_units=(head,) if head else (),
                    lead_explicit=False,
                    generic_units=(),
                    responsibility_text=None,
                    deadline=find_deadline(key[section.content_start : section.end], doc_year),
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
            body = "".join(text[s:e] for s, e in without_lists(text, start, end, group))
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
                    deadline=find_deadline(key[start:end], doc_year),
                    span=Span(section.start if first else start, end),
                )
            )
            start = found.end
    if inferred:
        warnings.insert(0, INFERRED_LEAD)
    return tasks, warnings
