"""The scorer: multiset precision/recall/F1 and one-to-one target matching."""

from pathlib import Path
from typing import Any

import pytest

from luoshi.parsing.evaluate import (
    Score,
    format_table,
    main,
    match_targets,
    micro_average,
    score_multiset,
    score_plan,
    source_of,
)

GOLDEN = Path(__file__).resolve().parent / "golden"


def _task(path: str, units: list[str], leads: list[str]) -> dict[str, Any]:
    return {"path": path, "units": units, "lead_units": leads}


def test_score_ratios() -> None:
    score = Score(tp=3, fp=1, fn=2)
    assert (score.precision, score.recall) == (0.75, 0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert (Score().precision, Score().recall, Score().f1) == (1.0, 1.0, 1.0)


def test_multiset_counts_repeated_pairs() -> None:
    assert score_multiset(["a", "a", "b"], ["a", "c"]) == Score(tp=1, fp=1, fn=2)


def test_targets_match_one_to_one_in_order_on_path_value_unit_year() -> None:
    want = [
        {"task_path": "一", "value": 98, "unit": "%", "year": 2020, "comparator": ">="},
        {"task_path": "一", "value": 98, "unit": "%", "year": 2020, "comparator": ">"},
    ]
    got = [{"task_path": "一", "value": 98.0, "unit": "%", "year": 2020, "comparator": ">"}]
    assert match_targets(want, got) == [(want[0], got[0])]


def test_score_plan_counts_tasks_units_leads_and_target_accuracy() -> None:
    expected = {
        "tasks": [_task("一", ["甲", "乙"], ["甲"]), _task("二", ["丙"], ["丙"])],
        "targets": [
            {
                "task_path": "一",
                "value": 1,
                "unit": "个",
                "year": None,
                "comparator": ">=",
                "scope": "全省",
            }
        ],
    }
    predicted = {
        "tasks": [_task("一", ["甲"], ["乙"]), _task("三", ["丙"], ["丙"])],
        "targets": [
            {
                "task_path": "一",
                "value": 1,
                "unit": "个",
                "year": None,
                "comparator": "~",
                "scope": "全省",
            }
        ],
    }
    score = score_plan("doc", expected, predicted)
    assert score.tasks == Score(tp=1, fp=1, fn=1)
    assert score.units == Score(tp=1, fp=1, fn=2)
    assert score.leads == Score(tp=0, fp=2, fn=2)
    assert score.targets == Score(tp=1, fp=0, fn=0)
    assert (score.comparator_accuracy, score.scope_accuracy) == (0.0, 1.0)
    total = micro_average([score, score])
    assert total.tasks == Score(tp=2, fp=2, fn=2)
    assert "micro" in format_table([score])


def test_source_sits_beside_the_expected_file() -> None:
    assert source_of(Path("a/b.expected.json")) == Path("a/b.txt")


def test_main_scores_the_golden_documents_perfectly(capsys: pytest.CaptureFixture[str]) -> None:
    paths = sorted(str(p) for p in GOLDEN.glob("*.expected.json"))
    assert main(paths) == 0
    micro = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("micro"))
    assert micro.split()[1:13] == ["1.000"] * 12
