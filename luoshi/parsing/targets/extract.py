"""Find the quantified targets an outline item commits to, clause by clause."""

import itertools
import re
from dataclasses import dataclass, field

from luoshi.core.numerals import normalise_digits
from luoshi.parsing.model import Comparator, Span, Target
from luoshi.parsing.targets.candidates import Number, find_numbers, with_comparator
from luoshi.parsing.targets.context import (
    Horizon,
    clause_bounds,
    find_scope,
    head_of,
    sentence_bounds,
    split_bounds,
    update_horizon,
)
from luoshi.parsing.targets.indicator import expand_subjects, indicator_for, leading_verb
from luoshi.parsing.targets.lexicon import (
    DISTRIBUTIVE_RE,
    HISTORICAL_RE,
    ITEM_COUNT_RE,
    LEAD_IN_YEAR_RE,
    MAYBE_TARGET_RE,
    PIECE_SEP_RE,
    PRE_COMPARATOR_RE,
    WORD_WINDOW,
    YEAR_LIST_RE,
)

_PARAGRAPH_RE = re.compile(r"\n")
# An outline marker opening a paragraph (二、 （三） 5. ⑵) is a label, not a quantity.
_MARKER_RE = re.compile(
    r"(?m)^[ \t\u3000]*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]"
    r"|[0-9０-９]{1,3}[.．、](?![0-9０-９])|[（(][0-9０-９]{1,3}[）)]|[①-⑳⑴-⒇])"
)


@dataclass(frozen=True)
class _Piece:
    """The span of a clause that states one target; offsets are relative to the clause."""

    start: int
    end: int
    indicator: str
    number: Number


@dataclass(frozen=True)
class _Bounds:
    """A clause's text without stray quotation marks [lo, hi), and where its subject starts."""

    lo: int
    hi: int
    head: int


@dataclass
class _Sentence:
    """What later clauses of a sentence inherit from earlier ones."""

    carried_scope: str | None = None
    indicator: str = ""
    verb: str = ""
    pre: Comparator | None = None


@dataclass
class _Findings:
    task_path: str | None
    default_scope: str | None
    targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def warn(self, chinese: str, english: str) -> None:
        where = self.task_path or "-"
        self.warnings.append(f"{where}：{chinese} / {where}: {english}")


def find_targets(
    text: str,
    *,
    task_path: str | None,
    default_scope: str | None,
    default_year: int | None = None,
) -> tuple[list[Target], list[str]]:
    """Return the targets stated in one outline item's text, and warnings.

    default_year is the year a heading above states (一、2025年主要预期目标); a paragraph
    starts from it until it states a year or period of its own.
    """
    findings = _Findings(task_path=task_path, default_scope=default_scope)
    if MAYBE_TARGET_RE.search(text) is None:
        return findings.targets, findings.warnings
    masked = _MARKER_RE.sub(lambda m: " " * len(m.group()), text)
    masked = ITEM_COUNT_RE.sub(lambda m: " " * len(m.group()), masked)
    for para_start, para_end in split_bounds(masked, 0, len(masked), _PARAGRAPH_RE):
        # A year or period stated in a paragraph holds until the paragraph ends, so a
        # paragraph without a number has nothing to give or take — except a lead-in that
        # opens a sentence with its horizon (（二）发展目标。到2025年，初步建成…), whose year
        # the item's later paragraphs inherit.
        if MAYBE_TARGET_RE.search(masked, para_start, para_end) is None:
            continue
        horizon = Horizon(year=default_year)
        found_before = len(findings.targets)
        for sent_start, sent_end in sentence_bounds(masked, para_start, para_end):
            horizon = _read_sentence(masked, sent_start, sent_end, horizon, findings)
        lead_in = LEAD_IN_YEAR_RE.search(masked, para_start, para_end)
        if lead_in is not None and len(findings.targets) == found_before:
            default_year = int(normalise_digits(lead_in["y"]))
    return findings.targets, findings.warnings


