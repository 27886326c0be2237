"""The numbers of a clause that can state a commitment, each with its unit and comparator."""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from luoshi.core.numerals import parse_number, split_unit, to_plain
from luoshi.parsing.model import Comparator
from luoshi.parsing.targets.lexicon import (
    BARE_COUNT_RE,
    BASELINE_AFTER_RE,
    BASELINE_BEFORE_RE,
    BASELINE_NOTE_RE,
    BLANK_RE,
    CHINESE_NUMBER_RE,
    CONDITION_HEAD_RE,
    COUNT_UNITS,
    CURRENT_STATE_RE,
    DIGIT_RE,
    DOUBLING_RE,
    DURATION_UNITS,
    EXCEPTION_SPAN_RE,
    FIELD_COUNT_AFTER_RE,
    GAP_RE,
    MONEY_PARAMETER_RE,
    NUMBER_RE,
    OBJECT_HEAD_RE,
    PACKAGE_AFTER_RE,
    PACKAGE_VERB_RE,
    PARAMETER_RE,
    PERCENT_PARAMETER_RE,
    PERCENT_UNITS,
    PLACE_AFTER_COUNT_RE,
    PLACE_COUNT_ROLE_RE,
    POST_COMPARATOR,
    POST_QUALIFIER_RE,
    PRE_COMPARATOR,
    PRE_COMPARATOR_RE,
    SETTING_RE,
    SHARE_HEAD_RE,
    TENTHS_RE,
    TIME_NUMBER_RE,
    WORD_WINDOW,
)

_SHORT_QUOTE = 10
# A bracketed note or quoted name around a number is short.
_NOTE_WINDOW = 40
# 第3, 前100名, 在3个区: an ordinal, a rank or a place, not an amount.
_SKIP_BEFORE = frozenset("第前后在于")


@dataclass(frozen=True)
class Number:
    """One number with its unit inside a clause; offsets are relative to the clause."""

    start: int
    end: int
    value: Decimal | None
    value_min: Decimal | None
    unit: str
    pre: Comparator | None
    comparator: Comparator | None

    @property
    def is_percent(self) -> bool:
        """Return whether the number is a percentage or percentage points."""
        return self.unit in PERCENT_UNITS


def with_comparator(number: Number, comparator: Comparator) -> Number:
    """Return the number with a comparator inherited from its list."""
    return replace(number, comparator=comparator)


def find_numbers(clause: str, lo: int, hi: int, head_start: int) -> list[Number]:
    """Return the numbers of clause[lo:hi] that can be commitments, in textual order."""
    body = clause[lo:hi]
    head = clause[head_start:hi]
    if (
        (CONDITION_HEAD_RE.match(head) and not OBJECT_HEAD_RE.match(clause, head_start))
        or SETTING_RE.match(body)
        or body.endswith("的")
        or CURRENT_STATE_RE.search(body)
        or PARAMETER_RE.search(body)
    ):
        return []
    found: list[Number] = []
    has_digit = DIGIT_RE.search(clause, lo, hi) is not None
    for m in NUMBER_RE.finditer(clause, lo, hi) if has_digit else ():
        number = _arabic(clause, lo, m)
        if number is not None:
            found.append(number)
    if has_digit and ("万" in body or "亿" in body):
        for m in BARE_COUNT_RE.finditer(clause, lo, hi):
            number = _bare_count(clause, lo, m)
            if number is not None:
                found.append(number)
    for m in CHINESE_NUMBER_RE.finditer(clause, lo, hi):
        value = parse_number(m["num"])
        if value is not None and value >= 2:
            multiplier, unit = split_unit(m["unit"])
            found.append(
                _finish(clause, lo, m.start("num"), m.end(), value=value * multiplier, unit=unit)
            )
    for m in TIME_NUMBER_RE.finditer(clause, lo, hi) if has_digit else ():
        value = parse_number(m["num"])
        if value is not None:
            found.append(_finish(clause, lo, m.start("num"), m.end(), value=value, unit=m["unit"]))
    for m in TENTHS_RE.finditer(clause, lo, hi):
        tenths = parse_number(m["num"])
        if tenths is not None:
            found.append(_finish(clause, lo, m.start("num"), m.end(), value=tenths * 10, unit="%"))
    for m in DOUBLING_RE.finditer(clause, lo, hi):
        times = parse_number(m["num"])
        if times is not None:
            found.append(
                _finish(clause, lo, m.start(), m.end(), value=Decimal(2 ** int(times)), unit="倍")
            )
    has_gap = GAP_RE.search(clause, lo, hi) is not None
    for m in BLANK_RE.finditer(clause, lo, hi) if has_gap else ():
        _, unit = split_unit((m["mult"] or "") + m["unit"])
        found.append(_finish(clause, lo, m.start("gap"), m.end(), value=None, unit=unit))
    is_share = SHARE_HEAD_RE.match(head) is not None
    exceptions = (
        [m.span() for m in EXCEPTION_SPAN_RE.finditer(clause, lo, hi)] if "除" in body else []
    )
    found = [
        n
        for n in found
        if not _is_parameter(body, n)
        and not (n.pre is None and (is_share or (n.unit in DURATION_UNITS and not n.comparator)))
        and not _in_short_quote(clause, n)
        and not any(s <= n.start < e for s, e in exceptions)
        and not _is_place_count(clause, n, hi)
        and not _names_package(clause, n, lo)
        and not (n.unit == "个" and FIELD_COUNT_AFTER_RE.match(clause, n.end) is not None)
        and BASELINE_NOTE_RE.search(clause, max(lo, n.start - _NOTE_WINDOW), n.start) is None
    ]
    found.sort(key=lambda n: n.start)
    return found


