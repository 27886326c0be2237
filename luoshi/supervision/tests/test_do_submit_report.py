"""Submitting, head sign-off, and the on-time mark; refusals change nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from luoshi.supervision import actions
from luoshi.supervision.models import ProgressReport
from luoshi.supervision.tests.conftest import World, fill, open_round, report_of, submit

pytestmark = pytest.mark.django_db


def test_submits_on_time_by_the_due_date(world: World) -> None:
    report = submit(
        report_of(open_round(world), world.task_a, world.unit_a),
        world.reporter_a,
        today=date(2020, 4, 5),
    )
    assert (report.status, report.is_on_time, report.submitted_by) == (
        "submitted",
        True,
        world.reporter_a,
    )
    assert report.first_submitted_at is not None


def test_marks_a_submission_after_the_due_date_late(world: World) -> None:
    report = submit(
        report_of(open_round(world), world.task_a, world.unit_a),
        world.reporter_a,
        today=date(2020, 4, 6),
    )
    assert (report.status, report.is_on_time) == ("submitted", False)


def test_refuses_to_submit_without_progress_text(world: World) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    with pytest.raises(ValidationError, match="请填写进展情况"):
        actions.do_submit_report(report, acting_user=world.reporter_a, today=date(2020, 4, 1))
    report.refresh_from_db()
    assert (report.status, report.version, report.first_submitted_at) == ("draft", 0, None)


def test_refuses_a_submission_after_lock(world: World) -> None:
    round_ = open_round(world, locks_on=date(2020, 4, 10))
    report = fill(report_of(round_, world.task_a, world.unit_a), world.reporter_a)
    with pytest.raises(ValidationError, match="已锁定"):
        actions.do_submit_report(report, acting_user=world.reporter_a, today=date(2020, 4, 11))
    report.refresh_from_db()
    assert (report.status, report.version, report.is_on_time) == ("draft", 1, None)


def test_refuses_a_stale_version_on_submit(world: World) -> None:
    report = fill(report_of(open_round(world), world.task_a, world.unit_a), world.reporter_a)
    with pytest.raises(ValidationError, match="已被他人修改"):
        actions.do_submit_report(
            report, version=0, acting_user=world.reporter_a, today=date(2020, 4, 1)
        )
    report.refresh_from_db()
    assert report.status == "draft"


def test_goes_to_the_unit_head_when_the_program_requires_sign_off(world: World) -> None:
    actions.do_update_supervision_settings(
        world.program, requires_head_signoff=True, acting_user=world.office
    )
    report = submit(report_of(open_round(world), world.task_a, world.unit_a), world.reporter_a)
    assert (report.status, report.first_submitted_at) == ("pending_signoff", None)
    with pytest.raises(ValidationError, match="只有本单位负责人"):
        actions.do_sign_off_report(report, acting_user=world.reporter_a, today=date(2020, 4, 2))
    signed = actions.do_sign_off_report(report, acting_user=world.head_a, today=date(2020, 4, 6))
    assert (signed.status, signed.signed_off_by, signed.is_on_time) == (
        "submitted",
        world.head_a,
        False,
    )


def test_head_sends_a_pending_report_back_with_a_note(world: World) -> None:
    actions.do_update_supervision_settings(
        world.program, requires_head_signoff=True, acting_user=world.office
    )
    report = submit(report_of(open_round(world), world.task_a, world.unit_a), world.reporter_a)
    with pytest.raises(ValidationError, match="请写明原因"):
        actions.do_sign_off_report(report, approve=False, acting_user=world.head_a)
    back = actions.do_sign_off_report(
        report, approve=False, note="补充数据", acting_user=world.head_a, today=date(2020, 4, 2)
    )
    assert (back.status, back.return_reason, back.return_count) == ("returned", "补充数据", 0)


def test_head_submits_directly_and_counts_as_signed(world: World) -> None:
    actions.do_update_supervision_settings(
        world.program, requires_head_signoff=True, acting_user=world.office
    )
    report = submit(report_of(open_round(world), world.task_a, world.unit_a), world.head_a)
    assert (report.status, report.signed_off_by) == ("submitted", world.head_a)


def test_creates_a_missing_report_only_for_a_responsible_unit(world: World) -> None:
    round_ = open_round(world)
    ProgressReport.objects.filter(round=round_, task=world.task_a).delete()
    with pytest.raises(ValidationError, match="不是“一/（三） 推进丙工作”的责任单位"):
        actions.do_create_report(
            round_, unit=world.unit_b, task=world.task_a, acting_user=world.reporter_b
        )
    assert not ProgressReport.objects.filter(round=round_, task=world.task_a).exists()
    created = actions.do_create_report(
        round_, unit=world.unit_a, task=world.task_a, acting_user=world.reporter_a
    )
    assert (created.role, created.status) == ("lead", "draft")
    with pytest.raises(ValidationError, match="已有该单位"):
        actions.do_create_report(
            round_, unit=world.unit_a, task=world.task_a, acting_user=world.reporter_a
        )
