"""Reads for supervision, scoped to the user: missing and forbidden both raise Http404."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from luoshi.core.periods import Period
from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_signed_in
from luoshi.plans.models import Program, Responsibility, Task
from luoshi.plans.queries import own_units
from luoshi.supervision.lights import Light, LightInputs, compute_light, worst_light
from luoshi.supervision.models import (
    AnswerStatus,
    Decision,
    DecisionOwner,
    ExtensionRequest,
    Instruction,
    Meeting,
    Notification,
    ProgramSupervisionSettings,
    ProgressReport,
    ReportingRound,
    RoundSchedule,
    SupervisionNotice,
)
from luoshi.supervision.scoring import EventKind, Scorecard, ScoreEvent, score

__all__ = [
    "Ask",
    "access_decision",
    "access_extension",
    "access_instruction",
    "access_meeting",
    "access_notice",
    "access_report",
    "access_round",
    "acts_for",
    "current_item_light",
    "effective_deadline",
    "get_settings",
    "late_reports",
    "list_decisions",
    "list_extensions",
    "list_instructions",
    "list_meetings",
    "list_notices",
    "list_notifications",
    "list_reports",
    "list_rounds",
    "list_schedules",
    "local_today",
    "report_lights",
    "responsible_units",
    "round_asks",
    "scorecards",
    "timeliness",
]

HANDED_IN = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)


def local_today() -> date:
    """Return today's date in Asia/Shanghai."""
    return timezone.localdate()


def get_settings(program: Program) -> ProgramSupervisionSettings:
    """Return the program's supervision settings, or the defaults (unsaved) when it has none."""
    row = ProgramSupervisionSettings.objects.filter(program=program).first()
    return row if row is not None else ProgramSupervisionSettings(program=program)


def acts_for(user: User, unit_id: int) -> bool:
    """Return whether the user reports for the unit (its own, a predecessor, a collective)."""
    return user.is_active and user.unit_id is not None and unit_id in own_units(user)


# --- what a round asks for -------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    unit_id: int
    role: str
    task_id: int | None = None
    decision_id: int | None = None


def _reporting_units(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """Map each unit to the units that report for it: collective members, current successors."""
    wanted = set(unit_ids)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=wanted)}
    members: dict[int, list[int]] = defaultdict(list)
    collective_ids = [u.pk for u in units.values() if u.is_collective]
    through = Unit.members.through
    for from_id, to_id in through.objects.filter(from_unit_id__in=collective_ids).values_list(
        "from_unit_id", "to_unit_id"
    ):
        members[from_id].append(to_id)
    successors = dict(
        Unit.objects.filter(successor__isnull=False).values_list("id", "successor_id")
    )

    def current(unit_id: int) -> int:
        seen = {unit_id}
        while unit_id in successors and successors[unit_id] not in seen:
            unit_id = successors[unit_id]
            seen.add(unit_id)
        return unit_id

    out: dict[int, list[int]] = {}
    for unit_id in wanted:
        sources = sorted(members[unit_id]) if unit_id in members else [unit_id]
        out[unit_id] = list(dict.fromkeys(current(s) for s in sources))
    return out


def _expand(rows: list[tuple[int, int, str]]) -> dict[tuple[int, int], str]:
    """Return {(item id, reporting unit): role} with lead winning over co for a unit."""
    mapping = _reporting_units(u for _, u, _ in rows)
    out: dict[tuple[int, int], str] = {}
    for item_id, unit_id, role in rows:
        for reporter in mapping.get(unit_id, [unit_id]):
            key = (item_id, reporter)
            if out.get(key) != Responsibility.Role.LEAD:
                out[key] = role
    return out


def responsible_units(
    *, task: Task | None = None, decision: Decision | None = None
) -> dict[int, str]:
    """Return {reporting unit id: role} for one item, collectives expanded, successors followed."""
    if task is not None:
        rows = [
            (task.pk, u, r)
            for u, r in Responsibility.objects.filter(task=task).values_list("unit_id", "role")
        ]
    else:
        assert decision is not None
        rows = [
            (decision.pk, u, r)
            for u, r in DecisionOwner.objects.filter(decision=decision).values_list(
                "unit_id", "role"
            )
        ]
    return {unit_id: role for (_, unit_id), role in _expand(rows).items()}


