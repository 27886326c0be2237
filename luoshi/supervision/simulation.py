"""A deterministic, clearly labelled simulated supervision history for a program (demo only).

Every row written here has is_simulated=True, and pages that show such rows carry a 模拟数据
banner. The same seed gives the same rows; a second run finds the simulated rounds and stops.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from luoshi.core.periods import Period, parse_period, periods_between
from luoshi.org.audit import record_event
from luoshi.org.models import Unit, User
from luoshi.plans.models import Program, Responsibility
from luoshi.supervision import actions
from luoshi.supervision.lights import expected_percent
from luoshi.supervision.models import (
    AnswerStatus,
    ExtensionRequest,
    Instruction,
    Meeting,
    ProgressReport,
    ReportingRound,
    SupervisionNotice,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST = "2017Q4"
LAST = "2020Q4"

__all__ = ["SimulationSummary", "simulate_supervision"]

_SIMULATED_FIELDS = (
    "status",
    "progress_status",
    "percent_complete",
    "progress",
    "problems",
    "next_steps",
    "return_reason",
    "return_count",
    "version",
    "first_submitted_at",
    "submitted_at",
    "is_on_time",
    "reviewed_at",
    "updated_at",
)


@dataclass(frozen=True)
class SimulationSummary:
    created: bool
    rounds: int = 0
    reports: int = 0
    submitted: int = 0
    late: int = 0
    returned: int = 0
    notices: int = 0
    meetings: int = 0
    decisions: int = 0
    instructions: int = 0
    extensions: int = 0


def _moment(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def _progress_text(rng: random.Random, period: Period, percent: Decimal) -> str:
    steps = ["完成方案制定", "召开专题推进会", "完成项目招标", "开展督导检查", "完成阶段验收"]
    return f"【模拟】{period.label_zh}：{rng.choice(steps)}，累计完成约 {percent.normalize()}%。"


def _simulate_meeting(program: Program, rng: random.Random) -> int:
    leads = list(
        Unit.objects.filter(
            responsibilities__task__program=program,
            responsibilities__role=Responsibility.Role.LEAD,
            responsibilities__task__is_active=True,
        )
        .exclude(kind=Unit.Kind.COLLECTIVE)
        .distinct()
        .order_by("name")
    )
    attendees = leads[:12]
    meeting = actions.do_record_meeting(
        program,
        kind=Meeting.Kind.JOINT,
        date_held=date(2018, 3, 15),
        title="【模拟】全省移动互联网发展联席会议第一次全体会议",
        attendees=attendees,
        minutes="【模拟数据】会议听取了各牵头单位工作进展汇报，研究部署下一阶段重点工作。",
        is_simulated=True,
        acting_user=None,
    )
    texts = [
        ("2018年6月底前出台全省移动互联网基础设施建设专项方案", date(2018, 6, 30)),
        ("建立重点任务月调度机制，每月报送推进情况", date(2019, 12, 31)),
        ("年底前完成政务服务移动端整合", date(2020, 12, 31)),
    ]
    count = 0
    for text, deadline in texts:
        owners = rng.sample(attendees, k=min(2, len(attendees)))
        if not owners:
            break
        actions.do_add_decision(
            meeting,
            text=f"【模拟】{text}",
            lead_units=owners[:1],
            co_units=owners[1:],
            deadline=deadline,
            is_simulated=True,
            acting_user=None,
        )
        count += 1
    return count


def _simulate_reports(
    program: Program, round_: ReportingRound, rng: random.Random
) -> tuple[int, int, int, list[ProgressReport]]:
    period = round_.period_obj
    span_start = program.start_date or date(2017, 8, 2)
    span_end = program.end_date or date(2020, 12, 31)
    expected = expected_percent(span_start, span_end, period.end)
    reports = list(
        ProgressReport.objects.filter(round=round_)
        .select_related("unit", "task", "decision")
        .order_by("task__order", "decision_id", "unit__name")
    )
    submitted = late = returned = 0
    overdue: list[ProgressReport] = []
    for report in reports:
        roll = rng.random()
        if roll < 0.07:
            overdue.append(report)
            continue
        is_late = roll < 0.22
        delayed = rng.random() < 0.08
        offset = rng.randint(1, 12) if is_late else -rng.randint(0, 8)
        first_day = round_.due_on + timedelta(days=offset)
        noise = Decimal(rng.randint(-12, 10))
        percent = max(Decimal(0), min(Decimal(100), expected + noise - (20 if delayed else 0)))
        percent = percent.quantize(Decimal("1"))
        report.percent_complete = percent
        report.progress_status = (
            ProgressReport.Progress.COMPLETED
            if percent >= 100
            else ProgressReport.Progress.DELAYED
            if delayed
            else ProgressReport.Progress.ON_TRACK
        )
        report.progress = _progress_text(rng, period, percent)
        report.problems = "【模拟】资金到位偏慢。" if delayed else ""
        report.next_steps = "【模拟】按计划继续推进。"
        report.first_submitted_at = _moment(first_day)
        report.is_on_time = not is_late
        report.version = 2
        return_count = 0
        if rng.random() < 0.12:
            return_count = 2 if rng.random() < 0.2 else 1
            report.return_reason = "【模拟】请补充量化数据和佐证材料。"
        report.return_count = return_count
        final_day = first_day + timedelta(days=4 * return_count)
        report.submitted_at = _moment(final_day)
        report.status = ProgressReport.Status.ACCEPTED
        report.reviewed_at = _moment(final_day + timedelta(days=3), 16)
        report.updated_at = report.submitted_at
        submitted += 1
        late += int(is_late)
        returned += int(return_count > 0)
    # One UPDATE per row: bulk_update's CASE expressions cost far more at this size.
    for report in reports:
        if report.first_submitted_at is not None:
            ProgressReport.objects.filter(pk=report.pk).update(
                **{name: getattr(report, name) for name in _SIMULATED_FIELDS}
            )
    return submitted, late, returned, overdue


def _simulate_notices(round_: ReportingRound, overdue: list[ProgressReport]) -> int:
    issued = 0
    for report in overdue:
        day = round_.due_on + timedelta(days=3)
        notice = actions.do_issue_notice(
            program=round_.program,
            unit=report.unit,
            level=SupervisionNotice.Level.RED,
            reason=SupervisionNotice.Reason.OVERDUE,
            key=f"report:{report.pk}:overdue",
            text=f"【模拟】{round_.period}“{report.item_label}”逾期未报送，请立即报送并说明原因。",
            issued_on=day,
            round_=round_,
            report=report,
            is_simulated=True,
            acting_user=None,
        )
        if notice is None:
            continue
        issued += 1
        SupervisionNotice.objects.filter(pk=notice.pk).update(
            status=AnswerStatus.ACCEPTED,
            answer="【模拟】因人员调整延误报送，已明确专人负责，今后按时报送。",
            answered_at=_moment(day + timedelta(days=2)),
            reviewed_at=_moment(day + timedelta(days=4), 16),
            review_note="【模拟】同意。",
        )
    return issued


@transaction.atomic
def simulate_supervision(program: Program, *, seed: int = 1) -> SimulationSummary:
    """Fill the program with a simulated quarterly history 2017Q4..2020Q4; once per program."""
    if ReportingRound.objects.filter(program=program, is_simulated=True).exists():
        return SimulationSummary(created=False)
    rng = random.Random(f"luoshi-supervision-{seed}")
    decision_count = _simulate_meeting(program, rng)
    rounds = reports = submitted = late = returned = notices = 0
    first_lead: ProgressReport | None = None
    for period in periods_between(parse_period(FIRST), parse_period(LAST)):
        due_on = period.end + timedelta(days=5)
        round_ = actions.do_open_round(
            program,
            period=str(period),
            opens_on=period.end - timedelta(days=5),
            due_on=due_on,
            locks_on=due_on + timedelta(days=15),
            is_simulated=True,
            acting_user=None,
        )
        s, lt, rt, overdue = _simulate_reports(program, round_, rng)
        notices += _simulate_notices(round_, overdue)
        ReportingRound.objects.filter(pk=round_.pk).update(status=ReportingRound.Status.CLOSED)
        rounds += 1
        reports += round_.reports.count()
        submitted, late, returned = submitted + s, late + lt, returned + rt
        if first_lead is None:
            first_lead = (
                round_.reports.filter(role=ProgressReport.Role.LEAD, task__isnull=False)
                .order_by("task__order", "unit__name")
                .first()
            )
    instructions = _simulate_instruction(program, first_lead)
    extensions = _simulate_extension(program, first_lead)
    summary = SimulationSummary(
        created=True,
        rounds=rounds,
        reports=reports,
        submitted=submitted,
        late=late,
        returned=returned,
        notices=notices,
        meetings=1,
        decisions=decision_count,
        instructions=instructions,
        extensions=extensions,
    )
    record_event(
        actor=None,
        action="supervision.simulation.run",
        obj=program,
        new={"seed": seed, **{k: v for k, v in summary.__dict__.items() if k != "created"}},
    )
    return summary


def _simulate_instruction(program: Program, report: ProgressReport | None) -> int:
    if report is None or report.task is None:
        return 0
    leader = User.objects.filter(role=User.Role.LEADER, is_active=True).order_by("id").first()
    instruction = Instruction.objects.create(
        program=program,
        author=leader,
        text="【模拟】此项工作事关全局，请牵头单位加强统筹，按期完成。",
        task=report.task,
        unit=report.unit,
        reply_by=date(2018, 4, 30),
        status=AnswerStatus.ACCEPTED,
        answer="【模拟】已专题研究部署，明确时间表和责任人。",
        answered_at=_moment(date(2018, 4, 20)),
        reviewed_at=_moment(date(2018, 4, 25), 16),
        is_simulated=True,
    )
    record_event(actor=None, action="supervision.instruction.simulate", obj=instruction)
    return 1


def _simulate_extension(program: Program, report: ProgressReport | None) -> int:
    if report is None or report.task is None:
        return 0
    current = report.task.deadline or program.end_date or date(2020, 12, 31)
    extension = ExtensionRequest.objects.create(
        program=program,
        task=report.task,
        unit=report.unit,
        current_deadline=current,
        requested_deadline=current + timedelta(days=181),
        reason="【模拟】受外部条件影响，申请延期半年完成。",
        status=ExtensionRequest.Status.REFUSED,
        decision_note="【模拟】理由不充分，请按原时限完成。",
        is_simulated=True,
    )
    record_event(actor=None, action="supervision.extension.simulate", obj=extension)
    return 1
