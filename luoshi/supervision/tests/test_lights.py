"""Status lights: each DESIGN §5 rule at its boundaries; the first matching rule wins."""

from datetime import date
from decimal import Decimal

import pytest

from luoshi.supervision.lights import (
    LightInputs,
    Thresholds,
    compute_light,
    expected_percent,
    worst_light,
)

DUE = date(2020, 4, 5)
BASE = LightInputs(
    today=date(2020, 3, 25),
    due_on=DUE,
    as_of=date(2020, 3, 31),
    span_start=date(2020, 1, 1),
    span_end=date(2020, 12, 31),
)


def light_of(**changes: object) -> tuple[str, str]:
    inputs = LightInputs(**{**BASE.__dict__, **changes})
    light = compute_light(inputs)
    return light.color.value, light.rule_code


def test_expected_progress_is_the_elapsed_share_of_the_span() -> None:
    assert expected_percent(date(2020, 1, 1), date(2020, 12, 31), date(2020, 3, 31)) == Decimal(
        "24.9"
    )


@pytest.mark.parametrize(
    ("today", "status", "expected"),
    [
        (date(2020, 4, 1), "draft", ("green", "on_track")),
        (date(2020, 4, 2), "draft", ("yellow", "due_soon")),
        (date(2020, 4, 5), "draft", ("yellow", "due_soon")),
        (date(2020, 4, 6), "draft", ("red", "overdue")),
        (date(2020, 4, 6), "submitted", ("red", "overdue")),
        (date(2020, 4, 6), "returned", ("red", "overdue")),
        (date(2020, 4, 6), "accepted", ("green", "on_track")),
        (date(2020, 4, 2), "submitted", ("green", "on_track")),
        (date(2020, 4, 2), "pending_signoff", ("yellow", "due_soon")),
        (date(2020, 4, 2), "missing", ("yellow", "due_soon")),
    ],
)
def test_due_date_rules_at_their_boundaries(
    today: date, status: str, expected: tuple[str, str]
) -> None:
    assert light_of(today=today, report_status=status, percent_complete=Decimal(30)) == expected


def test_yellow_due_days_is_configurable() -> None:
    five = Thresholds(yellow_due_days=5)
    assert light_of(today=date(2020, 3, 31), thresholds=five) == ("yellow", "due_soon")
    assert light_of(today=date(2020, 3, 30), thresholds=five) == ("green", "on_track")


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        ("9.9", ("green", "on_track")),  # expected 24.9 - 15 = 9.9: not below
        ("9.8", ("yellow", "behind_schedule")),
        ("0", ("yellow", "behind_schedule")),
    ],
)
def test_behind_expected_progress_by_more_than_the_threshold(
    percent: str, expected: tuple[str, str]
) -> None:
    assert (
        light_of(
            report_status="accepted", progress_status="on_track", percent_complete=Decimal(percent)
        )
        == expected
    )


def test_completed_items_are_not_behind() -> None:
    assert light_of(
        report_status="accepted", progress_status="completed", percent_complete=Decimal(0)
    ) == ("green", "on_track")


def test_reported_delayed_is_yellow_and_twice_running_is_red() -> None:
    once = light_of(
        report_status="submitted", progress_status="delayed", percent_complete=Decimal(50)
    )
    twice = light_of(
        report_status="submitted",
        progress_status="delayed",
        percent_complete=Decimal(50),
        previous_progress_status="delayed",
    )
    assert (once, twice) == (("yellow", "reported_delayed"), ("red", "delayed_twice"))


def test_a_draft_says_nothing_about_progress() -> None:
    assert light_of(
        report_status="draft", progress_status="delayed", percent_complete=Decimal(0)
    ) == ("green", "on_track")


def test_light_carries_its_rule_and_inputs() -> None:
    light = compute_light(LightInputs(**{**BASE.__dict__, "today": date(2020, 4, 6)}))
    assert (light.rule_code, dict(light.params)) == ("overdue", {"due_on": "2020-04-05"})
    assert light.explanation_zh == "报送截止日期 2020-04-05 已过，尚无通过审核的报告。"
    assert dict(light.inputs)["expected_percent"] == "24.9"
    assert dict(light.inputs)["report_status"] == "missing"
    assert light.inputs_zh["report_status"] == "未报送"


def test_every_rule_has_its_parameters_in_the_chinese_text() -> None:
    due_soon = compute_light(LightInputs(**{**BASE.__dict__, "today": date(2020, 4, 3)}))
    behind = compute_light(
        LightInputs(
            **{**BASE.__dict__, "report_status": "submitted", "percent_complete": Decimal(5)}
        )
    )
    assert due_soon.explanation_zh == "距报送截止日期还有 2 天，尚未报送（提前 3 天亮黄灯）。"
    assert behind.explanation_zh == "完成进度 5% 低于序时进度 24.9% 减 15 个百分点。"
    assert dict(behind.params) == {"percent": "5", "expected": "24.9", "behind_points": "15"}


def test_worst_light_picks_the_most_severe() -> None:
    green = compute_light(BASE)
    red = compute_light(LightInputs(**{**BASE.__dict__, "today": date(2020, 4, 6)}))
    assert worst_light([green, red, green]) == red
    assert worst_light([]) is None