def round_asks(program: Program, period: Period) -> list[Ask]:
    """Return every (item, unit) a round for the period asks a report from."""
    task_rows = list(
        Responsibility.objects.filter(task__program=program, task__is_active=True).values_list(
            "task_id", "unit_id", "role"
        )
    )
    decision_rows = list(
        DecisionOwner.objects.filter(
            decision__program=program,
            decision__status=Decision.Status.OPEN,
            decision__meeting__date__lte=period.end,
        )
        .filter(Q(decision__deadline__isnull=True) | Q(decision__deadline__gte=period.start))
        .values_list("decision_id", "unit_id", "role")
    )
    asks = [Ask(unit_id=u, role=r, task_id=t) for (t, u), r in _expand(task_rows).items()]
    asks += [Ask(unit_id=u, role=r, decision_id=d) for (d, u), r in _expand(decision_rows).items()]
    return sorted(asks, key=lambda a: (a.task_id or 0, a.decision_id or 0, a.role, a.unit_id))


# --- rounds and reports --------------------------------------------------------------------


def list_schedules(user: User) -> QuerySet[RoundSchedule]:
    """Return the round schedules (office and leaders)."""
    user = check_signed_in(user)
    if not user.reads_everything:
        return RoundSchedule.objects.none()
    return RoundSchedule.objects.select_related("program").order_by("program_id", "frequency")


def list_rounds(user: User, program: Program | None = None) -> QuerySet[ReportingRound]:
    """Return the rounds the user may see: all for office and leaders, else its units' rounds."""
    user = check_signed_in(user)
    rounds = ReportingRound.objects.select_related("program")
    if program is not None:
        rounds = rounds.filter(program=program)
    if not user.reads_everything:
        rounds = rounds.filter(
            Exists(
                ProgressReport.objects.filter(round=OuterRef("pk"), unit_id__in=own_units(user))
            ),
            program__status=Program.Status.PUBLISHED,
        )
    return rounds.order_by("-period_start", "program_id", "period")


def access_round(user: User, round_id: int) -> ReportingRound:
    """Return the round when the user may see it; otherwise raise Http404."""
    found = list_rounds(user).filter(pk=round_id).first()
    if found is None:
        raise Http404
    return found


def list_reports(user: User) -> QuerySet[ProgressReport]:
    """Return the reports the user may see.

    Units see their own reports and, where they lead an item, the co-units' reports on it in
    the same round (the lead writes the consolidated report from them).
    """
    user = check_signed_in(user)
    reports = ProgressReport.objects.select_related(
        "round", "round__program", "task", "decision", "decision__meeting", "unit"
    )
    if user.reads_everything:
        return reports
    own = own_units(user)
    leads = ProgressReport.objects.filter(
        round_id=OuterRef("round_id"), unit_id__in=own, role=ProgressReport.Role.LEAD
    ).filter(Q(task_id=OuterRef("task_id")) | Q(decision_id=OuterRef("decision_id")))
    return reports.filter(Q(unit_id__in=own) | Exists(leads)).filter(
        round__program__status=Program.Status.PUBLISHED
    )


def access_report(user: User, report_id: int) -> ProgressReport:
    """Return the report when the user may see it; otherwise raise Http404."""
    found = list_reports(user).filter(pk=report_id).first()
    if found is None:
        raise Http404
    return found


def co_reports(report: ProgressReport) -> QuerySet[ProgressReport]:
    """Return the other units' reports on the same item in the same round."""
    same_item = (
        Q(task_id=report.task_id)
        if report.task_id is not None
        else Q(decision_id=report.decision_id)
    )
    return (
        ProgressReport.objects.filter(same_item, round_id=report.round_id)
        .exclude(pk=report.pk)
        .select_related("unit")
        .order_by("role", "unit__name")
    )


# --- deadlines and lights ------------------------------------------------------------------


def _deadline_key(task_id: int | None, decision_id: int | None) -> str:
    return f"task:{task_id}" if task_id is not None else f"decision:{decision_id}"