def _read_sentence(
    text: str, sent_start: int, sent_end: int, horizon: Horizon, findings: _Findings
) -> Horizon:
    if MAYBE_TARGET_RE.search(text, sent_start, sent_end) is None:
        if "年" not in text[sent_start:sent_end] and "五" not in text[sent_start:sent_end]:
            return horizon
        for clause_start, clause_end in clause_bounds(text, sent_start, sent_end):
            horizon = update_horizon(horizon, text[clause_start:clause_end])
        return horizon
    is_historical = HISTORICAL_RE.search(text, sent_start, sent_end) is not None
    sentence = _Sentence()
    for clause_start, clause_end in clause_bounds(text, sent_start, sent_end):
        clause = text[clause_start:clause_end]
        horizon = update_horizon(horizon, clause)
        lo, hi = _quote_trim(clause)
        head = lo + head_of(clause[lo:hi])
        scope = find_scope(clause, head)
        if scope is not None:
            sentence.carried_scope = scope.text if scope.is_carried else None
        clause_scope = scope.text if scope is not None else sentence.carried_scope
        clause_scope = clause_scope or findings.default_scope
        if is_historical or MAYBE_TARGET_RE.search(clause) is None:
            continue
        numbers = find_numbers(clause, lo, hi, head)
        if not numbers:
            continue
        bounds = _Bounds(lo, hi, head)
        pieces = _distributive(clause, bounds, numbers, scope=clause_scope, findings=findings)
        horizons = [horizon] * len(pieces or ())
        if pieces is None:
            pieces = _pieces(clause, bounds, numbers, sentence=sentence, scope=clause_scope)
            horizons = [horizon] * len(pieces)
        elif len(pieces) == 2 and pieces[0].indicator == pieces[1].indicator:
            # 到2023年底和2030年，…分别不低于24%和30%: one value for each year, in order.
            years = YEAR_LIST_RE.search(text, sent_start, clause_start + bounds.head)
            if years is not None:
                horizons = [
                    Horizon(year=int(normalise_digits(years[g])), period=None) for g in "ab"
                ]
        for raw_piece, piece_horizon in zip(pieces, horizons, strict=True):
            # 2017年建成80家, 超过100亿元: a clause without a subject measures the last one.
            piece = raw_piece
            if not piece.indicator:
                indicator = sentence.indicator or clause[piece.start : piece.end]
                piece = _Piece(piece.start, piece.end, indicator, piece.number)
            sentence.indicator = piece.indicator
            _add_target(
                clause,
                clause_start,
                piece,
                horizon=piece_horizon,
                scope=clause_scope,
                findings=findings,
            )
            sentence.verb = leading_verb(clause[piece.start : piece.end], clause_scope) or (
                sentence.verb
            )
            sentence.pre = piece.number.pre or sentence.pre
    return horizon


def _add_target(
    clause: str,
    clause_start: int,
    piece: _Piece,
    *,
    horizon: Horizon,
    scope: str | None,
    findings: _Findings,
) -> None:
    number = piece.number
    text = clause[piece.start : piece.end]
    findings.targets.append(
        Target(
            text=text,
            indicator=piece.indicator,
            value=number.value,
            # 减少60万以上 names no measure word: the unit is left out, not guessed.
            unit=number.unit or None,
            comparator=number.comparator or ">=",
            year=horizon.year,
            value_min=number.value_min,
            period=horizon.period,
            scope=scope,
            task_path=findings.task_path,
            span=Span(clause_start + piece.start, clause_start + piece.end),
        )
    )
    if number.value is None:
        findings.warn(f"目标数值空缺：“{text}”", f"the target value is blank: “{text}”")


