"""Responsibility lists: find them at the end of a task or clause and read the units.

A list is a bracketed group — `（A、B等负责）`, `（A牵头，B、C参与）`,
`（牵头单位：A；配合单位：B）`, `〔责任单位：A〕` — that closes a sentence, or a `责任单位：A、B`
line. Leaders named in a list (副省长张三) are persons, not units, and are left out. All
matching runs on the folded key (see normalize.py); units are sliced from the original
text, verbatim.
"""

import re
from dataclasses import dataclass, field

from luoshi.parsing.labels import (
    BARE_COLLECTIVES,
    BARE_EACH_REGION,
    BARE_EACH_REGIONS,
    BARE_REGION,
    CLOSERS,
    COLLECTIVE_HEAD,
    CONJUNCTIONS,
    ETC_SUFFIXES,
    FIRST_LISTED_RULE,
    LABEL,
    LABEL_HEAD,
    LABEL_LINE,
    LABEL_STOP,
    LEAD_WORDS,
    LEADER_LABEL,
    LIST_OPEN,
    NOT_A_LIST,
    OPENERS,
    PAIRS,
    REGION_GOVERNMENT,
    ROLE_PREFIXES,
    ROLE_SUFFIXES,
    SEPARATORS,
    STRONG_SUFFIX,
    SUFFIX_LAST_CHARS,
    TIME_SEGMENT,
    UNIT_SUFFIX,
    is_generic,
    is_person,
    is_unit_like,
)
from luoshi.parsing.normalize import fold

_ETC_AND = re.compile(r"等(?:有关|相关)?(?:部门|单位)(?:以及|和|及|与)")


@dataclass(frozen=True)
class Assignment:
    """The units of one responsibility list, as written."""

    units: tuple[str, ...]
    lead_units: tuple[str, ...]
    generic_units: tuple[str, ...]
    has_role_word: bool
    states_first_listed_rule: bool


@dataclass
class _Unit:
    start: int
    end: int
    role: str | None = field(default=None)


@dataclass(frozen=True)
class FoundList:
    """A responsibility list found in the document: offsets [start, end) and its units."""

    start: int
    end: int
    assignment: Assignment


def _segments(key: str) -> list[tuple[int, int, str]]:
    """Split at top-level separators; return (start, end, separator before) triples."""
    out: list[tuple[int, int, str]] = []
    depth = 0
    start = 0
    sep = ""
    i = 0
    while i < len(key):
        char = key[i]
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS and depth:
            depth -= 1
        elif depth == 0 and char in SEPARATORS:
            if i > start:
                out.append((start, i, sep))
                sep = ""
            sep += char
            start = i + 1
        i += 1
    if start < len(key):
        out.append((start, len(key), sep))
    return out


def _strip_roles(key: str, start: int, end: int) -> tuple[int, int, bool, bool]:
    """Strip role words, 等 and prefixes; return core bounds, has-role and is-lead flags."""
    has_role = False
    is_lead = False
    changed = True
    while changed and end > start and key[end - 1] in SUFFIX_LAST_CHARS:
        changed = False
        piece = key[start:end]
        for suffix in ROLE_SUFFIXES:
            if piece.endswith(suffix):
                end -= len(suffix)
                has_role = True
                # 分别牵头 and 共同牵头 mark every unit of the group as a lead too.
                is_lead = is_lead or suffix.startswith(LEAD_WORDS) or "牵头" in suffix
                changed = True
                break
        else:
            for suffix in ETC_SUFFIXES:
                if piece.endswith(suffix):
                    end -= len(suffix)
                    changed = True
                    break
    for prefix in ROLE_PREFIXES:
        if key.startswith(prefix, start, end) and end - start > len(prefix) + 1:
            start += len(prefix)
    return start, end, has_role, is_lead