def extended_deadlines(program: Program) -> dict[tuple[str, int], date]:
    """Return {(item key, unit id): new deadline} from the program's approved extensions."""
    out: dict[tuple[str, int], date] = {}
    approved = ExtensionRequest.objects.filter(
        program=program, status=ExtensionRequest.Status.APPROVED
    ).values_list("task_id", "decision_id", "unit_id", "requested_deadline")
    for task_id, decision_id, unit_id, deadline in approved:
        key = (_deadline_key(task_id, decision_id), unit_id)
        if key not in out or deadline > out[key]:
            out[key] = deadline
    return out


def _planned_deadline(program: Program, task: Task | None, decision: Decision | None) -> date:
    item_deadline = task.deadline if task is not None else decision.deadline if decision else None
    return item_deadline or program.end_date or date(timezone.localdate().year, 12, 31)


def _span_start(program: Program, task: Task | None, decision: Decision | None) -> date:
    if decision is not None:
        return decision.meeting.date
    if program.start_date is not None:
        return program.start_date
    assert task is not None
    return timezone.localtime(task.created_at).date()


def effective_deadline(
    program: Program, *, task: Task | None = None, decision: Decision | None = None, unit_id: int
) -> date:
    """Return the unit's deadline for the item: the latest approved extension, else the plan's."""
    key = (_deadline_key(task.pk if task else None, decision.pk if decision else None), unit_id)
    return extended_deadlines(program).get(key) or _planned_deadline(program, task, decision)


def _previous_round(round_: ReportingRound) -> ReportingRound | None:
    return (
        ReportingRound.objects.filter(
            program_id=round_.program_id, period_end__lt=round_.period_start
        )
        .order_by("-period_end")
        .first()
    )


def report_lights(
    round_: ReportingRound, reports: Iterable[ProgressReport], today: date
) -> dict[int, Light]:
    """Return the light of each report (unit × item) in the round."""
    reports = list(reports)
    program = round_.program
    thresholds = get_settings(program).thresholds
    extensions = extended_deadlines(program)
    previous: dict[tuple[str, int], str] = {}
    before = _previous_round(round_)
    if before is not None:
        for task_id, decision_id, unit_id, progress in (
            ProgressReport.objects.filter(round=before)
            .exclude(status=ProgressReport.Status.DRAFT)
            .values_list("task_id", "decision_id", "unit_id", "progress_status")
        ):
            previous[(_deadline_key(task_id, decision_id), unit_id)] = progress
    out: dict[int, Light] = {}
    for report in reports:
        key = (_deadline_key(report.task_id, report.decision_id), report.unit_id)
        task, decision = report.task, report.decision
        span_end = extensions.get(key) or _planned_deadline(program, task, decision)
        out[report.pk] = compute_light(
            LightInputs(
                today=today,
                due_on=round_.due_on,
                as_of=round_.period_end,
                span_start=_span_start(program, task, decision),
                span_end=span_end,
                report_status=report.status,
                progress_status=report.progress_status,
                percent_complete=report.percent_complete,
                previous_progress_status=previous.get(key, ""),
                thresholds=thresholds,
            )
        )
    return out


def item_lights(
    round_: ReportingRound, reports: Iterable[ProgressReport], today: date
) -> dict[str, Light]:
    """Return each item's light in the round: the worst of its units' lights."""
    reports = list(reports)
    lights = report_lights(round_, reports, today)
    grouped: dict[str, list[Light]] = defaultdict(list)
    for report in reports:
        grouped[report.item_key].append(lights[report.pk])
    return {key: light for key, items in grouped.items() if (light := worst_light(items))}


def current_item_light(
    task: Task, today: date
) -> tuple[ReportingRound | None, Light | None, list[ProgressReport]]:
    """Return the task's latest opened round, its light there and the round's reports on it."""
    round_ = (
        ReportingRound.objects.filter(
            program_id=task.program_id, opens_on__lte=today, reports__task=task
        )
        .select_related("program")
        .order_by("-period_start")
        .first()
    )
    if round_ is None:
        return None, None, []
    reports = list(
        ProgressReport.objects.filter(round=round_, task=task)
        .select_related("unit", "task", "round")
        .order_by("role", "unit__name")
    )
    lights = report_lights(round_, reports, today)
    return round_, worst_light(lights.values()), reports


# --- notices, extensions, meetings, instructions, notifications ----------------------------


