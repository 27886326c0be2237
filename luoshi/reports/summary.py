"""The one source of a program's numbers for a period: `program_summary`.

The bulletin (every format), the Excel exports, the API and the dashboard call this function
and nothing else for their figures, so the same period shows the same numbers everywhere.
It reads each kind of row once (a fixed number of queries, whatever the program's size;
tests pin the count) and returns plain frozen values (`luoshi.reports.content.summary_data`).

- Task lights are the supervision lights of the period's round (DESIGN §5): a task's light is
  the worst of its units' lights, computed as of `today`.
- Target rows are `luoshi.indicators.progress.program_progress`, cut at the period's end: a
  bulletin for 2019Q4 uses no value reported for a later period.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from luoshi.core.periods import Period, parse_period
from luoshi.indicators.analytics import (
    Observation,
    ProgressInputs,
    assess,
    forecast,
    light_for,
    period_time,
    year_time,
)
from luoshi.indicators.models import Indicator, ValueSource
from luoshi.indicators.progress import IndicatorProgress, Point, program_progress
from luoshi.org.caching import revision_cached
from luoshi.plans.models import Program, Section, Task
from luoshi.plans.queries import published_document
from luoshi.reports.content.summary_data import (
    NONE,
    RED,
    BehindItem,
    LightCounts,
    NoticeLine,
    ProgramSummary,
    RedItem,
    RoundInfo,
    ScoreRow,
    SectionProgress,
    TargetRow,
    TaskLine,
    TimelinessLine,
    UnitBehind,
    UnitMention,
)
from luoshi.supervision import queries as supervision
from luoshi.supervision.lights import Light, worst_light
from luoshi.supervision.models import AnswerStatus, ProgressReport, ReportingRound
from luoshi.supervision.models import SupervisionNotice as Notice
from luoshi.supervision.scoring import EventKind

__all__ = ["ProgramSummary", "program_summary"]

# Report states whose percent and progress status count (a draft says nothing yet).
_WITH_CONTENT = (
    ProgressReport.Status.PENDING_SIGNOFF,
    ProgressReport.Status.SUBMITTED,
    ProgressReport.Status.ACCEPTED,
    ProgressReport.Status.RETURNED,
)
_ONE_DECIMAL = Decimal("0.1")


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(_ONE_DECIMAL)


def _expected(light: Light) -> Decimal | None:
    raw = dict(light.inputs).get("expected_percent", "—")
    return None if raw == "—" else Decimal(raw)


# --- tasks and sections ----------------------------------------------------------------------


def _top_sections(program: Program) -> tuple[list[Section], dict[int, Section]]:
    sections = list(Section.objects.filter(program=program).order_by("order"))
    by_id = {s.pk: s for s in sections}
    top: dict[int, Section] = {}
    for section in sections:
        current = section
        while current.parent_id is not None and current.parent_id in by_id:
            current = by_id[current.parent_id]
        top[section.pk] = current
    return [s for s in sections if s.parent_id is None], top


def _task_lines(
    tasks: Sequence[Task],
    reports: Sequence[ProgressReport],
    lights: dict[int, Light],
    top: dict[int, Section],
) -> list[TaskLine]:
    by_task: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in reports:
        if report.task_id is not None:
            by_task[report.task_id].append(report)
    lines: list[TaskLine] = []
    for task in tasks:
        own = by_task.get(task.pk, [])
        worst = worst_light(lights[r.pk] for r in own)
        leads = [r for r in own if r.role == ProgressReport.Role.LEAD] or own
        told = [r for r in leads if r.status in _WITH_CONTENT]
        expected = [e for r in leads if (e := _expected(lights[r.pk])) is not None]
        section = top.get(task.section_id) if task.section_id is not None else None
        lines.append(
            TaskLine(
                task_id=task.pk,
                path=task.path,
                title=task.title or task.text[:40],
                section_path=section.path if section is not None else "",
                light=str(worst.color) if worst is not None else NONE,
                rule_code=worst.rule_code if worst is not None else "",
                percent=_mean([r.percent_complete for r in told]),
                expected=max(expected) if expected else None,
                is_completed=bool(told)
                and len(told) == len(leads)
                and all(r.progress_status == ProgressReport.Progress.COMPLETED for r in told),
                lead_units=tuple(sorted({r.unit.name for r in leads})),
            )
        )
    return lines


def _section_progress(path: str, title: str, lines: Iterable[TaskLine]) -> SectionProgress:
    lines = list(lines)
    counts = LightCounts()
    for line in lines:
        counts = counts.add(line.light)
    percents = [ln.percent for ln in lines if ln.percent is not None]
    expected = [ln.expected for ln in lines if ln.expected is not None]
    return SectionProgress(
        path=path,
        title=title,
        tasks=len(lines),
        reported=len(percents),
        completed=sum(1 for ln in lines if ln.is_completed),
        average_percent=_mean(percents),
        average_expected=_mean(expected),
        lights=counts,
    )


# --- targets -----------------------------------------------------------------------------------


def _cut(points: Sequence[Point], until: Decimal) -> tuple[Point, ...]:
    return tuple(p for p in points if p.time <= until)


def _target_row(progress: IndicatorProgress, period: Period) -> TargetRow:
    """Return the target row as of the period's end: later values are left out."""
    indicator = progress.indicator
    province = progress.province
    target = province.target
    points = _cut(province.points, period_time(period))
    assessment = province.assessment
    figure = progress.forecast
    if points != province.points:
        assessment = None
        if target is not None and target.has_baseline and points:
            assert target.baseline_value is not None and target.baseline_year is not None
            assessment = assess(
                ProgressInputs(
                    baseline=target.baseline_value,
                    baseline_time=year_time(target.baseline_year),
                    latest=points[-1].value,
                    latest_time=points[-1].time,
                    target=target.value,
                    target_time=year_time(target.year),
                    direction=indicator.sign,
                    comparator=target.comparator,
                    target_min=target.value_min,
                    is_percent=indicator.is_percent,
                    latest_period=points[-1].period,
                )
            )
        observations: list[Observation] = []
        if target is not None and target.has_baseline:
            assert target.baseline_value is not None and target.baseline_year is not None
            observations.append(
                Observation(
                    year_time(target.baseline_year),
                    target.baseline_value,
                    str(target.baseline_year),
                )
            )
        observations += [Observation(p.time, p.value, p.period) for p in points]
        figure, _ = forecast(observations, year_time(target.year) if target else Decimal(0))
    light = light_for(assessment)
    latest = points[-1] if points else None
    missing = province.missing
    if not missing and latest is None:
        missing = "no_data"
    simulated = progress.has_simulated and any(
        p.source in (ValueSource.SIMULATED, "aggregated") for p in points
    )
    return TargetRow(
        indicator_id=indicator.pk,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        comparator=target.comparator if target is not None else "",
        baseline=target.baseline_value if target is not None else None,
        baseline_year=target.baseline_year if target is not None else None,
        baseline_source=target.baseline_source_url if target is not None else "",
        baseline_is_derived=bool(target is not None and target.baseline_is_derived),
        latest=latest.value if latest is not None else None,
        latest_period=latest.period if latest is not None else "",
        latest_source=latest.source if latest is not None else "",
        target=target.value if target is not None else None,
        target_year=target.year if target is not None else None,
        progress_share=assessment.progress_share.value if assessment else None,
        expected_share=assessment.expected_share.value if assessment else None,
        growth_ratio=assessment.growth_ratio.value if assessment else None,
        growth_band=assessment.growth_ratio.band if assessment else None,
        anticipated_value=assessment.anticipated_value.value if assessment else None,
        anticipated_share=assessment.anticipated_share.value if assessment else None,
        anticipated_band=assessment.anticipated_share.band if assessment else None,
        forecast_value=figure.value,
        is_achieved=bool(assessment and assessment.achieved.band == "achieved"),
        light=light.color,
        light_rule=light.rule,
        missing="" if assessment is not None else missing,
        is_simulated=simulated,
    )