def _arabic(clause: str, lo: int, m: re.Match[str]) -> Number | None:
    before = clause[max(lo, m.start() - WORD_WINDOW) : m.start()]
    if before and before[-1] in _SKIP_BEFORE and PRE_COMPARATOR_RE.search(before) is None:
        return None
    value = parse_number(m["num"])
    if value is None:
        return None
    multiplier, unit = split_unit((m["mult"] or "") + m["unit"])
    value_min = None
    if m["lo"]:
        low = parse_number(m["lo"])
        low_unit = (m["lomult"] or m["mult"] or "") + (m["lounit"] or m["unit"])
        value_min = None if low is None else to_plain(low * split_unit(low_unit)[0])
    after = POST_QUALIFIER_RE.match(clause, m.end())
    end = after.end() if after is not None and after["q"] else m.end()
    if clause.startswith("的", end) and unit not in COUNT_UNITS and unit not in PERCENT_UNITS:
        return None
    if BASELINE_BEFORE_RE.search(before) and BASELINE_AFTER_RE.match(clause, end):
        return None
    return _finish(
        clause,
        lo,
        m.start(),
        m.end(),
        value=value * multiplier,
        unit=unit,
        value_min=value_min,
        is_more_than=bool(m["approx"]),
    )


def _bare_count(clause: str, lo: int, m: re.Match[str]) -> Number | None:
    """Return a count without a measure word (减少60万以上) when a comparator marks it."""
    before = clause[max(lo, m.start() - WORD_WINDOW) : m.start()]
    if before and before[-1] in _SKIP_BEFORE and PRE_COMPARATOR_RE.search(before) is None:
        return None
    value = parse_number(m["num"] + m["mult"])
    if value is None:
        return None
    after = POST_QUALIFIER_RE.match(clause, m.end())
    end = after.end() if after is not None and after["q"] else m.end()
    if BASELINE_BEFORE_RE.search(before) and BASELINE_AFTER_RE.match(clause, end):
        return None
    number = _finish(clause, lo, m.start(), m.end(), value=value, unit="")
    return number if number.comparator is not None else None


def _finish(
    clause: str,
    lo: int,
    start: int,
    end: int,
    *,
    value: Decimal | None,
    unit: str,
    value_min: Decimal | None = None,
    is_more_than: bool = False,
) -> Number:
    pre_match = PRE_COMPARATOR_RE.search(clause, max(lo, start - WORD_WINDOW), start)
    pre = PRE_COMPARATOR[pre_match["word"]] if pre_match is not None else None
    after = POST_QUALIFIER_RE.match(clause, end)
    qualifier = after["q"] if after is not None else None
    post = POST_COMPARATOR.get(qualifier) if qualifier else None
    comparator: Comparator | None
    if value_min is not None:
        comparator = "range"
    elif "~" in (pre, post):
        comparator = "~"
    elif is_more_than:
        # 100余家, 100多个
        comparator = ">"
    elif post is not None:
        comparator = pre if (pre, post) in ((">", ">="), ("<", "<=")) else post
    else:
        comparator = pre
    if after is not None and qualifier:
        end = after.end()
    return Number(
        start=start,
        end=end,
        value=None if value is None else to_plain(value),
        value_min=value_min,
        unit=unit,
        pre=pre,
        comparator=comparator,
    )


def _is_parameter(body: str, number: Number) -> bool:
    if number.unit in ("元", "美元"):
        return MONEY_PARAMETER_RE.search(body) is not None
    if number.is_percent:
        return PERCENT_PARAMETER_RE.search(body) is not None
    return False


def _is_place_count(clause: str, number: Number, hi: int) -> bool:
    """Return whether number counts places named as where or who (14个市州…所在地)."""
    return (
        number.unit == "个"
        and number.pre is None
        and PLACE_AFTER_COUNT_RE.match(clause, number.end) is not None
        and PLACE_COUNT_ROLE_RE.search(clause, number.end, hi) is not None
    )


def _names_package(clause: str, number: Number, lo: int) -> bool:
    """Return whether number counts the measures of a package carried out (落实…90条措施)."""
    return (
        number.unit in ("条", "项")
        and PACKAGE_AFTER_RE.match(clause, number.end - 1) is not None
        and PACKAGE_VERB_RE.search(clause, lo, number.start) is not None
    )


def _in_short_quote(clause: str, number: Number) -> bool:
    """Return whether the number sits in a short quoted name such as “5个100”工程."""
    opening = clause.rfind("“", max(0, number.start - _NOTE_WINDOW), number.start)
    if opening < 0 or "”" in clause[opening : number.start]:
        return False
    closing = clause.find("”", number.start)
    return closing >= 0 and closing - opening - 1 <= _SHORT_QUOTE