def _unit_scoped(user: User, queryset: QuerySet, field: str = "unit_id") -> QuerySet:  # type: ignore[type-arg]
    if user.reads_everything:
        return queryset
    return queryset.filter(**{f"{field}__in": own_units(user)})


def list_notices(user: User) -> QuerySet[SupervisionNotice]:
    """Return the notices the user may see: all for office and leaders, else its units'."""
    user = check_signed_in(user)
    notices = SupervisionNotice.objects.select_related(
        "program",
        "unit",
        "round",
        "report",
        "report__round",
        "report__task",
        "report__decision",
        "report__decision__meeting",
    )
    return _unit_scoped(user, notices).order_by("-issued_on", "-id")


def access_notice(user: User, notice_id: int) -> SupervisionNotice:
    """Return the notice when the user may see it; otherwise raise Http404."""
    found = list_notices(user).filter(pk=notice_id).first()
    if found is None:
        raise Http404
    return found


def list_extensions(user: User) -> QuerySet[ExtensionRequest]:
    """Return the extension requests the user may see."""
    user = check_signed_in(user)
    rows = ExtensionRequest.objects.select_related(
        "program", "unit", "task", "decision", "decision__meeting", "requested_by"
    )
    return _unit_scoped(user, rows).order_by("-requested_at", "-id")


def access_extension(user: User, extension_id: int) -> ExtensionRequest:
    """Return the extension request when the user may see it; otherwise raise Http404."""
    found = list_extensions(user).filter(pk=extension_id).first()
    if found is None:
        raise Http404
    return found


def list_meetings(user: User) -> QuerySet[Meeting]:
    """Return meetings: all for office and leaders, else those the user's units attended or own."""
    user = check_signed_in(user)
    meetings = Meeting.objects.select_related("program")
    if not user.reads_everything:
        own = own_units(user)
        meetings = meetings.filter(
            Q(
                Exists(
                    Meeting.attendees.through.objects.filter(
                        meeting_id=OuterRef("pk"), unit_id__in=own
                    )
                )
            )
            | Q(
                Exists(
                    DecisionOwner.objects.filter(decision__meeting=OuterRef("pk"), unit_id__in=own)
                )
            )
        )
    return meetings.order_by("-date", "-id")


def access_meeting(user: User, meeting_id: int) -> Meeting:
    """Return the meeting when the user may see it; otherwise raise Http404."""
    found = list_meetings(user).filter(pk=meeting_id).first()
    if found is None:
        raise Http404
    return found


def list_decisions(user: User) -> QuerySet[Decision]:
    """Return meeting decisions: all for office and leaders, else those the user's units own."""
    user = check_signed_in(user)
    decisions = Decision.objects.select_related("meeting", "program")
    if not user.reads_everything:
        decisions = decisions.filter(
            Exists(
                DecisionOwner.objects.filter(decision=OuterRef("pk"), unit_id__in=own_units(user))
            )
        )
    return decisions.order_by("-meeting__date", "meeting_id", "number")


def access_decision(user: User, decision_id: int) -> Decision:
    """Return the decision when the user may see it; otherwise raise Http404."""
    found = list_decisions(user).filter(pk=decision_id).first()
    if found is None:
        raise Http404
    return found


def list_instructions(user: User) -> QuerySet[Instruction]:
    """Return leader instructions: all for office and leaders, else those addressed to its units."""
    user = check_signed_in(user)
    rows = Instruction.objects.select_related(
        "program", "unit", "author", "task", "report", "notice"
    )
    return _unit_scoped(user, rows).order_by("-created_at", "-id")


def access_instruction(user: User, instruction_id: int) -> Instruction:
    """Return the instruction when the user may see it; otherwise raise Http404."""
    found = list_instructions(user).filter(pk=instruction_id).first()
    if found is None:
        raise Http404
    return found


def list_notifications(user: User) -> QuerySet[Notification]:
    """Return the user's own in-app notifications, newest first."""
    user = check_signed_in(user)
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def open_answer_count(user: User) -> int:
    """Return how many notices and instructions await the user's units' answer."""
    if user.reads_everything or user.unit_id is None:
        return 0
    own = own_units(user)
    waiting = (AnswerStatus.OPEN, AnswerStatus.RETURNED)
    return (
        SupervisionNotice.objects.filter(unit_id__in=own, status__in=waiting).count()
        + Instruction.objects.filter(unit_id__in=own, status__in=waiting).count()
    )