def _quote_trim(clause: str) -> tuple[int, int]:
    """Return the bounds of a clause without a quotation mark left open by a neighbour."""
    lo, hi = 0, len(clause)
    opening = clause.rfind("“")
    if opening >= 0 and "”" not in clause[opening:]:
        lo = opening + 1
    closing = clause.find("”")
    if closing >= 0 and "“" not in clause[:closing]:
        hi = closing
    while lo < hi and clause[lo].isspace():
        lo += 1
    while hi > lo and clause[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _distributive(
    clause: str, bounds: _Bounds, numbers: list[Number], *, scope: str | None, findings: _Findings
) -> list[_Piece] | None:
    """Expand 马铃薯种植、收获机械化率均达到45% into one target per listed subject."""
    lo, hi = bounds.lo, bounds.hi
    m = DISTRIBUTIVE_RE.search(clause, lo, hi)
    if m is None:
        return None
    values = [n for n in numbers if n.start >= m.start()]
    subject_start = bounds.head
    if scope and clause.startswith(scope, subject_start):
        subject_start += len(scope)
    subject = clause[subject_start : m.start()].rstrip().removesuffix("总体")
    subjects = expand_subjects(subject)
    if not values or (len(subjects) < 2 and len(values) < 2):
        return None
    if len(subjects) < 2:
        # 城乡居民人均可支配收入分别增长8.1%、9.9%: the subjects are fused; keep them so.
        pairs = [(subject, v) for v in values]
    elif m["kw"] != "分别" or len(values) == 1:
        pairs = [(s, values[0]) for s in subjects]
    elif len(values) == len(subjects):
        pairs = list(zip(subjects, values, strict=True))
    else:
        findings.warn(
            f"“分别”列出{len(subjects)}项而有{len(values)}个数值：“{clause[lo:hi]}”",
            f"分别 lists {len(subjects)} subjects but {len(values)} values",
        )
        return None
    pre = values[0].pre
    return [
        _Piece(lo, hi, s, n if n.comparator or pre is None else with_comparator(n, pre))
        for s, n in pairs
    ]


def _pieces(
    clause: str,
    bounds: _Bounds,
    numbers: list[Number],
    *,
    sentence: _Sentence,
    scope: str | None,
) -> list[_Piece]:
    """Split a clause listing several numbers (选拔100名…、200名…) into one piece per number."""
    lo, hi = bounds.lo, bounds.hi
    starts = [lo]
    ends: list[int] = []
    for previous, number in itertools.pairwise(numbers):
        # 专家10名、名校长100名: the list item ends at its number; 200名A、2000名B: it
        # ends at the last separator before the next number.
        adjacent = PIECE_SEP_RE.match(clause, previous.end, number.start)
        separators = list(PIECE_SEP_RE.finditer(clause, previous.end, number.start))
        if adjacent is not None or separators:
            sep = adjacent or separators[-1]
            ends.append(sep.start())
            starts.append(sep.end())
        else:
            word = PRE_COMPARATOR_RE.search(
                clause, max(previous.end, number.start - WORD_WINDOW), number.start
            )
            cut = word.start() if word is not None else number.start
            ends.append(cut)
            starts.append(cut)
    ends.append(hi)
    # A clause that opens with its number (60名在全省…) continues the previous clause's list.
    body_head = bounds.head
    opens_with_number = numbers[0].start <= body_head or (
        PRE_COMPARATOR_RE.fullmatch(clause, body_head, numbers[0].start) is not None
    )
    verb = sentence.verb if opens_with_number else ""
    pre = sentence.pre if opens_with_number else None
    pieces: list[_Piece] = []
    for index, (raw_start, raw_end, raw_number) in enumerate(
        zip(starts, ends, numbers, strict=True)
    ):
        start, end = _strip_quotes(clause, raw_start, raw_end)
        text = clause[start:end]
        own_verb = leading_verb(text, scope)
        is_continuation = index > 0 or opens_with_number
        number = raw_number
        if number.comparator is None and is_continuation and pre is not None:
            number = with_comparator(number, pre)
        inherited = verb if is_continuation and not own_verb and not number.is_percent else ""
        indicator = indicator_for(
            text,
            number.start - start,
            number.end - start,
            scope=scope,
            verb=inherited,
            is_percent=number.is_percent,
        )
        pieces.append(_Piece(start, end, indicator, number))
        verb = own_verb or verb
        pre = number.pre or pre
    return pieces


def _strip_quotes(clause: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds without surrounding space and unmatched quotation marks."""
    while start < end and (clause[start].isspace() or clause[start] == "“"):
        if clause[start] == "“" and "”" in clause[start:end]:
            break
        start += 1
    while end > start and (clause[end - 1].isspace() or clause[end - 1] == "”"):
        if clause[end - 1] == "”" and "“" in clause[start : end - 1]:
            break
        end -= 1
    return start, end
