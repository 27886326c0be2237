"""Golden files: the three development documents against their hand-made expected parses."""

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.parsing.model import Plan
from luoshi.parsing.pipeline import parse_file

GOLDEN = Path(__file__).resolve().parent / "golden"
DOCUMENTS = sorted(p.name.removesuffix(".expected.json") for p in GOLDEN.glob("*.expected.json"))
TASK_FIELDS = (
    "title",
    "units",
    "lead_units",
    "lead_explicit",
    "generic_units",
    "responsibility_text",
)


def _expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{stem}.expected.json").read_text("utf-8"))
    return data


def _parsed(stem: str) -> dict[str, Any]:
    plan: Plan = parse_file(GOLDEN / f"{stem}.txt")
    return plan.to_dict()


def test_the_three_documents_are_present() -> None:
    assert DOCUMENTS == [
        "gansu-2017-mobile-internet",
        "guangzhou-talent-program",
        "state-council-2018-farm-machinery",
    ]


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_task_paths_are_exactly_the_expected_ones_in_order(stem: str) -> None:
    got = [t["path"] for t in _parsed(stem)["tasks"]]
    assert got == [t["path"] for t in _expected(stem)["tasks"]]


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_task_fields_equal_the_expected_ones(stem: str) -> None:
    got = {t["path"]: t for t in _parsed(stem)["tasks"]}
    for want in _expected(stem)["tasks"]:
        for name in TASK_FIELDS:
            assert got[want["path"]][name] == want[name], (want["path"], name)


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_metadata_equals_the_expected_metadata(stem: str) -> None:
    got, want = _parsed(stem), _expected(stem)
    assert (got["title"], got["issuer"], got["doc_number"], got["date"]) == (
        want["title"],
        want["issuer"],
        want["doc_number"],
        want["date"],
    )


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_outline_holds_every_expected_entry(stem: str) -> None:
    got = [(o["path"], o["title"]) for o in _parsed(stem)["outline"]]
    want = [(o["path"], o["title"]) for o in _expected(stem).get("outline", [])]
    assert [entry for entry in got if entry in want] == want


def test_gansu_has_25_tasks_with_238_unit_mentions_in_order() -> None:
    plan = parse_file(GOLDEN / "gansu-2017-mobile-internet.txt")
    mentions = [unit for task in plan.tasks for unit in task.units]
    expected = [u for t in _expected("gansu-2017-mobile-internet")["tasks"] for u in t["units"]]
    assert len(plan.tasks) == 25
    assert len(mentions) == 238
    assert mentions == expected


def test_gansu_leads_are_inferred_with_one_warning_for_the_document() -> None:
    plan = parse_file(GOLDEN / "gansu-2017-mobile-internet.txt")
    inferred = [w for w in plan.warnings if "lead units are not marked" in w]
    assert len(inferred) == 1
    assert not any(task.lead_explicit for task in plan.tasks)


def test_guangzhou_outline_runs_item_numbers_on_across_all_levels() -> None:
    plan = parse_file(GOLDEN / "guangzhou-talent-program.txt")
    items = [o.path for o in plan.outline if o.path.split("/")[-1].isdigit()]
    assert [int(p.split("/")[-1]) for p in items] == list(range(1, 46))
    assert items[0] == "一/1"
    assert items[1] == "二/（一）/2"
    assert items[-1] == "五/45"


def test_guangzhou_goal_statement_is_not_a_task() -> None:
    plan = parse_file(GOLDEN / "guangzhou-talent-program.txt")
    assert "一/1" not in [task.path for task in plan.tasks]
    assert len(plan.tasks) == 44


def test_state_council_task_text_has_no_responsibility_list() -> None:
    plan = parse_file(GOLDEN / "state-council-2018-farm-machinery.txt")
    first = plan.tasks[0]
    assert first.text.startswith("完善农机装备创新体系。瞄准农业机械化需求")
    assert first.text.endswith("促进农机装备领域高新技术产业发展。")
    assert "负责" not in first.text[-30:]
    assert first.level == "item"
