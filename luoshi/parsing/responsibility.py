"""Responsibility lists: find them at the end of a task or clause and read the units.

A list is a bracketed group — `（A、B等负责）`, `（A牵头，B、C参与）`,
`（牵头单位：A；配合单位：B）`, `〔责任单位：A〕` — that closes a sentence, or a `责任单位：A、B`
line. Leaders named in a list (副省长张三) are persons, not units, and are left out. All
matching runs on the folded key (see normalize.py); units are sliced from the original
text, verbatim.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from luoshi.parsing.normalize import fold

# Stated once, it makes the first listed unit the lead for this and every later task.
FIRST_LISTED_RULE = re.compile(
    r"(?:(?:列|排)(?:名|在)?)?(?:第一|首)(?:位|个|名)?(?:的|者)?(?:责任单位|单位|部门)?"
    r"(?:为|是)(?:工作)?牵头(?:单位|部门)?(?:或(?:工作)?汇总(?:单位|部门)?)?(?:[,;]?\s*下同)?"
)
_ROLE_LABELS = "牵头|主办|主责|责任|负责|配合|参与|协办|协同|协助|协作|支持|承办"
# 牵头单位, 牵头责任单位, 协同责任单位; 部门分工 carries its roles inside the list.
_LABEL = re.compile(
    rf"(?:(?P<lead>牵头|主办|主责)|{_ROLE_LABELS})(?:责任)?(?:单位|部门)?$|(?:部门|责任)分工$"
)
_LABEL_LINE = re.compile(
    rf"(?:(?<=[。;\n])|^)[ ]*(?:(?:{_ROLE_LABELS})(?:责任)?(?:单位|部门)|(?:部门|责任)分工)[ ]*:",
    re.M,
)
_LABEL_STOP = re.compile(r"(?:完成时限|完成时间|时间节点|进度安排|时限)[ ]*:")
# Longest first: each strip is tried again until none applies.
_ROLE_SUFFIXES = tuple(
    sorted(
        [
            "按照各自职责共同推进",
            "按照各自职责分工负责",
            "按各自职责分工负责",
            "按照职责分工负责",
            "按职责分工负责",
            "按照职责分工落实",
            "按职责分工落实",
            "按照职责分工推进",
            "按职责分工推进",
            "按照各自职责负责",
            "按各自职责负责",
            "按照职责负责",
            "按职责负责",
            "按职责落实",
            "按职能分工负责",
            "根据职责分工负责",
            "根据职责负责",
            "依职责负责",
            "负责组织实施",
            "按职责参与",
            "分工负责",
            "分工落实",
            "分别负责",
            "分别牵头",
            "共同牵头",
            "共同负责",
            "共同推进",
            "共同落实",
            "牵头负责",
            "负责落实",
            "牵头落实",
            "牵头推进",
            "牵头实施",
            "牵头抓总",
            "具体负责",
            "具体落实",
            "具体实施",
            "抓好落实",
            "组织落实",
            "贯彻落实",
            "督促落实",
            "负责推进",
            "负责实施",
            "组织实施",
            "配合落实",
            "参与落实",
            "负总责",
            "牵头",
            "负责",
            "参与",
            "配合",
            "协助",
            "协同",
            "指导",
            "支持",
            "落实",
            "推进",
            "实施",
            "主办",
            "主责",
            "协办",
            "承办",
        ],
        key=len,
        reverse=True,
    )
)
_LEAD_WORDS = ("牵头", "主办", "主责")
# Most segments end in a unit suffix: checking the last character first skips the loop.
_SUFFIX_LAST_CHARS = frozenset(word[-1] for word in _ROLE_SUFFIXES) | {"等", "门", "位"}
_ETC_SUFFIXES = ("等有关部门", "等相关部门", "等有关单位", "等部门", "等单位", "等")
_ROLE_PREFIXES = ("由", "会同", "并")
_CONJUNCTIONS = re.compile(r"以及|和|及|与|会同")
_BARE_REGION = frozenset(
    {"市", "县", "区", "州", "旗", "乡", "镇", "县级市", "县区", "区县", "市州", "乡镇", "街道"}
    | {"自治州", "自治县", "县(市、区)", "市(州)"}
)
_UNIT_SUFFIX = re.compile(
    r"(?:部|委|办|厅|局|院|会|署|银行|支行|分行|总行|人行|社|集团|共青团|府|中心|联|协|处|室|所|站|队"
    r"|军区|公司|单位|部门|机构|党委|工委|小组|馆|电视台|总台|党校|学校|大学|政府|电网)$"
)
# Without a role word a list must be made of names that can be nothing else.
_STRONG_SUFFIX = re.compile(
    r"(?:部|委|办|厅|局|院|署|政府|公司|集团|中心|银行|支行|管委会|党委|工委|联|协|社)$"
)
_REGION_UNIT = re.compile(r"..+(?:市|县|区|州|旗|盟)$")
_UNIT_PREFIX = re.compile(r"^(?:省|市|县|区|州|国家|中央|中共|国务院|全国|中国|各)")
_NOT_A_LIST = re.compile(r"简称|包括|例如|详见|参见|见附件|如下")
# A time phrase inside a list (`省财政厅负责，2018年底前完成`) is not a unit.
_TIME_SEGMENT = re.compile(r"\d{2,4}年|年底|年内|月底|长期|持续|前完成|完成时限|季度")
_GENERIC = re.compile(r"^各|^其他|^其它|有关|相关|各(?:部门|单位|地区|级|地)")
_SEPARATORS = "、,;。: \n"
_BARE_COLLECTIVES = frozenset(
    {"有关部门", "相关部门", "有关单位", "相关单位", "部门", "单位", "有关方面", "相关方面"}
)
# 〔责任单位：…〕 and 【…】 close a task as well as round brackets do.
_OPENERS = "(〔【["
_CLOSERS = ")〕】]"
_PAIRS = dict(zip(_OPENERS, _CLOSERS, strict=True))
_LIST_OPEN = re.compile(r"[(〔【]")
_LABEL_HEAD = re.compile(rf"(?:(?:{_ROLE_LABELS})(?:责任)?(?:单位|部门)?|(?:部门|责任)分工)[ ]*:")
# A leader named in a list is a person, not a unit: 副省长张三, 孟学农省长, 分管副市长.
_LEADER = r"(?:常务)?副?(?:省长|市长|县长|区长|州长|旗长|盟长|主席|秘书长|书记)"
_PERSON = re.compile(
    rf"^{_LEADER}[\u4e00-\u9fff]{{2,3}}$|^[\u4e00-\u9fff]{{2,3}}(?:同志|{_LEADER})$"
    rf"|^(?:[省市县区州]政府)?分管(?:{_LEADER}|领导|负责同志)$"
)


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


@lru_cache(maxsize=8192)
def is_unit_like(name: str) -> bool:
    """Return whether a name looks like a body that can be assigned work."""
    key = fold(name).strip()
    if len(key) < 2 or key in _BARE_REGION:
        return False
    if _UNIT_SUFFIX.search(key) or _REGION_UNIT.match(key):
        return True
    return bool(_UNIT_PREFIX.match(key)) and len(key) >= 3


@lru_cache(maxsize=8192)
def is_generic(name: str) -> bool:
    """Return whether a unit is a collective party (各地区, 有关部门, 各区、县级市)."""
    return bool(_GENERIC.search(fold(name)))


def _segments(key: str) -> list[tuple[int, int, str]]:
    """Split at top-level separators; return (start, end, separator before) triples."""
    out: list[tuple[int, int, str]] = []
    depth = 0
    start = 0
    sep = ""
    i = 0
    while i < len(key):
        char = key[i]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS and depth:
            depth -= 1
        elif depth == 0 and char in _SEPARATORS:
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
    while changed and end > start and key[end - 1] in _SUFFIX_LAST_CHARS:
        changed = False
        piece = key[start:end]
        for suffix in _ROLE_SUFFIXES:
            if piece.endswith(suffix):
                end -= len(suffix)
                has_role = True
                # 分别牵头 and 共同牵头 mark every unit of the group as a lead too.
                is_lead = is_lead or suffix.startswith(_LEAD_WORDS) or "牵头" in suffix
                changed = True
                break
        else:
            for suffix in _ETC_SUFFIXES:
                if piece.endswith(suffix):
                    end -= len(suffix)
                    changed = True
                    break
    for prefix in _ROLE_PREFIXES:
        if key.startswith(prefix, start, end) and end - start > len(prefix) + 1:
            start += len(prefix)
    return start, end, has_role, is_lead


def _split_conjunctions(key: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split `A和B` only where both sides are whole unit names (not 工业和信息化部).

    Each piece comes with whether it leads: in `A会同B` the unit before 会同 leads.
    """
    etc = key.find("等", start, end)
    collective = key[etc + 1 : end]
    # 省农业厅等省直有关部门: the named unit and a collective of its own.
    if (
        etc != -1
        and collective not in _BARE_COLLECTIVES
        and is_generic(collective)
        and is_unit_like(key[start:etc])
    ):
        return [*_split_conjunctions(key, start, etc), *_split_conjunctions(key, etc + 1, end)]
    pieces: list[tuple[int, int, bool]] = []
    left = start
    for match in _CONJUNCTIONS.finditer(key, start, end):
        left_name = key[left : match.start()]
        right_name = key[match.end() : end]
        if (
            _UNIT_SUFFIX.search(left_name)
            and len(left_name) > 2
            and _UNIT_SUFFIX.search(right_name)
        ):
            pieces.append((left, match.start(), match.group() == "会同"))
            left = match.end()
    pieces.append((left, end, False))
    return [(s, e, lead) for s, e, lead in pieces if e > s]


