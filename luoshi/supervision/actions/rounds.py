"""Writes for settings, schedules and rounds: open, create due rounds, lock, close, unlock."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from luoshi.core.periods import Period, parse_period
from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import User
from luoshi.plans.models import Program
from luoshi.supervision.actions.common import check_system_or_office
from luoshi.supervision.models import (
    ProgramSupervisionSettings,
    ProgressReport,
    ReportingRound,
    RoundSchedule,
)
from luoshi.supervision.models.program_settings import SETTINGS_FIELDS
from luoshi.supervision.queries import round_asks
from luoshi.supervision.schedule import Frequency, periods_to_open, round_dates
from luoshi.supervision.texts import period_label

ROUND_FIELDS = ["period", "opens_on", "due_on", "locks_on", "unlocked_until", "status"]
SCHEDULE_FIELDS = [
    "frequency",
    "due_days_after_period_end",
    "open_days_before_end",
    "lock_days",
    "starts_on",
    "is_active",
]


def _parse(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError:
        raise ValidationError(
            {
                "period": _("“%(text)s”不是有效的报送期（例：2020、2020H1、2020Q3、2020-07）。")
                % {"text": text}
            }
        ) from None


@transaction.atomic
def do_update_supervision_settings(
    program: Program, *, acting_user: User | None, **values: Any
) -> ProgramSupervisionSettings:
    """Change the program's supervision settings (sign-off, thresholds, notice days, scores)."""
    check_system_or_office(acting_user)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(_("未知的设置项：%(names)s") % {"names": ", ".join(sorted(unknown))})
    row, _is_new = ProgramSupervisionSettings.objects.select_for_update().get_or_create(
        program=program
    )
    old = snapshot(row, SETTINGS_FIELDS)
    for name, value in values.items():
        setattr(row, name, value)
    if Decimal(row.behind_points) < 0 or Decimal(row.behind_points) > 100:
        raise ValidationError({"behind_points": _("落后百分点应在 0 到 100 之间。")})
    row.full_clean(exclude=["program"])
    row.save()
    record_event(
        actor=acting_user,
        action="supervision.settings.update",
        obj=row,
        old=old,
        new=snapshot(row, SETTINGS_FIELDS),
    )
    return row


@transaction.atomic
def do_save_round_schedule(
    program: Program,
    *,
    frequency: str,
    due_days_after_period_end: int = 5,
    open_days_before_end: int = 5,
    lock_days: int | None = None,
    starts_on: date | None = None,
    is_active: bool = True,
    acting_user: User | None,
) -> RoundSchedule:
    """Create or change the program's schedule for one frequency."""
    check_system_or_office(acting_user)
    if frequency not in RoundSchedule.Freq.values:
        raise ValidationError({"frequency": _("未知的报送频次“%(f)s”。") % {"f": frequency}})
    schedule = RoundSchedule.objects.filter(program=program, frequency=frequency).first()
    old = snapshot(schedule, SCHEDULE_FIELDS) if schedule else {}
    if schedule is None:
        schedule = RoundSchedule(program=program, frequency=frequency)
    schedule.due_days_after_period_end = due_days_after_period_end
    schedule.open_days_before_end = open_days_before_end
    schedule.lock_days = lock_days
    schedule.starts_on = starts_on
    schedule.is_active = is_active
    schedule.save()
    record_event(
        actor=acting_user,
        action="supervision.schedule.save",
        obj=schedule,
        old=old,
        new=snapshot(schedule, SCHEDULE_FIELDS),
    )
    return schedule


def _create_reports(round_: ReportingRound, *, is_simulated: bool) -> int:
    asks = round_asks(round_.program, round_.period_obj)
    units_per_item: dict[tuple[int | None, int | None], int] = {}
    for ask in asks:
        key = (ask.task_id, ask.decision_id)
        units_per_item[key] = units_per_item.get(key, 0) + 1
    rows = [
        ProgressReport(
            round=round_,
            task_id=ask.task_id,
            decision_id=ask.decision_id,
            unit_id=ask.unit_id,
            role=ask.role,
            is_consolidated=ask.role == ProgressReport.Role.LEAD
            and units_per_item[(ask.task_id, ask.decision_id)] > 1,
            is_simulated=is_simulated,
        )
        for ask in asks
    ]
    ProgressReport.objects.bulk_create(rows, batch_size=500)
    return len(rows)


