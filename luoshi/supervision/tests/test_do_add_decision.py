"""Meetings and decisions: decisions become tracked items that later rounds ask about."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from luoshi.supervision import actions
from luoshi.supervision.models import Decision, Meeting, ProgressReport
from luoshi.supervision.tests.conftest import World, open_round, submit

pytestmark = pytest.mark.django_db


def _meeting(world: World) -> Meeting:
    return actions.do_record_meeting(
        world.program,
        kind="joint",
        date_held=date(2020, 2, 20),
        title="联席会议第一次全体会议",
        attendees=[world.unit_a, world.unit_b],
        minutes="会议听取了工作汇报。",
        acting_user=world.office,
    )


def test_decision_is_reported_on_in_later_rounds_like_a_task(world: World) -> None:
    meeting = _meeting(world)
    decision = actions.do_add_decision(
        meeting,
        text="6月底前出台配套政策",
        lead_units=[world.unit_b],
        co_units=[world.unit_a],
        deadline=date(2020, 6, 30),
        acting_user=world.office,
    )
    assert (decision.number, str(decision)) == (1, "联席会议第一次全体会议 决定事项1")
    round_ = open_round(world)
    rows = sorted(
        ProgressReport.objects.filter(round=round_, decision=decision).values_list(
            "unit__name", "role", "is_consolidated"
        )
    )
    assert rows == [("省委网信办", "co", False), ("省通信管理局", "lead", True)]
    report = ProgressReport.objects.get(round=round_, decision=decision, unit=world.unit_b)
    assert submit(report, world.reporter_b).status == "submitted"


def test_closed_or_expired_decisions_are_not_asked(world: World) -> None:
    meeting = _meeting(world)
    closed = actions.do_add_decision(
        meeting, text="甲", lead_units=[world.unit_a], acting_user=world.office
    )
    actions.do_close_decision(closed, acting_user=world.office)
    actions.do_add_decision(
        meeting,
        text="乙",
        lead_units=[world.unit_a],
        deadline=date(2019, 12, 31),
        acting_user=world.office,
    )
    round_ = open_round(world)
    assert not ProgressReport.objects.filter(round=round_, decision__isnull=False).exists()
    with pytest.raises(ValidationError, match="已办结"):
        actions.do_close_decision(closed, acting_user=world.office)


def test_refuses_a_decision_without_lead_units_or_text(world: World) -> None:
    meeting = _meeting(world)
    with pytest.raises(ValidationError, match="请至少指定一个牵头单位"):
        actions.do_add_decision(meeting, text="甲", lead_units=[], acting_user=world.office)
    with pytest.raises(ValidationError, match="请填写决定事项"):
        actions.do_add_decision(
            meeting, text=" ", lead_units=[world.unit_a], acting_user=world.office
        )
    assert Decision.objects.count() == 0
