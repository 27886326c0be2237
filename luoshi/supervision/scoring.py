"""Scorecards (考核评分): a base score moved by events, each event listed with its points."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "EventKind",
    "ScoreEvent",
    "ScoreLine",
    "Scorecard",
    "ScoringRules",
    "points_for",
    "score",
]

LEAD = "lead"
CO = "co"


class EventKind(StrEnum):
    ACCEPTED_ON_TIME = "accepted_on_time"
    OVERDUE = "overdue"
    RETURNED = "returned"
    RED_NOTICE = "red_notice"


EVENT_LABELS_ZH = {
    EventKind.ACCEPTED_ON_TIME: "按时报送并通过审核",
    EventKind.OVERDUE: "逾期未报送",
    EventKind.RETURNED: "报告被退回",
    EventKind.RED_NOTICE: "收到红色督办单",
}


@dataclass(frozen=True)
class ScoringRules:
    """Points per event (DESIGN §7); lead and co-units weigh differently where it matters."""

    base: Decimal = Decimal(100)
    lead_on_time: Decimal = Decimal(2)
    co_on_time: Decimal = Decimal(1)
    lead_overdue: Decimal = Decimal(-5)
    co_overdue: Decimal = Decimal("-2.5")
    returned: Decimal = Decimal(-2)
    red_notice: Decimal = Decimal(-5)


@dataclass(frozen=True)
class ScoreEvent:
    kind: EventKind
    day: date
    subject: str
    role: str = ""
    reference: str = ""


@dataclass(frozen=True)
class ScoreLine:
    event: ScoreEvent
    points: Decimal

    @property
    def label_zh(self) -> str:
        return EVENT_LABELS_ZH[self.event.kind]


@dataclass(frozen=True)
class Scorecard:
    base: Decimal
    total: Decimal
    lines: tuple[ScoreLine, ...]


def points_for(rules: ScoringRules, event: ScoreEvent) -> Decimal:
    """Return the points one event moves a score by."""
    if event.kind is EventKind.ACCEPTED_ON_TIME:
        return rules.lead_on_time if event.role == LEAD else rules.co_on_time
    if event.kind is EventKind.OVERDUE:
        return rules.lead_overdue if event.role == LEAD else rules.co_overdue
    if event.kind is EventKind.RETURNED:
        return rules.returned
    return rules.red_notice


def score(rules: ScoringRules, events: Iterable[ScoreEvent]) -> Scorecard:
    """Return the base plus every event's points, with the events in date order."""
    lines = tuple(
        ScoreLine(e, points_for(rules, e))
        for e in sorted(events, key=lambda e: (e.day, e.kind.value, e.reference, e.subject))
    )
    return Scorecard(rules.base, rules.base + sum((ln.points for ln in lines), Decimal(0)), lines)