def load_progress(program: Program) -> list[IndicatorProgress]:
    """Return the progress of the program's active indicators (the costly read; do it once).

    Cached under the data revision: every dashboard, API summary and bulletin of the program
    shares one computation until a write changes the data.
    """

    def compute() -> list[IndicatorProgress]:
        indicators = list(
            Indicator.objects.filter(program=program, is_active=True).order_by("order", "pk")
        )
        return program_progress(indicators)

    return revision_cached("progress", (program.pk,), compute)


def _target_rows(progress: Sequence[IndicatorProgress], period: Period) -> list[TargetRow]:
    return [_target_row(item, period) for item in progress]


# --- units ---------------------------------------------------------------------------------


def _behind(
    reports: Sequence[ProgressReport], lights: dict[int, Light]
) -> tuple[list[UnitBehind], list[RedItem]]:
    grouped: dict[tuple[str, int], list[BehindItem]] = defaultdict(list)
    red: list[RedItem] = []
    for report in reports:
        light = lights[report.pk]
        if light.color == "green":
            continue
        told = report.status in _WITH_CONTENT
        grouped[(report.unit.name, report.unit_id)].append(
            BehindItem(
                report_id=report.pk,
                item_label=report.item_label,
                role=report.role,
                light=str(light.color),
                rule_code=light.rule_code,
                explanation_zh=light.explanation_zh,
                percent=report.percent_complete if told else None,
                expected=_expected(light),
                rule_params=light.params,
            )
        )
        if light.color == RED:
            red.append(
                RedItem(
                    report_id=report.pk,
                    unit_id=report.unit_id,
                    unit_name=report.unit.name,
                    item_label=report.item_label,
                    rule_code=light.rule_code,
                    explanation_zh=light.explanation_zh,
                    rule_params=light.params,
                )
            )
    behind = [
        UnitBehind(unit_id=unit_id, unit_name=name, items=tuple(items))
        for (name, unit_id), items in sorted(
            grouped.items(), key=lambda kv: (-sum(i.light == RED for i in kv[1]), kv[0][0])
        )
    ]
    return behind, red


