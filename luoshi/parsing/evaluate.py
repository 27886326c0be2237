"""Score parsed plans against expected JSON: precision, recall and F1 per document and overall.

`python -m luoshi.parsing.evaluate EXPECTED.json...` parses the `.txt` beside each
`<stem>.expected.json` and prints one row per document and a micro-averaged row for tasks
(by path), units ((path, unit) multiset), lead units ((path, lead) multiset) and targets
(task_path, value, unit and year equal; matched one to one, greedily in order), with the
comparator and scope accuracy over matched targets.
"""

import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from luoshi.parsing.pipeline import parse_file
from luoshi.parsing.sources import SourceError

EXPECTED_SUFFIX = ".expected.json"


@dataclass(frozen=True)
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Return tp / (tp + fp); 1.0 when nothing was predicted or expected."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        """Return tp / (tp + fn); 1.0 when nothing was expected or predicted."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class DocumentScore:
    """The scores of one document (or the sum over several)."""

    name: str
    tasks: Score
    units: Score
    leads: Score
    targets: Score
    matched_targets: int = 0
    comparator_correct: int = 0
    scope_correct: int = 0

    @property
    def comparator_accuracy(self) -> float | None:
        """Return the share of matched targets with the expected comparator."""
        return self.comparator_correct / self.matched_targets if self.matched_targets else None

    @property
    def scope_accuracy(self) -> float | None:
        """Return the share of matched targets with the expected scope."""
        return self.scope_correct / self.matched_targets if self.matched_targets else None


def score_multiset(expected: Iterable[Hashable], predicted: Iterable[Hashable]) -> Score:
    """Return the score of predicted items against expected ones, counted as multisets."""
    want, got = Counter(expected), Counter(predicted)
    tp = sum((want & got).values())
    return Score(tp=tp, fp=sum(got.values()) - tp, fn=sum(want.values()) - tp)


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


def _target_key(target: dict[str, Any]) -> tuple[Any, ...]:
    return (
        target.get("task_path"),
        _number(target.get("value")),
        target.get("unit"),
        target.get("year"),
    )


def match_targets(
    expected: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Return (expected, predicted) target pairs matched one to one, greedily in order."""
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for want in expected:
        key = _target_key(want)
        for index, got in enumerate(predicted):
            if index not in used and _target_key(got) == key:
                used.add(index)
                pairs.append((want, got))
                break
    return pairs


def score_plan(name: str, expected: dict[str, Any], predicted: dict[str, Any]) -> DocumentScore:
    """Return the scores of one predicted plan dict against its expected dict."""
    want_tasks = expected.get("tasks", [])
    got_tasks = predicted.get("tasks", [])
    want_targets = expected.get("targets", [])
    got_targets = predicted.get("targets", [])
    pairs = match_targets(want_targets, got_targets)
    matched = len(pairs)
    return DocumentScore(
        name=name,
        tasks=score_multiset((t["path"] for t in want_tasks), (t["path"] for t in got_tasks)),
        units=score_multiset(
            ((t["path"], u) for t in want_tasks for u in t.get("units", [])),
            ((t["path"], u) for t in got_tasks for u in t.get("units", [])),
        ),
        leads=score_multiset(
            ((t["path"], u) for t in want_tasks for u in t.get("lead_units", [])),
            ((t["path"], u) for t in got_tasks for u in t.get("lead_units", [])),
        ),
        targets=Score(tp=matched, fp=len(got_targets) - matched, fn=len(want_targets) - matched),
        matched_targets=matched,
        comparator_correct=sum(1 for w, g in pairs if w.get("comparator") == g.get("comparator")),
        scope_correct=sum(1 for w, g in pairs if w.get("scope") == g.get("scope")),
    )


def micro_average(scores: Sequence[DocumentScore]) -> DocumentScore:
    """Return the sum of the documents' counts, whose ratios are the micro-averages."""
    total = DocumentScore("micro", Score(), Score(), Score(), Score())
    for score in scores:
        total = DocumentScore(
            "micro",
            total.tasks + score.tasks,
            total.units + score.units,
            total.leads + score.leads,
            total.targets + score.targets,
            total.matched_targets + score.matched_targets,
            total.comparator_correct + score.comparator_correct,
            total.scope_correct + score.scope_correct,
        )
    return total


def _prf(score: Score) -> str:
    return f"{score.precision:5.3f} {score.recall:5.3f} {score.f1:5.3f}"


def _ratio(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.3f}"


def format_table(scores: Sequence[DocumentScore]) -> str:
    """Return the scores as a fixed-width table with a micro-average row."""
    width = max([len(s.name) for s in scores] + [8])
    head = (
        f"{'document':<{width}}  {'tasks P/R/F1':<17}  {'units P/R/F1':<17}  "
        f"{'leads P/R/F1':<17}  {'targets P/R/F1':<17}  cmp   scope"
    )
    rows = [head, "-" * len(head)]
    for score in [*scores, micro_average(scores)]:
        rows.append(
            f"{score.name:<{width}}  {_prf(score.tasks)}  {_prf(score.units)}  "
            f"{_prf(score.leads)}  {_prf(score.targets)}  "
            f"{_ratio(score.comparator_accuracy)} {_ratio(score.scope_accuracy)}"
        )
    return "\n".join(rows)


def source_of(expected_path: Path) -> Path:
    """Return the .txt document that an expected file describes."""
    name = expected_path.name
    stem = name[: -len(EXPECTED_SUFFIX)] if name.endswith(EXPECTED_SUFFIX) else expected_path.stem
    return expected_path.with_name(f"{stem}.txt")


def main(argv: list[str] | None = None) -> int:
    """Score the parser on the expected files given; print the table."""
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        sys.stderr.write("usage: python -m luoshi.parsing.evaluate EXPECTED.json..." + "\n")
        return 2
    scores: list[DocumentScore] = []
    for path in paths:
        try:
            expected = json.loads(path.read_text(encoding="utf-8"))
            predicted = parse_file(source_of(path)).to_dict()
        except (OSError, json.JSONDecodeError, SourceError) as error:
            sys.stderr.write(f"错误：无法评估 {path} / error: cannot score {path}: {error}" + "\n")
            return 2
        scores.append(score_plan(source_of(path).stem, expected, predicted))
    sys.stdout.write(format_table(scores) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