def _split_conjunctions(key: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split `A和B` only where both sides are whole unit names (not 工业和信息化部).

    Each piece comes with whether it leads: in `A会同B` the unit before 会同 leads.
    """
    etc = key.find("等", start, end)
    # 劳动保障厅等部门和各省辖市政府: 等部门 closes the named list, a party follows.
    tail = _ETC_AND.match(key, etc, end) if etc != -1 else None
    if tail is not None and is_unit_like(key[start:etc]) and end - tail.end() >= 2:
        return [*_split_conjunctions(key, start, etc), *_split_conjunctions(key, tail.end(), end)]
    collective = key[etc + 1 : end]
    # 省农业厅等省直有关部门: the named unit and a collective of its own.
    if (
        etc != -1
        and collective not in BARE_COLLECTIVES
        and is_generic(collective)
        and is_unit_like(key[start:etc])
    ):
        return [*_split_conjunctions(key, start, etc), *_split_conjunctions(key, etc + 1, end)]
    pieces: list[tuple[int, int, bool]] = []
    left = start
    for match in CONJUNCTIONS.finditer(key, start, end):
        left_name = key[left : match.start()]
        right_name = key[match.end() : end]
        whole = bool(
            UNIT_SUFFIX.search(left_name) and len(left_name) > 2 and UNIT_SUFFIX.search(right_name)
        )
        # 各工业厅局和有关市地, 金融及其他有关部门: a collective after the conjunction.
        party_follows = (
            len(left_name) >= 2
            and is_generic(right_name)
            and (COLLECTIVE_HEAD.match(right_name) is not None or len(right_name) <= 3)
        )
        if whole or party_follows:
            pieces.append((left, match.start(), match.group() == "会同"))
            left = match.end()
    pieces.append((left, end, False))
    pieces = [(s, e, lead) for s, e, lead in pieces if e > s]
    if len(pieces) > 1:
        # 会同有关部门, 有关部门和市地: a bare collective beside named parties names nobody.
        pieces = [p for p in pieces if key[p[0] : p[1]] not in BARE_COLLECTIVES] or pieces
    return pieces


def _blank_rules(key: str) -> tuple[str, bool]:
    """Return key with first-listed rules (and a bracketed note holding one) blanked by 。."""
    found = False
    for match in FIRST_LISTED_RULE.finditer(key):
        found = True
        start, end = match.start(), match.end()
        # 市卫生健康委（列第一位者为牵头单位，下同）: the note goes, the unit stays.
        opening = max(key.rfind(char, 0, start) for char in OPENERS)
        if opening != -1 and not any(c in key[opening:start] for c in CLOSERS):
            closing = min((i for i in (key.find(c, end) for c in CLOSERS) if i != -1), default=-1)
            if closing != -1:
                start, end = opening, closing + 1
        key = key[:start] + "。" * (end - start) + key[end:]
    return key, found


def _drop_notes(key: str) -> str:
    """Return key cut before a note that follows the list in a new sentence (…负责。具体任务…)."""
    if "。" not in key:
        return key
    depth = 0
    for i, char in enumerate(key):
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS and depth:
            depth -= 1
        elif char == "。" and depth == 0:
            rest = key[i:].lstrip("。 \n")
            if rest and not LABEL_HEAD.match(rest):
                return key[:i]
    return key


def parse_assignment(raw: str, key: str | None = None) -> Assignment | None:
    """Read the units of a responsibility list's content (without its brackets), or None."""
    key = fold(raw) if key is None else key
    key, rule = _blank_rules(key)
    stop = LABEL_STOP.search(key)
    if stop:
        key = key[: stop.start()]
    key = _drop_notes(key)
    if NOT_A_LIST.search(key):
        return None
    units: list[_Unit] = []
    has_role = False
    label_role: str | None = None
    group_from = 0
    naming_leaders = False
    segments = _segments(key)
    for index, (start, end, sep) in enumerate(segments):
        label = LABEL.match(key, start, end)
        next_sep = segments[index + 1][2] if index + 1 < len(segments) else ""
        if ":" in next_sep and LEADER_LABEL.match(key, start, end):
            naming_leaders = True
            continue
        if label and label.end() == end and ":" in next_sep:
            naming_leaders = False
            has_role = True
            neutral = label.group().endswith("分工")
            label_role = "lead" if label.group("lead") else None if neutral else "co"
            group_from = len(units)
            continue
        if naming_leaders:
            continue
        core_start, core_end, seg_role, seg_lead = _strip_roles(key, start, end)
        if TIME_SEGMENT.search(key, core_start, core_end):
            core_start = core_end
        # 各区、县级市 is one party: a bare region word after 各X joins it.
        if units and "、" in sep:
            previous = units[-1]
            bare = key[core_start:core_end] in BARE_REGION
            written = key[previous.start : previous.end]
            adjacent = written == key[previous.start : start].rstrip("、")
            if (
                (bare and key.startswith(("各", "其他"), previous.start))
                or (BARE_EACH_REGION.match(written) and adjacent)
                or (
                    BARE_EACH_REGIONS.match(written)
                    and adjacent
                    and REGION_GOVERNMENT.match(key[core_start:core_end])
                )
            ):
                previous.end = core_end
                core_start = core_end
        if core_end > core_start:
            for piece_start, piece_end, leads in _split_conjunctions(key, core_start, core_end):
                if is_person(key[piece_start:piece_end]):
                    continue
                if leads:
                    # 省对外经贸厅、计经委会同有关部门: every unit named before 会同 leads.
                    for unit in units[group_from:]:
                        unit.role = "lead"
                units.append(_Unit(piece_start, piece_end, "lead" if leads else label_role))
        if seg_role:
            has_role = True
            role = "lead" if seg_lead else "co"
            for unit in units[group_from:]:
                if seg_lead or unit.role is None:
                    unit.role = role
            group_from = len(units)
    names = [raw[u.start : u.end].strip() for u in units]
    names = [name for name in names if name]
    if not names or any(len(name) > 40 for name in names):
        return None
    like = sum(1 for name in names if is_unit_like(name))
    if has_role:
        if like == 0 or like * 2 < len(names):
            return None
    elif not all(STRONG_SUFFIX.search(fold(name)) for name in names):
        return None
    lead = tuple(raw[u.start : u.end].strip() for u in units if u.role == "lead")
    return Assignment(
        units=tuple(names),
        lead_units=tuple(name for name in lead if name),
        generic_units=tuple(name for name in names if is_generic(name)),
        has_role_word=has_role,
        states_first_listed_rule=rule,
    )


def _closing_group(key: str, open_at: int, limit: int) -> int:
    """Return the offset just past the bracket matching key[open_at], or -1."""
    opener = key[open_at]
    closer = PAIRS[opener]
    depth = 0
    for i in range(open_at, limit):
        char = key[i]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return i + 1
        elif char == "\n":
            return -1
    return -1


def _closes_clause(key: str, start: int, end: int, region_start: int, region_end: int) -> bool:
    before = start - 1
    while before >= region_start and key[before] == " ":
        before -= 1
    if before < region_start or key[before] in "。;!?\n":
        return True
    after = end
    while after < region_end and key[after] == " ":
        after += 1
    return after >= region_end or key[after] in "。;!?\n"


def find_lists(text: str, key: str, start: int, end: int) -> list[FoundList]:
    """Return the responsibility lists in text[start:end], in order."""
    found: list[FoundList] = []
    opening = LIST_OPEN.search(key, start, end)
    while opening is not None:
        i = opening.start()
        close = _closing_group(key, i, end)
        if close == -1:
            opening = LIST_OPEN.search(key, i + 1, end)
            continue
        if _closes_clause(key, i, close, start, end):
            assignment = parse_assignment(text[i + 1 : close - 1], key[i + 1 : close - 1])
            if assignment is not None:
                found.append(FoundList(i, close, assignment))
        opening = LIST_OPEN.search(key, close, end)
    labelled: list[FoundList] = []
    for match in LABEL_LINE.finditer(key, start, end):
        at = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" "))
        if any(f.start <= at < f.end for f in (*found, *labelled)):
            continue
        line_end = key.find("\n", at, end)
        line_end = end if line_end == -1 else line_end
        # Following label lines (配合单位：…) belong to the same list.
        while line_end < end:
            # Blank lines between the label lines do not part the list.
            probe = line_end + 1
            while probe < end and key[probe] == "\n":
                probe += 1
            following = LABEL_LINE.match(key, probe)
            if not following:
                break
            next_end = key.find("\n", probe, end)
            line_end = end if next_end == -1 else next_end
        stop = LABEL_STOP.search(key, at, line_end)
        list_end = stop.start() if stop else line_end
        while list_end > at and key[list_end - 1] in "。;, \n":
            list_end -= 1
        assignment = parse_assignment(text[at:list_end], key[at:list_end])
        if assignment is not None:
            labelled.append(FoundList(at, list_end, assignment))
    # 各县（市、区）政府（管委会） on a 责任单位 line is part of that line's list.
    found = [f for f in found if not any(g.start <= f.start < g.end for g in labelled)]
    found.extend(labelled)
    found.sort(key=lambda f: f.start)
    return found
