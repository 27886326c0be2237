"""What a target's clause inherits: sentence and clause bounds, year or period, scope."""

import re
from dataclasses import dataclass

from luoshi.core.numerals import normalise_digits

_CN_DIGITS = "一二三四五六七八九十两"
_FIVE_YEAR_PLANS = {
    "六五": 1985,
    "七五": 1990,
    "八五": 1995,
    "九五": 2000,
    "十五": 2005,
    "十一五": 2010,
    "十二五": 2015,
    "十三五": 2020,
    "十四五": 2025,
    "十五五": 2030,
}

# Relative horizons, kept as written: 5年内, 2012年起5年内, 每年, 今后三年, “十三五”期间.
# Each pattern opens with a lookahead on its possible first characters: re would otherwise
# try every alternative at every position of every clause.
PERIOD_RE = re.compile(
    rf"(?=[0-9０-９{_CN_DIGITS}今未用利每“])(?:"
    rf"(?:[0-9０-９]{{4}}年起)?(?:[0-9０-９]+|[{_CN_DIGITS}]+)年(?:内|间|之内)"
    rf"|(?:今后|未来)(?:[0-9０-９]+|[{_CN_DIGITS}]+)年"
    rf"|(?:用|利用)?(?:[0-9０-９]+|[{_CN_DIGITS}]+)年(?:左右)?时间"
    r"|每年"
    r"|“?十[一二三四五]五”?(?:期间|时期)?"
    # “九五”期间: the plans before 十一五 count only with 期间 or 时期 after them.
    r"|“?[六七八九]五”?(?:期间|时期))"
)
# Absolute horizons. Group y is the target year; 起/以来/比 mark a start or a base year.
YEAR_RE = re.compile(
    r"(?=[到至力争确计预0-9０-９])"
    r"(?P<pre>到|至|力争到|力争|争取到|争取|确保|计划到|预计到)?\s*"
    r"(?P<y>[0-9０-９]{4})\s*年(?P<post>(?:[0-9０-９]{1,2}月)?(?:(?:底|末)?(?:前|以前|之前)|底|末))?"
    r"(?P<next>起|以来|开始|比|同期|基础上|水平|为基|的)?"
    r"(?P<verb>(?=(?:要|将|力争|争取|确保)?(?:达到|达|突破|超过|实现|完成|建成|提高|增长|下降|控制)))?"
)
YEAR_SPAN_RE = re.compile(
    r"(?=[0-9０-９])[0-9０-９]{4}\s*[-—－~～至到]\s*(?P<y>[0-9０-９]{4})\s*年"
)
PLAN_END_RE = re.compile(
    r"(?=[到至“十六七八九])(?:到|至)?“?(?P<plan>十[一二三四五]五|[六七八九]五|十五)”?(?:末|期末|时期末)"
)

_HEAD_FILLER_RE = re.compile(
    r"(?:[\s“]|其中|并且|并|同时|力争|争取|确保|基本|使|此外|另外|[一二三四五六七八九十]是"
    r"|(?:到|至)(?=[0-9０-９“十])|在)+"
)

_SCOPE_PATTERNS = (
    re.compile(r"^(?:全(?:国|省|市|区|县|州|盟|旗)|我(?:国|省|市|区|县))(?:范围内)?"),
    re.compile(
        r"^(?:各|每个)(?:市州|市（州）|县（市、区）|县（市、区、场）|县区|区县|地市|市|县|区|"
        r"乡镇（街道）|乡镇|街道|社区|行政村|村)"
    ),
    re.compile(r"^[\u4e00-\u9fff]{0,6}县[（(](?:市、区|市|区|市、区、场)[）)]"),
    re.compile(r"^[省市县区乡镇村、（）级]{1,12}[两三四五]级"),
    re.compile(
        r"^(?![全我])[\u4e00-\u9fff]{1,6}(?:地区|山区|城区|牧区|库区|林区|片区|流域)(?!生产)"
    ),
)
# 全省/全市 name the whole jurisdiction of the clause they head; the expected parses let
# only narrower scopes (农村地区, 市、区两级) carry on to the following clauses.
_WHOLE_SCOPE_RE = re.compile(r"^(?:全|我)")

