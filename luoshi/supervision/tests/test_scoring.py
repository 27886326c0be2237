"""Scorecards: base plus every event's points, lead and co-units weighted differently."""

from datetime import date
from decimal import Decimal

from luoshi.supervision.scoring import EventKind, ScoreEvent, ScoringRules, score


def test_scores_every_event_and_lists_them_in_date_order() -> None:
    events = [
        ScoreEvent(EventKind.OVERDUE, date(2020, 4, 6), "2020Q1 甲", "co", "report:2"),
        ScoreEvent(EventKind.ACCEPTED_ON_TIME, date(2020, 4, 1), "2020Q1 乙", "lead", "report:1"),
        ScoreEvent(EventKind.ACCEPTED_ON_TIME, date(2020, 4, 2), "2020Q1 丙", "co", "report:3"),
        ScoreEvent(EventKind.OVERDUE, date(2020, 7, 6), "2020Q2 乙", "lead", "report:4"),
        ScoreEvent(EventKind.RETURNED, date(2020, 7, 8), "2020Q2 乙", "lead", "report:4:return:1"),
        ScoreEvent(EventKind.RED_NOTICE, date(2020, 7, 9), "逾期未报送", "", "notice:1"),
    ]
    card = score(ScoringRules(), events)
    assert card.total == Decimal("88.5")
    assert [(line.event.reference, line.points) for line in card.lines] == [
        ("report:1", Decimal(2)),
        ("report:3", Decimal(1)),
        ("report:2", Decimal("-2.5")),
        ("report:4", Decimal(-5)),
        ("report:4:return:1", Decimal(-2)),
        ("notice:1", Decimal(-5)),
    ]
    assert card.lines[0].label_zh == "按时报送并通过审核"


def test_rules_are_configurable() -> None:
    rules = ScoringRules(base=Decimal(60), lead_on_time=Decimal(10))
    event = ScoreEvent(EventKind.ACCEPTED_ON_TIME, date(2020, 4, 1), "甲", "lead")
    assert score(rules, [event]).total == Decimal(70)
    assert score(rules, []).total == Decimal(60)
