"""Timeliness per unit in a round, and scorecards per unit over a period."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from luoshi.core.periods import Period
from luoshi.org.models import Unit
from luoshi.plans.models import Program
from luoshi.supervision.models import ProgressReport, ReportingRound, SupervisionNotice
from luoshi.supervision.queries.common import get_settings
from luoshi.supervision.scoring import EventKind, Scorecard, ScoreEvent, score


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


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    unit_name: str
    scorecard: Scorecard


def _period_reports(program: Program, period: Period) -> QuerySet[ProgressReport]:
    """Return the program's reports in rounds that lie inside the period."""
    return ProgressReport.objects.filter(
        round__program=program,
        round__period_start__gte=period.start,
        round__period_end__lte=period.end,
    )


def _score_events(program: Program, period: Period, today: date) -> dict[int, list[ScoreEvent]]:
    events: dict[int, list[ScoreEvent]] = defaultdict(list)
    reports = _period_reports(program, period).select_related(
        "round", "task", "decision", "decision__meeting"
    )
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
    unit_ids = set(events) | set(_period_reports(program, period).values_list("unit_id", flat=True))
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("id", "name"))
    out = [UnitScore(u, names[u], score(rules, events.get(u, []))) for u in unit_ids]
    return sorted(out, key=lambda s: (-s.scorecard.total, s.unit_name))
