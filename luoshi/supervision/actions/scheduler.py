"""The scheduler tick: open due rounds, lock, remind, issue and escalate notices. Idempotent."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event
from luoshi.supervision.actions.common import create_once
from luoshi.supervision.actions.notices import do_escalate_notice, do_issue_notice
from luoshi.supervision.actions.rounds import do_create_due_rounds
from luoshi.supervision.lights import expected_percent
from luoshi.supervision.models import (
    AnswerStatus,
    ProgressReport,
    Reminder,
    ReportingRound,
    SupervisionNotice,
)
from luoshi.supervision.notifications import notify, unit_people
from luoshi.supervision.queries import extended_deadlines, get_settings
from luoshi.supervision.schedule import reminder_due

__all__ = ["SupervisionRun", "do_run_supervision"]

NOT_HANDED_IN = (
    ProgressReport.Status.DRAFT,
    ProgressReport.Status.PENDING_SIGNOFF,
    ProgressReport.Status.RETURNED,
)
# The blue notice goes out this many days before the due date to units that have not reported.
BLUE_NOTICE_DAYS_BEFORE = 1


@dataclass(frozen=True)
class SupervisionRun:
    today: date
    rounds_opened: int
    rounds_locked: int
    reminders: int
    notices: dict[str, int]
    escalated: int


def _remind(report: ProgressReport, key: str, moment: datetime) -> bool:
    if create_once(Reminder, report=report, key=key, sent_at=moment) is None:
        return False
    due = report.round.due_on.isoformat()
    if key.startswith("before"):
        title = _("请于 %(due)s 前报送：%(item)s") % {"due": due, "item": report.item_label}
    else:
        title = _("已逾期（截止 %(due)s），请尽快报送：%(item)s") % {
            "due": due,
            "item": report.item_label,
        }
    notify(
        unit_people([report.unit_id]),
        title=title,
        body=str(report),
        url=reverse("supervision:report_detail", args=[report.pk]),
        now=moment,
    )
    return True


def _lock_due_rounds(today: date) -> int:
    count = 0
    due = ReportingRound.objects.filter(
        status=ReportingRound.Status.OPEN, locks_on__lt=today
    ).filter(Q(unlocked_until__isnull=True) | Q(unlocked_until__lt=today))
    for round_ in due:
        with transaction.atomic():
            updated = ReportingRound.objects.filter(
                pk=round_.pk, status=ReportingRound.Status.OPEN
            ).update(status=ReportingRound.Status.LOCKED, unlocked_until=None)
            if updated:
                record_event(
                    actor=None,
                    action="supervision.round.lock",
                    obj=round_,
                    old={"status": "open"},
                    new={"status": "locked"},
                )
                count += 1
    return count


def _round_notices(
    round_: ReportingRound, today: date, moment: datetime
) -> tuple[int, dict[str, int]]:
    program = round_.program
    config = get_settings(program)
    extensions = extended_deadlines(program)
    reminders = 0
    issued = {"blue": 0, "yellow": 0, "red": 0}
    reports = ProgressReport.objects.filter(round=round_).select_related(
        "round", "unit", "task", "decision", "decision__meeting"
    )
    for report in reports:
        with transaction.atomic():
            label = report.item_label
            notices: list[tuple[str, str, str, str]] = []
            if report.status in NOT_HANDED_IN and round_.opens_on <= today:
                key = reminder_due(round_.due_on, today)
                if key is not None and _remind(report, key, moment):
                    reminders += 1
                days_left = (round_.due_on - today).days
                if 0 <= days_left <= BLUE_NOTICE_DAYS_BEFORE:
                    notices.append(
                        (
                            "blue",
                            "due_soon",
                            "due",
                            _("%(period)s“%(item)s”将于 %(due)s 截止报送，请按时报送。")
                            % {"period": round_.period, "item": label, "due": round_.due_on},
                        )
                    )
                overdue_from = round_.due_on + timedelta(days=config.overdue_notice_days)
                if report.first_submitted_at is None and today >= overdue_from:
                    notices.append(
                        (
                            "red",
                            "overdue",
                            "overdue",
                            _(
                                "%(period)s“%(item)s”已逾期未报送（截止 %(due)s），"
                                "请立即报送并说明原因。"
                            )
                            % {"period": round_.period, "item": label, "due": round_.due_on},
                        )
                    )
            if report.return_count >= 2 and report.status != ProgressReport.Status.ACCEPTED:
                notices.append(
                    (
                        "yellow",
                        "returned_twice",
                        "returned_twice",
                        _("%(period)s“%(item)s”的报告已两次被退回，请认真整改后报送。")
                        % {"period": round_.period, "item": label},
                    )
                )
            if report.status in (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED):
                deadline_key = (report.item_key, report.unit_id)
                span_end = extensions.get(deadline_key) or (
                    (report.task.deadline if report.task else report.decision.deadline)  # type: ignore[union-attr]
                    or program.end_date
                )
                span_start = report.decision.meeting.date if report.decision else program.start_date
                if span_start and span_end:
                    expected = expected_percent(span_start, span_end, round_.period_end)
                    behind = (
                        report.progress_status != ProgressReport.Progress.COMPLETED
                        and report.percent_complete < expected - config.thresholds.behind_points
                    )
                    if behind:
                        notices.append(
                            (
                                "yellow",
                                "behind_schedule",
                                "behind",
                                _("“%(item)s”完成进度 %(p)s%% 落后序时进度 %(e)s%%，请加快推进。")
                                % {"item": label, "p": report.percent_complete, "e": expected},
                            )
                        )
            for level, reason, suffix, text in notices:
                notice = do_issue_notice(
                    program=program,
                    unit=report.unit,
                    level=level,
                    reason=reason,
                    key=f"report:{report.pk}:{suffix}",
                    text=text,
                    issued_on=today,
                    round_=round_,
                    report=report,
                    acting_user=None,
                )
                if notice is not None:
                    issued[level] += 1
    return reminders, issued


def _escalate(today: date) -> int:
    count = 0
    unanswered = SupervisionNotice.objects.filter(
        level=SupervisionNotice.Level.YELLOW,
        status__in=(AnswerStatus.OPEN, AnswerStatus.RETURNED),
        reply_by__lt=today,
    )
    for notice in unanswered:
        if do_escalate_notice(notice, today=today) is not None:
            count += 1
    return count


def do_run_supervision(now: datetime | None = None) -> SupervisionRun:
    """Run one scheduler tick at `now`; running it twice at the same time sends nothing twice.

    Every reminder and notice is a row under a unique constraint (report + key, level + key):
    a repeated tick's inserts fail at the database and nothing is sent for them.
    """
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    opened = do_create_due_rounds(today)
    locked = _lock_due_rounds(today)
    reminders = 0
    issued = {"blue": 0, "yellow": 0, "red": 0}
    for round_ in ReportingRound.objects.filter(
        status=ReportingRound.Status.OPEN, opens_on__lte=today
    ).select_related("program"):
        sent, counts = _round_notices(round_, today, moment)
        reminders += sent
        for level, n in counts.items():
            issued[level] += n
    escalated = _escalate(today)
    return SupervisionRun(
        today=today,
        rounds_opened=len(opened),
        rounds_locked=locked,
        reminders=reminders,
        notices=issued,
        escalated=escalated,
    )