_CLAUSE_SPLIT_RE = re.compile(r"[，；：,;:]")
_SENTENCE_SPLIT_RE = re.compile(r"[。！？!?]")


@dataclass(frozen=True)
class Horizon:
    """The year or relative period that targets later in a paragraph inherit."""

    year: int | None = None
    period: str | None = None


@dataclass(frozen=True)
class Scope:
    """A scope named at the head of a clause and whether it carries to later clauses."""

    text: str
    is_carried: bool


def split_bounds(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Return (start, end) pairs of the pieces of text[start:end] between separators."""
    bounds: list[tuple[int, int]] = []
    pos = start
    for sep in pattern.finditer(text, start, end):
        bounds.append((pos, sep.start()))
        pos = sep.end()
    bounds.append((pos, end))
    return bounds


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the sentences of a paragraph, split at 。！？."""
    return split_bounds(text, start, end, _SENTENCE_SPLIT_RE)


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the clauses of a sentence, never splitting inside brackets."""
    merged: list[tuple[int, int]] = []
    depth = 0
    for clause_start, clause_end in split_bounds(text, start, end, _CLAUSE_SPLIT_RE):
        piece = text[clause_start:clause_end]
        if depth > 0 and merged:
            merged[-1] = (merged[-1][0], clause_end)
        else:
            merged.append((clause_start, clause_end))
        depth += piece.count("（") + piece.count("(") - piece.count("）") - piece.count(")")
        depth = max(depth, 0)
    return merged


def update_horizon(horizon: Horizon, text: str) -> Horizon:
    """Return the horizon in force after the year and period phrases of a clause."""
    if "年" not in text and "五" not in text:
        return horizon
    found: list[tuple[int, Horizon]] = []
    period_spans: list[tuple[int, int]] = []
    for m in PERIOD_RE.finditer(text):
        # 每年 recurs within the plan's horizon, so it keeps the year already in force.
        year = horizon.year if m.group() == "每年" else None
        found.append((m.start(), Horizon(year=year, period=m.group())))
        period_spans.append((m.start(), m.end()))
    for m in YEAR_SPAN_RE.finditer(text):
        found.append((m.start(), Horizon(year=int(normalise_digits(m["y"])), period=None)))
    for m in PLAN_END_RE.finditer(text):
        found.append((m.start(), Horizon(year=_FIVE_YEAR_PLANS[m["plan"]], period=None)))
    for m in YEAR_RE.finditer(text):
        # 2015年的55%提高到2020年的65%: only the year reached (到…年的) is a horizon.
        is_base = m["next"] and not (m["next"] == "的" and m["pre"])
        if any(s <= m.start("y") < e for s, e in period_spans) or is_base:
            continue
        before = text[: m.start()].rstrip()
        if before.endswith(("截至", "截止", "截止到")) or (m["pre"] and before.endswith("截")):
            continue
        bare_head = _HEAD_FILLER_RE.sub("", before) == ""
        if m["pre"] or m["post"] or bare_head or m["verb"] is not None:
            found.append((m.start(), Horizon(year=int(normalise_digits(m["y"])), period=None)))
    if not found:
        return horizon
    found.sort(key=lambda item: item[0])
    return found[-1][1]


def head_of(clause: str) -> int:
    """Return the offset where a clause's subject starts, past fillers and horizon phrases."""
    pos = 0
    while True:
        filler = _HEAD_FILLER_RE.match(clause, pos)
        if filler is not None and filler.end() > pos:
            pos = filler.end()
            continue
        period = PERIOD_RE.match(clause, pos)
        if period is not None:
            pos = period.end()
            continue
        year = YEAR_RE.match(clause, pos)
        if year is not None and year.group().strip() and not year["next"]:
            pos = year.end()
            continue
        return pos


def find_scope(clause: str, head_start: int) -> Scope | None:
    """Return the scope named at clause[head_start:] (全省, 农村地区, 市、区（县级市）两级)."""
    head = clause[head_start:]
    best = ""
    for pattern in _SCOPE_PATTERNS:
        m = pattern.match(head)
        if m is not None and len(m.group()) > len(best):
            best = m.group()
    if not best or len(best) == len(head):
        return None
    return Scope(text=best, is_carried=_WHOLE_SCOPE_RE.match(best) is None)