def _timeliness(round_: ReportingRound | None) -> list[TimelinessLine]:
    if round_ is None:
        return []
    return [
        TimelinessLine(r.unit_id, r.unit_name, r.due, r.submitted, r.on_time, r.accepted)
        for r in supervision.timeliness(round_)
    ]


def _scores(program: Program, period: Period, today: date) -> list[ScoreRow]:
    rows: list[ScoreRow] = []
    for card in supervision.scorecards(program, period, today):
        points = [line.points for line in card.scorecard.lines]
        rows.append(
            ScoreRow(
                unit_id=card.unit_id,
                unit_name=card.unit_name,
                base=card.scorecard.base,
                total=card.scorecard.total,
                plus=sum((p for p in points if p > 0), Decimal(0)),
                minus=sum((p for p in points if p < 0), Decimal(0)),
                events=len(points),
                red_notices=sum(
                    1 for ln in card.scorecard.lines if ln.event.kind is EventKind.RED_NOTICE
                ),
            )
        )
    return rows


def _open_notices(program: Program, period: Period) -> list[NoticeLine]:
    notices = (
        Notice.objects.filter(
            program=program,
            status__in=(AnswerStatus.OPEN, AnswerStatus.RETURNED),
            issued_on__lte=period.end,
        )
        .select_related("unit")
        .order_by("-level", "issued_on", "unit__name", "pk")
    )
    return [
        NoticeLine(
            notice_id=n.pk,
            unit_id=n.unit_id,
            unit_name=n.unit.name,
            level=n.level,
            reason=n.reason,
            reason_zh=str(Notice.Reason(n.reason).label),
            issued_on=n.issued_on,
            reply_by=n.reply_by,
            status=n.status,
        )
        for n in notices
    ]


def _mentions(
    timeliness: Sequence[TimelinessLine], scores: Sequence[ScoreRow]
) -> tuple[list[UnitMention], list[UnitMention]]:
    red_by_unit = {s.unit_id: s.red_notices for s in scores}
    names = {s.unit_id: s.unit_name for s in scores}
    praised: list[UnitMention] = []
    named: dict[int, UnitMention] = {}
    for row in timeliness:
        mention = UnitMention(
            row.unit_id, row.unit_name, row.due, row.late, red_by_unit.get(row.unit_id, 0)
        )
        is_clean = row.due and row.on_time == row.due and row.accepted == row.due
        if is_clean and not mention.red_notices:
            praised.append(mention)
        if mention.late or mention.red_notices:
            named[row.unit_id] = mention
    for unit_id, count in red_by_unit.items():
        if count and unit_id not in named:
            named[unit_id] = UnitMention(unit_id, names[unit_id], 0, 0, count)
    ordered = sorted(named.values(), key=lambda m: (-(m.red_notices * 10 + m.late), m.unit_name))
    return sorted(praised, key=lambda m: m.unit_name), ordered


