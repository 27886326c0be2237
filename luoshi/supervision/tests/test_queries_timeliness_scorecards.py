"""Timeliness per unit and round, who is late, and scorecards with their events."""

from datetime import date
from decimal import Decimal

import pytest

from luoshi.core.periods import parse_period
from luoshi.supervision import actions, queries
from luoshi.supervision.models import ReportingRound
from luoshi.supervision.tests.conftest import World, open_round, report_of, submit

pytestmark = pytest.mark.django_db


def _history(world: World) -> None:
    round_ = open_round(world)
    on_time = submit(report_of(round_, world.task_ab, world.unit_a), world.reporter_a)
    actions.do_accept_report(on_time, acting_user=world.office)
    late = submit(
        report_of(round_, world.task_ab, world.unit_b), world.reporter_b, today=date(2020, 4, 7)
    )
    late = actions.do_return_report(late, reason="补充", acting_user=world.office)
    actions.do_accept_report(
        submit(late, world.reporter_b, today=date(2020, 4, 8)), acting_user=world.office
    )


def test_timeliness_counts_by_unit(world: World) -> None:
    _history(world)
    rows = queries.timeliness(ReportingRound.objects.get())
    assert [(r.unit_name, r.due, r.submitted, r.on_time, r.accepted) for r in rows] == [
        ("省通信管理局", 2, 1, 0, 1),
        ("省委网信办", 2, 1, 1, 1),
    ]


def test_late_reports_lists_who_has_not_reported_after_the_due_date(world: World) -> None:
    _history(world)
    late = queries.late_reports(world.office, date(2020, 4, 6))
    assert [(r.unit.name, r.item_label) for r in late] == [
        ("省委网信办", "一/（三） 推进丙工作"),
        ("省通信管理局", "一/（二） 完善乙机制"),
    ]
    assert list(queries.late_reports(world.office, date(2020, 4, 5))) == []
    mine = queries.late_reports(world.reporter_b, date(2020, 4, 6))
    assert [r.unit.name for r in mine] == ["省通信管理局"]


def test_scorecards_list_every_event(world: World) -> None:
    _history(world)
    cards = {
        c.unit_name: c.scorecard
        for c in queries.scorecards(world.program, parse_period("2020"), date(2020, 5, 1))
    }
    # +2 lead on time, -5 for task_a never reported.
    assert cards["省委网信办"].total == Decimal("97")
    # co-unit late -2.5, returned -2, lead task_b never reported -5.
    assert cards["省通信管理局"].total == Decimal("90.5")
    assert [line.event.kind.value for line in cards["省通信管理局"].lines] == [
        "overdue",
        "overdue",
        "returned",
    ]
