"""Saving a report: optimistic locking, who may save, locked rounds; refusals change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from luoshi.org.models import AuditEvent
from luoshi.supervision import actions
from luoshi.supervision.errors import StaleVersionError
from luoshi.supervision.models import ProgressReport
from luoshi.supervision.tests.conftest import World, fill, open_round, report_of, submit

pytestmark = pytest.mark.django_db


def _state(report: ProgressReport) -> tuple[object, ...]:
    report.refresh_from_db()
    return (
        report.version,
        report.status,
        report.progress_status,
        report.percent_complete,
        report.progress,
    )


def test_saves_content_bumps_version_and_audits_old_and_new(world: World) -> None:
    report = report_of(open_round(world), world.task_ab, world.unit_a)
    saved = fill(report, world.reporter_a, percent="30", progress="已完成选址。")
    assert _state(saved) == (1, "draft", "on_track", Decimal("30.00"), "已完成选址。")
    event = AuditEvent.objects.get(action="supervision.report.save")
    assert event.old_values["progress"] == ""
    assert event.new_values == {
        "progress_status": "on_track",
        "percent_complete": "30.00",
        "progress": "已完成选址。",
        "problems": "",
        "next_steps": "",
    }
    assert event.actor == world.reporter_a


def test_refuses_a_stale_version_with_the_current_values(world: World) -> None:
    report = report_of(open_round(world), world.task_ab, world.unit_a)
    fill(report, world.reporter_a, progress="甲的版本")
    before = _state(report)
    with pytest.raises(StaleVersionError) as error:
        actions.do_save_report(
            report,
            version=0,
            acting_user=world.head_a,
            today=date(2020, 4, 1),
            progress="乙的版本",
        )
    assert error.value.current_version == 1
    assert error.value.current_values["progress"] == "甲的版本"
    assert "已被他人修改" in error.value.messages[0]
    assert _state(report) == before
    assert AuditEvent.objects.filter(action="supervision.report.save").count() == 1


def test_repeating_the_saved_content_with_an_old_version_is_not_a_conflict(world: World) -> None:
    report = report_of(open_round(world), world.task_ab, world.unit_a)
    fill(report, world.reporter_a, progress="同一内容")
    again = actions.do_save_report(
        report,
        version=0,
        acting_user=world.reporter_a,
        today=date(2020, 4, 1),
        progress="同一内容",
    )
    assert again.version == 1


def test_refuses_a_unit_that_is_not_the_reports_unit(world: World) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    before = _state(report)
    with pytest.raises(ValidationError, match="不能修改其他单位的报告"):
        fill(report, world.reporter_b)
    with pytest.raises(ValidationError, match="不能修改其他单位的报告"):
        fill(report, world.office)
    assert _state(report) == before


@pytest.mark.parametrize("percent", ["-1", "100.5", "abc"])
def test_refuses_percent_outside_0_to_100(world: World, percent: str) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    with pytest.raises(ValidationError, match="0 到 100"):
        actions.do_save_report(
            report,
            version=0,
            acting_user=world.reporter_a,
            today=date(2020, 4, 1),
            percent_complete=percent,
        )
    assert _state(report) == (0, "draft", "not_started", Decimal("0.00"), "")


def test_refuses_edits_after_the_lock_date_until_the_office_unlocks(world: World) -> None:
    round_ = open_round(world, locks_on=date(2020, 4, 10))
    report = report_of(round_, world.task_a, world.unit_a)
    fill(report, world.reporter_a, progress="锁定前", today=date(2020, 4, 10))
    before = _state(report)
    with pytest.raises(ValidationError, match="已锁定"):
        fill(report, world.reporter_a, progress="锁定后", today=date(2020, 4, 11))
    assert _state(report) == before
    actions.do_unlock_report(
        report, until=date(2020, 4, 12), today=date(2020, 4, 11), acting_user=world.office
    )
    report.refresh_from_db()
    saved = fill(report, world.reporter_a, progress="解锁后", today=date(2020, 4, 12))
    assert saved.progress == "解锁后"
    with pytest.raises(ValidationError, match="已锁定"):
        fill(saved, world.reporter_a, progress="过了解锁期", today=date(2020, 4, 13))


def test_round_unlock_reopens_a_locked_round(world: World) -> None:
    round_ = open_round(world)
    actions.do_lock_round(round_, acting_user=world.office)
    report = report_of(round_, world.task_a, world.unit_a)
    with pytest.raises(ValidationError, match="已锁定"):
        fill(report, world.reporter_a)
    actions.do_unlock_round(
        round_, until=date(2020, 4, 20), today=date(2020, 4, 1), acting_user=world.office
    )
    report.refresh_from_db()
    assert fill(report, world.reporter_a).version == 1


def test_refuses_edits_to_a_submitted_report(world: World) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    submitted = submit(report, world.reporter_a)
    before = _state(submitted)
    with pytest.raises(ValidationError, match="不能修改"):
        fill(submitted, world.reporter_a, progress="改动")
    assert _state(submitted) == before