def _total(rows: Sequence[TimelinessLine]) -> TimelinessLine:
    return TimelinessLine(
        0,
        "合计",
        sum(r.due for r in rows),
        sum(r.submitted for r in rows),
        sum(r.on_time for r in rows),
        sum(r.accepted for r in rows),
    )


def program_summary(
    program: Program,
    period: Period,
    *,
    today: date | None = None,
    progress: Sequence[IndicatorProgress] | None = None,
) -> ProgramSummary:
    """Return the program's numbers for the period, as of today (default: today in Shanghai).

    Pass `progress` (from load_progress) when the caller also builds the 市州 breakdown, so
    the indicator rows are read once per request.
    """
    today = today or supervision.local_today()
    rounds = list(
        ReportingRound.objects.filter(program=program, period_start__gte=period.start)
        .select_related("program")
        .order_by("period_start")[:2]
    )
    round_ = rounds[0] if rounds and rounds[0].period == str(period) else None
    next_round = rounds[1] if round_ is not None and len(rounds) > 1 else None
    if round_ is None and rounds and rounds[0].period_start > period.end:
        next_round = rounds[0]

    reports: list[ProgressReport] = []
    lights: dict[int, Light] = {}
    if round_ is not None:
        reports = list(
            ProgressReport.objects.filter(round=round_)
            .select_related("task", "decision", "decision__meeting", "unit")
            .order_by("task__order", "decision_id", "role", "unit__name")
        )
        lights = supervision.report_lights(round_, reports, today)
    roots, top = _top_sections(program)
    tasks = list(
        Task.objects.filter(program=program, is_active=True)
        .order_by("order")
        .only("id", "path", "title", "text", "section_id", "order")
    )
    lines = _task_lines(tasks, reports, lights, top)
    by_section: dict[str, list[TaskLine]] = defaultdict(list)
    for line in lines:
        by_section[line.section_path].append(line)
    sections = [
        _section_progress(s.path, s.title, by_section[s.path]) for s in roots if by_section[s.path]
    ]
    if by_section.get(""):
        sections.append(_section_progress("", "其他", by_section[""]))
    behind, red_items = _behind(reports, lights)
    timeliness = _timeliness(round_)
    scores = _scores(program, period, today)
    praised, named = _mentions(timeliness, scores)
    targets = _target_rows(load_progress(program) if progress is None else progress, period)
    notices = _open_notices(program, period)
    document = published_document(program)

    parts: list[str] = []
    if (round_ is not None and round_.is_simulated) or any(r.is_simulated for r in reports):
        parts.append("supervision")
    if any(t.is_simulated for t in targets):
        parts.append("indicators")
    overall = replace(_section_progress("", "全部任务", lines), title="全部任务")
    return ProgramSummary(
        program_id=program.pk,
        program_slug=program.slug,
        program_name=program.name,
        document_title=(document.title if document is not None else "") or program.name,
        region_name=program.region.name if program.region is not None else "",
        period=str(period),
        period_label=period.label_zh,
        period_start=period.start,
        period_end=period.end,
        as_of=today,
        round=RoundInfo(round_.pk, round_.period, round_.opens_on, round_.due_on, round_.status)
        if round_ is not None
        else None,
        next_due_on=next_round.due_on if next_round is not None else None,
        overall=overall,
        sections=tuple(sections),
        tasks=tuple(lines),
        targets=tuple(targets),
        behind=tuple(behind),
        timeliness=tuple(timeliness),
        timeliness_total=_total(timeliness),
        scorecards=tuple(scores),
        red_items=tuple(red_items),
        open_notices=tuple(notices),
        praised=tuple(praised),
        named=tuple(named),
        is_simulated=bool(parts),
        simulated_parts=tuple(parts),
    )


def summary_for(program: Program, period_text: str, *, today: date | None = None) -> ProgramSummary:
    """Return the summary for a period string; ValueError names a bad period."""
    return program_summary(program, parse_period(period_text), today=today)