# --- timeliness and scorecards -------------------------------------------------------------


@dataclass(frozen=True)
class TimelinessRow:
    unit_id: int
    unit_name: str
    due: int
    submitted: int
    on_time: int
    accepted: int

    @property
    def missing(self) -> int:
        return self.due - self.submitted


def timeliness(round_: ReportingRound) -> list[TimelinessRow]:
    """Return per unit: reports due, submitted (ever), on time, accepted; the latest first."""
    rows = (
        ProgressReport.objects.filter(round=round_)
        .values("unit_id", "unit__name")
        .annotate(
            due=Count("id"),
            submitted=Count("id", filter=Q(first_submitted_at__isnull=False)),
            on_time=Count("id", filter=Q(is_on_time=True)),
            accepted=Count("id", filter=Q(status=ProgressReport.Status.ACCEPTED)),
        )
        .order_by("unit__name")
    )
    out = [
        TimelinessRow(
            unit_id=r["unit_id"],
            unit_name=r["unit__name"],
            due=r["due"],
            submitted=r["submitted"],
            on_time=r["on_time"],
            accepted=r["accepted"],
        )
        for r in rows
    ]
    return sorted(out, key=lambda r: (-(r.due - r.on_time), r.unit_name))


def late_reports(
    user: User, today: date, program: Program | None = None
) -> QuerySet[ProgressReport]:
    """Return reports past their round's due date and never submitted: who is late."""
    reports = list_reports(user).filter(round__due_on__lt=today, first_submitted_at__isnull=True)
    if program is not None:
        reports = reports.filter(round__program=program)
    return reports.order_by("round__due_on", "unit__name", "task__order", "decision_id")


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    unit_name: str
    scorecard: Scorecard


def _score_events(program: Program, period: Period, today: date) -> dict[int, list[ScoreEvent]]:
    events: dict[int, list[ScoreEvent]] = defaultdict(list)
    reports = ProgressReport.objects.filter(
        round__program=program,
        round__period_start__gte=period.start,
        round__period_end__lte=period.end,
    ).select_related("round", "task", "decision", "decision__meeting")
    for r in reports:
        subject = f"{r.round.period} {r.item_label}"
        ref = f"report:{r.pk}"
        if r.status == ProgressReport.Status.ACCEPTED and r.is_on_time:
            assert r.first_submitted_at is not None
            day = timezone.localtime(r.first_submitted_at).date()
            events[r.unit_id].append(
                ScoreEvent(EventKind.ACCEPTED_ON_TIME, day, subject, r.role, ref)
            )
        late = r.is_on_time is False or (r.first_submitted_at is None and r.round.due_on < today)
        if late:
            day = r.round.due_on + timedelta(days=1)
            events[r.unit_id].append(ScoreEvent(EventKind.OVERDUE, day, subject, r.role, ref))
        for n in range(r.return_count):
            day = timezone.localtime(r.reviewed_at).date() if r.reviewed_at else r.round.due_on
            events[r.unit_id].append(
                ScoreEvent(EventKind.RETURNED, day, subject, r.role, f"{ref}:return:{n + 1}")
            )
    red = SupervisionNotice.objects.filter(
        program=program,
        level=SupervisionNotice.Level.RED,
        issued_on__gte=period.start,
        issued_on__lte=period.end,
    )
    for notice in red:
        events[notice.unit_id].append(
            ScoreEvent(
                EventKind.RED_NOTICE,
                notice.issued_on,
                notice.get_reason_display(),
                "",
                f"notice:{notice.pk}",
            )
        )
    return events


def scorecards(program: Program, period: Period, today: date) -> list[UnitScore]:
    """Return every unit's score for the period, highest first, with the events behind it."""
    rules = get_settings(program).scoring_rules
    events = _score_events(program, period, today)
    unit_ids = set(events) | set(
        ProgressReport.objects.filter(
            round__program=program,
            round__period_start__gte=period.start,
            round__period_end__lte=period.end,
        ).values_list("unit_id", flat=True)
    )
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("id", "name"))
    out = [UnitScore(u, names[u], score(rules, events.get(u, []))) for u in unit_ids]
    return sorted(out, key=lambda s: (-s.scorecard.total, s.unit_name))
