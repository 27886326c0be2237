"""The scheduler tick: due rounds, locks, reminders, notices, escalation — and idempotence."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from luoshi.supervision import actions
from luoshi.supervision.models import (
    Notification,
    ProgressReport,
    Reminder,
    ReportingRound,
    SupervisionNotice,
)
from luoshi.supervision.tests.conftest import World, open_round, report_of, submit

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def _tick(day: date, django_capture_on_commit_callbacks: object) -> actions.SupervisionRun:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        return actions.do_run_supervision(at(day))


def test_schedule_opens_the_quarter_round_once(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    actions.do_save_round_schedule(
        world.program, frequency="quarterly", lock_days=10, acting_user=world.office
    )
    first = _tick(date(2020, 3, 26), django_capture_on_commit_callbacks)
    second = _tick(date(2020, 3, 26), django_capture_on_commit_callbacks)
    assert (first.rounds_opened, second.rounds_opened) == (1, 0)
    round_ = ReportingRound.objects.get()
    assert (round_.period, round_.opens_on, round_.due_on, round_.locks_on) == (
        "2020Q1",
        date(2020, 3, 26),
        date(2020, 4, 5),
        date(2020, 4, 15),
    )
    assert round_.reports.count() == 4


def test_reminders_go_out_once_per_key_in_app_and_by_mail(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    world.reporter_a.email = "a@example.org"
    world.reporter_a.save()
    round_ = open_round(world)
    submit(report_of(round_, world.task_b, world.unit_b), world.reporter_b)
    first = _tick(date(2020, 4, 2), django_capture_on_commit_callbacks)
    again = _tick(date(2020, 4, 2), django_capture_on_commit_callbacks)
    # unit_a has two unsubmitted reports, unit_b one co-report on task_ab.
    assert (first.reminders, again.reminders) == (3, 0)
    assert sorted(Reminder.objects.values_list("key", flat=True)) == ["before-3"] * 3
    assert Notification.objects.filter(user=world.reporter_a).count() == 2
    assert Notification.objects.filter(user=world.head_a).count() == 2
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == ["a@example.org"]
    assert mail.outbox[0].subject.startswith("【落实】请于 2020-04-05 前报送")


def test_blue_then_red_notices_for_a_unit_that_never_reports(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    round_ = open_round(world)
    report = report_of(round_, world.task_a, world.unit_a)
    _tick(date(2020, 4, 4), django_capture_on_commit_callbacks)
    blue = SupervisionNotice.objects.get(report=report, level="blue")
    assert (blue.reason, blue.reply_by, blue.key) == (
        "due_soon",
        date(2020, 4, 9),
        f"report:{report.pk}:due",
    )
    assert _tick(date(2020, 4, 7), django_capture_on_commit_callbacks).notices["red"] == 0
    run = _tick(date(2020, 4, 8), django_capture_on_commit_callbacks)
    assert run.notices["red"] == 4
    assert _tick(date(2020, 4, 8), django_capture_on_commit_callbacks).notices == {
        "blue": 0,
        "yellow": 0,
        "red": 0,
    }
    red = SupervisionNotice.objects.get(report=report, level="red")
    assert (red.reason, red.issued_on, red.status) == ("overdue", date(2020, 4, 8), "open")


def test_yellow_for_behind_schedule_and_for_two_returns(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    round_ = open_round(world)
    behind = submit(report_of(round_, world.task_a, world.unit_a), world.reporter_a, percent="5")
    twice = submit(report_of(round_, world.task_b, world.unit_b), world.reporter_b, percent="50")
    for _ in range(2):
        twice = actions.do_return_report(twice, reason="不完整", acting_user=world.office)
        twice = submit(twice, world.reporter_b, percent="50", progress=f"第{twice.return_count}次")
    _tick(date(2020, 4, 3), django_capture_on_commit_callbacks)
    yellow = {(n.report_id, n.reason) for n in SupervisionNotice.objects.filter(level="yellow")}
    assert yellow == {(behind.pk, "behind_schedule"), (twice.pk, "returned_twice")}


def test_unanswered_yellow_escalates_to_red_once(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    round_ = open_round(world)
    submit(report_of(round_, world.task_a, world.unit_a), world.reporter_a, percent="5")
    _tick(date(2020, 4, 3), django_capture_on_commit_callbacks)
    yellow = SupervisionNotice.objects.get(level="yellow")
    assert yellow.reply_by == date(2020, 4, 8)
    assert _tick(date(2020, 4, 8), django_capture_on_commit_callbacks).escalated == 0
    assert _tick(date(2020, 4, 9), django_capture_on_commit_callbacks).escalated == 1
    assert _tick(date(2020, 4, 9), django_capture_on_commit_callbacks).escalated == 0
    yellow.refresh_from_db()
    red = yellow.escalated_to
    assert (yellow.status, red.level, red.reason, red.key) == (
        "escalated",
        "red",
        "escalated",
        f"notice:{yellow.pk}:escalated",
    )


def test_answered_yellow_does_not_escalate(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    round_ = open_round(world)
    submit(report_of(round_, world.task_a, world.unit_a), world.reporter_a, percent="5")
    _tick(date(2020, 4, 3), django_capture_on_commit_callbacks)
    yellow = SupervisionNotice.objects.get(level="yellow")
    actions.do_answer_notice(yellow, text="已加快进度", acting_user=world.reporter_a)
    assert _tick(date(2020, 4, 20), django_capture_on_commit_callbacks).escalated == 0


def test_locks_rounds_after_their_lock_date(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    round_ = open_round(world, locks_on=date(2020, 4, 15))
    assert _tick(date(2020, 4, 15), django_capture_on_commit_callbacks).rounds_locked == 0
    assert _tick(date(2020, 4, 16), django_capture_on_commit_callbacks).rounds_locked == 1
    round_.refresh_from_db()
    assert round_.status == "locked"


def test_command_runs_a_tick_at_a_given_time(world: World) -> None:
    from io import StringIO

    open_round(world)
    out = StringIO()
    call_command("run_supervision", "--at", "2020-04-02T09:00+08:00", stdout=out)
    assert out.getvalue().strip() == (
        "2020-04-02: rounds opened 0, locked 0, reminders 4, notices (blue 0, yellow 0, red 0), "
        "escalated 0"
    )


@time_machine.travel(datetime(2020, 4, 4, 9, tzinfo=SHANGHAI), tick=False)
def test_tick_defaults_to_now(world: World) -> None:
    open_round(world)
    run = actions.do_run_supervision()
    assert (run.today, run.notices["blue"]) == (date(2020, 4, 4), 4)


def test_setup_schedules_registers_one_django_q_schedule(db: None) -> None:
    from io import StringIO

    from django_q.models import Schedule

    call_command("setup_schedules", stdout=StringIO())
    call_command("setup_schedules", stdout=StringIO())
    schedule = Schedule.objects.get()
    assert (schedule.func, schedule.minutes) == (
        "luoshi.supervision.tasks.run_supervision_tick",
        60,
    )


class ConcurrentTickTest(TestCase):
    """Two inserts of the same reminder: the constraint keeps one, the second sends nothing."""

    def test_unique_constraint_refuses_a_duplicate_reminder(self) -> None:
        from luoshi.supervision.actions.common import create_once
        from luoshi.supervision.tests.conftest import world as make_world

        w = make_world.__wrapped__(None)  # type: ignore[attr-defined]
        report = ProgressReport.objects.filter(round=open_round(w)).first()
        assert report is not None
        first = create_once(Reminder, report=report, key="before-3", sent_at=at(date(2020, 4, 2)))
        second = create_once(Reminder, report=report, key="before-3", sent_at=at(date(2020, 4, 2)))
        assert first is not None
        assert second is None
        assert Reminder.objects.count() == 1
