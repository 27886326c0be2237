"""Opening a round: one report row per item and responsible unit, refusals change nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from luoshi.org.models import AuditEvent, Unit
from luoshi.org.tests.conftest import make_unit
from luoshi.plans.models import Responsibility
from luoshi.supervision import actions
from luoshi.supervision.models import ProgressReport, ReportingRound
from luoshi.supervision.tests.conftest import World, open_round

pytestmark = pytest.mark.django_db


def _rows(round_: ReportingRound) -> list[tuple[str, str, str, bool]]:
    return [
        (r.item_label.split()[0], r.unit.name, r.role, r.is_consolidated)
        for r in round_.reports.select_related("task", "unit").order_by("task__order", "-role")
    ]


def test_asks_every_responsible_unit_of_every_active_task(world: World) -> None:
    round_ = open_round(world)
    assert (round_.period, round_.period_start, round_.period_end, round_.status) == (
        "2020Q1",
        date(2020, 1, 1),
        date(2020, 3, 31),
        "open",
    )
    assert _rows(round_) == [
        ("一/（一）", "省委网信办", "lead", True),
        ("一/（一）", "省通信管理局", "co", False),
        ("一/（二）", "省通信管理局", "lead", False),
        ("一/（三）", "省委网信办", "lead", False),
    ]
    event = AuditEvent.objects.get(action="supervision.round.open")
    assert event.new_values["report_count"] == 4


def test_collective_units_expand_to_their_members_and_successors_report(world: World) -> None:
    collective = make_unit("各市州政府", kind=Unit.Kind.COLLECTIVE)
    lanzhou = make_unit("兰州市政府", kind=Unit.Kind.GOVERNMENT)
    old = make_unit("天水市旧政府", kind=Unit.Kind.GOVERNMENT)
    tianshui = make_unit("天水市政府", kind=Unit.Kind.GOVERNMENT)
    old.successor = tianshui
    old.save()
    collective.members.set([lanzhou, old])
    Responsibility.objects.create(
        task=world.task_b, unit=collective, role="co", verbatim_name="各市州政府", order=9
    )
    round_ = open_round(world)
    units = sorted(round_.reports.filter(task=world.task_b).values_list("unit__name", "role"))
    assert units == [("兰州市政府", "co"), ("天水市政府", "co"), ("省通信管理局", "lead")]


def test_refuses_a_second_round_for_the_same_period(world: World) -> None:
    open_round(world)
    with pytest.raises(ValidationError, match="已有报送轮次"):
        open_round(world)
    assert ReportingRound.objects.count() == 1
    assert ProgressReport.objects.count() == 4


@pytest.mark.parametrize(
    ("period", "due_on", "locks_on", "message"),
    [
        ("2020Q5", date(2020, 4, 5), None, "不是有效的报送期"),
        ("2020Q1", date(2020, 3, 1), None, "截止日期不能早于"),
        ("2020Q1", date(2020, 4, 5), date(2020, 4, 1), "锁定日期不能早于"),
    ],
)
def test_refuses_bad_dates_and_periods(
    world: World, period: str, due_on: date, locks_on: date | None, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        open_round(world, period, due_on=due_on, locks_on=locks_on)
    assert ReportingRound.objects.count() == 0


def test_only_the_office_opens_rounds(world: World) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        actions.do_open_round(
            world.program,
            period="2020Q1",
            opens_on=date(2020, 3, 25),
            due_on=date(2020, 4, 5),
            acting_user=world.reporter_a,
        )
    assert ReportingRound.objects.count() == 0
