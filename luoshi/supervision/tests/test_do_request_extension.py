"""Extension requests: asked before the deadline, decided by the office; approval moves lights."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from luoshi.supervision import actions, queries
from luoshi.supervision.models import ExtensionRequest
from luoshi.supervision.tests.conftest import World, open_round, report_of, submit

pytestmark = pytest.mark.django_db


def _ask(
    world: World, new: date = date(2021, 6, 30), today: date = date(2020, 6, 1)
) -> ExtensionRequest:
    return actions.do_request_extension(
        unit=world.unit_a,
        task=world.task_a,
        requested_deadline=new,
        reason="受疫情影响，设备采购延迟。",
        acting_user=world.reporter_a,
        today=today,
    )


def test_approved_extension_moves_the_units_deadline_and_its_light(world: World) -> None:
    round_ = open_round(world, "2020Q2", opens_on=date(2020, 6, 25), due_on=date(2020, 7, 5))
    report = submit(
        report_of(round_, world.task_a, world.unit_a),
        world.reporter_a,
        percent="30",
        today=date(2020, 7, 1),
    )
    report = actions.do_accept_report(report, acting_user=world.office)
    # 2020-01-01..2020-12-31 at 2020-06-30: expected 49.7%; 30 < 34.7 -> yellow.
    before = queries.report_lights(round_, [report], date(2020, 7, 10))[report.pk]
    assert (before.color, before.rule_code) == ("yellow", "behind_schedule")
    request = _ask(world)
    assert (request.current_deadline, request.status) == (date(2020, 12, 31), "pending")
    actions.do_decide_extension(request, approve=True, acting_user=world.office)
    assert queries.effective_deadline(
        world.program, task=world.task_a, unit_id=world.unit_a.pk
    ) == date(2021, 6, 30)
    # Now 2020-01-01..2021-06-30 at 2020-06-30: expected 33.3%; 30 >= 18.3 -> green.
    after = queries.report_lights(round_, [report], date(2020, 7, 10))[report.pk]
    assert (after.color, dict(after.inputs)["expected_percent"]) == ("green", "33.3")
    assert queries.effective_deadline(
        world.program, task=world.task_ab, unit_id=world.unit_a.pk
    ) == date(2020, 12, 31)


def test_refused_extension_leaves_the_deadline(world: World) -> None:
    request = _ask(world)
    with pytest.raises(ValidationError, match="不批准时请写明理由"):
        actions.do_decide_extension(request, approve=False, acting_user=world.office)
    actions.do_decide_extension(request, approve=False, note="理由不充分", acting_user=world.office)
    request.refresh_from_db()
    assert (request.status, request.decision_note) == ("refused", "理由不充分")
    assert queries.effective_deadline(
        world.program, task=world.task_a, unit_id=world.unit_a.pk
    ) == date(2020, 12, 31)
    with pytest.raises(ValidationError, match="该申请已审批"):
        actions.do_decide_extension(request, approve=True, acting_user=world.office)


def test_refuses_a_request_after_the_deadline(world: World) -> None:
    with pytest.raises(ValidationError, match="完成时限 2020-12-31 已过"):
        _ask(world, today=date(2021, 1, 1))
    assert ExtensionRequest.objects.count() == 0


def test_refuses_a_second_pending_request_and_earlier_dates(world: World) -> None:
    _ask(world)
    with pytest.raises(ValidationError, match="已有待审批的延期申请"):
        _ask(world, new=date(2021, 3, 31))
    with pytest.raises(ValidationError, match="应晚于当前时限"):
        actions.do_request_extension(
            unit=world.unit_a,
            task=world.task_ab,
            requested_deadline=date(2020, 12, 1),
            reason="理由",
            acting_user=world.reporter_a,
            today=date(2020, 6, 1),
        )
    assert ExtensionRequest.objects.count() == 1


def test_refuses_a_unit_not_responsible_for_the_task(world: World) -> None:
    with pytest.raises(ValidationError, match="不是该事项的责任单位"):
        actions.do_request_extension(
            unit=world.unit_b,
            task=world.task_a,
            requested_deadline=date(2021, 6, 30),
            reason="理由",
            acting_user=world.reporter_b,
            today=date(2020, 6, 1),
        )
    assert ExtensionRequest.objects.count() == 0