def _blank_rules(key: str) -> tuple[str, bool]:
    """Return key with first-listed rules (and a bracketed note holding one) blanked by 。."""
    found = False
    for match in FIRST_LISTED_RULE.finditer(key):
        found = True
        start, end = match.start(), match.end()
        # 市卫生健康委（列第一位者为牵头单位，下同）: the note goes, the unit stays.
        opening = max(key.rfind(char, 0, start) for char in _OPENERS)
        if opening != -1 and not any(c in key[opening:start] for c in _CLOSERS):
            closing = min((i for i in (key.find(c, end) for c in _CLOSERS) if i != -1), default=-1)
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
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS and depth:
            depth -= 1
        elif char == "。" and depth == 0:
            rest = key[i:].lstrip("。 \n")
            if rest and not _LABEL_HEAD.match(rest):
                return key[:i]
    return key


@lru_cache(maxsize=8192)
def is_person(name: str) -> bool:
    """Return whether a listed party is a leader (副省长张三, 孟学农省长), not a unit."""
    return bool(_PERSON.search(fold(name).strip()))


def parse_assignment(raw: str, key: str | None = None) -> Assignment | None:
    """Read the units of a responsibility list's content (without its brackets), or None."""
    key = fold(raw) if key is None else key
    key, rule = _blank_rules(key)
    stop = _LABEL_STOP.search(key)
    if stop:
        key = key[: stop.start()]
    key = _drop_notes(key)
    if _NOT_A_LIST.search(key):
        return None
    units: list[_Unit] = []
    has_role = False
    label_role: str | None = None
    group_from = 0
    segments = _segments(key)
    for index, (start, end, sep) in enumerate(segments):
        label = _LABEL.match(key, start, end)
        next_sep = segments[index + 1][2] if index + 1 < len(segments) else ""
        if label and label.end() == end and ":" in next_sep:
            has_role = True
            neutral = label.group().endswith("分工")
            label_role = "lead" if label.group("lead") else None if neutral else "co"
            group_from = len(units)
            continue
        core_start, core_end, seg_role, seg_lead = _strip_roles(key, start, end)
        if _TIME_SEGMENT.search(key, core_start, core_end):
            core_start = core_end
        # 各区、县级市 is one party: a bare region word after 各X joins it.
        if units and "、" in sep and key[core_start:core_end] in _BARE_REGION:
            previous = units[-1]
            if key.startswith(("各", "其他"), previous.start):
                previous.end = core_end
                core_start = core_end
        if core_end > core_start:
            for piece_start, piece_end, leads in _split_conjunctions(key, core_start, core_end):
                if is_person(key[piece_start:piece_end]):
                    continue
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
    elif not all(_STRONG_SUFFIX.search(fold(name)) for name in names):
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
    closer = _PAIRS[opener]
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
    opening = _LIST_OPEN.search(key, start, end)
    while opening is not None:
        i = opening.start()
        close = _closing_group(key, i, end)
        if close == -1:
            opening = _LIST_OPEN.search(key, i + 1, end)
            continue
        if _closes_clause(key, i, close, start, end):
            assignment = parse_assignment(text[i + 1 : close - 1], key[i + 1 : close - 1])
            if assignment is not None:
                found.append(FoundList(i, close, assignment))
        opening = _LIST_OPEN.search(key, close, end)
    labelled: list[FoundList] = []
    for match in _LABEL_LINE.finditer(key, start, end):
        at = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" "))
        if any(f.start <= at < f.end for f in (*found, *labelled)):
            continue
        line_end = key.find("\n", at, end)
        line_end = end if line_end == -1 else line_end
        # Following label lines (配合单位：…) belong to the same list.
        while line_end < end:
            following = _LABEL_LINE.match(key, line_end + 1)
            if not following:
                break
            next_end = key.find("\n", line_end + 1, end)
            line_end = end if next_end == -1 else next_end
        stop = _LABEL_STOP.search(key, at, line_end)
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
