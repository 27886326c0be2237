from datetime import date
from decimal import Decimal

from luoshi.plans import plan_data


def test_normalize_fills_keys_the_golden_files_lack() -> None:
    plan = plan_data.normalize_plan(
        {
            "title": "T",
            "issuer": ["甲"],
            "doc_number": None,
            "date": "2017-08-02",
            "outline": [{"path": "一", "title": "总体"}],
            "tasks": [
                {"path": "一", "title": "总体", "units": ["省甲厅"], "lead_units": ["省甲厅"]}
            ],
            "targets": [{"text": "x", "indicator": "y", "value": 1, "unit": "个", "year": 2020}],
            "notes": None,
        }
    )
    assert plan["tasks"][0]["text"] == ""
    assert plan["tasks"][0]["level"] == "item"
    assert plan["tasks"][0]["lead_explicit"] is False
    assert plan["targets"][0]["comparator"] == ">="
    assert plan["targets"][0]["task_path"] is None
    assert plan["warnings"] == []
    assert "notes" not in plan


def test_unit_names_in_first_seen_order() -> None:
    plan = {"tasks": [{"units": ["乙", "甲"]}, {"units": ["甲", "丙"]}]}
    assert plan_data.unit_names(plan) == ["乙", "甲", "丙"]


def test_deadline_date_takes_the_last_day_of_the_period() -> None:
    assert plan_data.deadline_date("2020") == date(2020, 12, 31)
    assert plan_data.deadline_date("2020-02") == date(2020, 2, 29)
    assert plan_data.deadline_date("2019-06-15") == date(2019, 6, 15)
    assert plan_data.deadline_date("年底前") is None
    assert plan_data.deadline_date(None) is None


def test_to_decimal_avoids_float_noise() -> None:
    assert plan_data.to_decimal(98.6) == Decimal("98.6")
    assert plan_data.to_decimal(60000) == Decimal(60000)
    assert plan_data.to_decimal(None) is None
    assert plan_data.to_decimal("abc") is None


def test_section_items_exclude_tasks_and_their_children() -> None:
    plan = {
        "outline": [
            {"path": "一", "title": "总体"},
            {"path": "一/（一）", "title": "甲"},
            {"path": "一/（一）/1", "title": "甲的措施"},
            {"path": "二", "title": "乙部分"},
        ],
        "tasks": [{"path": "一/（一）"}],
    }
    assert [s["path"] for s in plan_data.section_items(plan)] == ["一", "二"]


def test_nearest_ancestor() -> None:
    candidates = {"一", "一/（一）"}
    assert plan_data.nearest_ancestor("一/（一）/1", candidates, include_self=False) == "一/（一）"
    assert plan_data.nearest_ancestor("一/（一）", candidates, include_self=False) == "一"
    assert plan_data.nearest_ancestor("一/（一）", candidates, include_self=True) == "一/（一）"
    assert plan_data.nearest_ancestor("二", candidates, include_self=True) is None


def test_review_warnings_counts_what_needs_the_office() -> None:
    plan = {
        "tasks": [
            {"units": ["甲"], "lead_explicit": False},
            {"units": ["甲"], "lead_explicit": False, "lead_confirmed": True},
            {"units": ["甲"], "lead_explicit": True},
            {"units": []},
        ],
        "targets": [{"value": None}, {"value": 3}],
    }
    assert plan_data.review_warnings(plan, {"乙"}) == {
        "inferred_leads": 1,
        "unmapped_names": 1,
        "blank_targets": 1,
        "tasks_without_units": 1,
    }