@transaction.atomic
def do_open_round(
    program: Program,
    *,
    period: str,
    opens_on: date,
    due_on: date,
    locks_on: date | None = None,
    schedule: RoundSchedule | None = None,
    is_simulated: bool = False,
    acting_user: User | None,
) -> ReportingRound:
    """Open a round: one report row per item and responsible unit (collectives expanded)."""
    check_system_or_office(acting_user)
    parsed = _parse(period)
    if program.status != Program.Status.PUBLISHED:
        raise ValidationError(_("落实工作尚未发布，不能开启报送轮次。"))
    if due_on < opens_on:
        raise ValidationError({"due_on": _("截止日期不能早于开始填报日期。")})
    if locks_on is not None and locks_on < due_on:
        raise ValidationError({"locks_on": _("锁定日期不能早于截止日期。")})
    try:
        with transaction.atomic():
            round_ = ReportingRound.objects.create(
                program=program,
                period=str(parsed),
                period_start=parsed.start,
                period_end=parsed.end,
                opens_on=opens_on,
                due_on=due_on,
                locks_on=locks_on,
                schedule=schedule,
                created_by=acting_user,
                is_simulated=is_simulated,
            )
    except IntegrityError:
        raise ValidationError(
            {"period": _("%(period)s 已有报送轮次。") % {"period": period_label(parsed)}}
        ) from None
    count = _create_reports(round_, is_simulated=is_simulated)
    record_event(
        actor=acting_user,
        action="supervision.round.open",
        obj=round_,
        new={**snapshot(round_, ROUND_FIELDS), "report_count": count},
    )
    return round_


def do_create_due_rounds(today: date, *, acting_user: User | None = None) -> list[ReportingRound]:
    """Open the rounds active schedules call for today; a round that exists is left alone."""
    created: list[ReportingRound] = []
    schedules = RoundSchedule.objects.filter(
        is_active=True, program__status=Program.Status.PUBLISHED
    ).select_related("program")
    for schedule in schedules:
        program = schedule.program
        starts_on = schedule.starts_on or program.start_date or today
        for period in periods_to_open(
            Frequency(schedule.frequency),
            today,
            starts_on=starts_on,
            due_days=schedule.due_days_after_period_end,
            open_days_before_end=schedule.open_days_before_end,
        ):
            if ReportingRound.objects.filter(program=program, period=str(period)).exists():
                continue
            dates = round_dates(
                period,
                due_days=schedule.due_days_after_period_end,
                open_days_before_end=schedule.open_days_before_end,
                lock_days=schedule.lock_days,
            )
            try:
                created.append(
                    do_open_round(
                        program,
                        period=str(period),
                        opens_on=dates.opens_on,
                        due_on=dates.due_on,
                        locks_on=dates.locks_on,
                        schedule=schedule,
                        acting_user=acting_user,
                    )
                )
            except ValidationError:
                # Another tick opened it between the look and the insert: the constraint held.
                continue
    return created


def _set_round(round_: ReportingRound, verb: str, acting_user: User | None, **values: Any) -> None:
    old = snapshot(round_, ROUND_FIELDS)
    for name, value in values.items():
        setattr(round_, name, value)
    round_.save(update_fields=list(values))
    record_event(
        actor=acting_user,
        action=f"supervision.round.{verb}",
        obj=round_,
        old=old,
        new=snapshot(round_, ROUND_FIELDS),
    )


@transaction.atomic
def do_lock_round(round_: ReportingRound, *, acting_user: User | None) -> ReportingRound:
    """Lock a round: from now on edits need the office's unlock."""
    check_system_or_office(acting_user)
    if round_.status == ReportingRound.Status.LOCKED:
        raise ValidationError(_("该轮次已锁定。"))
    _set_round(
        round_, "lock", acting_user, status=ReportingRound.Status.LOCKED, unlocked_until=None
    )
    return round_


@transaction.atomic
def do_close_round(round_: ReportingRound, *, acting_user: User | None) -> ReportingRound:
    """Close a round: no more edits, reminders or notices for it."""
    check_system_or_office(acting_user)
    if round_.status == ReportingRound.Status.CLOSED:
        raise ValidationError(_("该轮次已结束。"))
    _set_round(
        round_, "close", acting_user, status=ReportingRound.Status.CLOSED, unlocked_until=None
    )
    return round_


@transaction.atomic
def do_unlock_round(
    round_: ReportingRound, *, until: date, today: date, acting_user: User
) -> ReportingRound:
    """Allow edits to a locked or closed round through the given day."""
    check_system_or_office(acting_user)
    if until < today:
        raise ValidationError({"until": _("解锁截止日期不能早于今天。")})
    _set_round(
        round_, "unlock", acting_user, status=ReportingRound.Status.OPEN, unlocked_until=until
    )
    return round_


@transaction.atomic
def do_unlock_report(
    report: ProgressReport, *, until: date, today: date, acting_user: User
) -> ProgressReport:
    """Let one report be edited through the given day despite the round's lock."""
    check_system_or_office(acting_user)
    if until < today:
        raise ValidationError({"until": _("解锁截止日期不能早于今天。")})
    old = {"unlocked_until": report.unlocked_until}
    report.unlocked_until = until
    report.version += 1
    report.save(update_fields=["unlocked_until", "version"])
    record_event(
        actor=acting_user,
        action="supervision.report.unlock",
        obj=report,
        old=old,
        new={"unlocked_until": until},
    )
    return report


__all__ = [
    "do_close_round",
    "do_create_due_rounds",
    "do_lock_round",
    "do_open_round",
    "do_save_round_schedule",
    "do_unlock_report",
    "do_unlock_round",
    "do_update_supervision_settings",
]
