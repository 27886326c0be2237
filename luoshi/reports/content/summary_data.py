"""The numbers of one program for one period, as plain frozen values (no rows, no Django).

`luoshi.reports.summary.program_summary` fills them from the database; the bulletin, the
Excel exports, the API and the dashboard all read the same `ProgramSummary`, so a figure is
computed once and shows the same everywhere.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

__all__ = [
    "BehindItem",
    "LightCounts",
    "NoticeLine",
    "ProgramSummary",
    "RedItem",
    "RoundInfo",
    "ScoreRow",
    "SectionProgress",
    "TargetRow",
    "TaskLine",
    "TimelinessLine",
    "UnitBehind",
    "UnitMention",
]

# Task and report lights; "none" is a task nobody reported on in the round.
GREEN = "green"
YELLOW = "yellow"
RED = "red"
NONE = "none"


@dataclass(frozen=True)
class LightCounts:
    green: int = 0
    yellow: int = 0
    red: int = 0
    none: int = 0

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red + self.none

    def add(self, color: str) -> "LightCounts":
        """Return the counts with one more light of the colour."""
        return LightCounts(
            green=self.green + (color == GREEN),
            yellow=self.yellow + (color == YELLOW),
            red=self.red + (color == RED),
            none=self.none + (color not in (GREEN, YELLOW, RED)),
        )


@dataclass(frozen=True)
class RoundInfo:
    round_id: int
    period: str
    opens_on: date
    due_on: date
    status: str


@dataclass(frozen=True)
class TaskLine:
    """One active task in the round: its light (worst of its units'), the leads' progress."""

    task_id: int
    path: str
    title: str
    section_path: str
    light: str
    rule_code: str
    percent: Decimal | None
    expected: Decimal | None
    is_completed: bool
    lead_units: tuple[str, ...]


@dataclass(frozen=True)
class SectionProgress:
    """Tasks of one top-level section (or of the whole program when `path` is empty)."""

    path: str
    title: str
    tasks: int
    reported: int
    completed: int
    average_percent: Decimal | None
    average_expected: Decimal | None
    lights: LightCounts


@dataclass(frozen=True)
class TargetRow:
    """One quantified target: baseline, latest value as of the period, target, P, E, A, light."""

    indicator_id: int
    code: str
    name: str
    unit: str
    comparator: str
    baseline: Decimal | None
    baseline_year: int | None
    baseline_source: str
    baseline_is_derived: bool
    latest: Decimal | None
    latest_period: str
    latest_source: str
    target: Decimal | None
    target_year: int | None
    progress_share: Decimal | None
    expected_share: Decimal | None
    growth_ratio: Decimal | None
    growth_band: str | None
    anticipated_value: Decimal | None
    anticipated_share: Decimal | None
    anticipated_band: str | None
    forecast_value: Decimal | None
    is_achieved: bool
    light: str
    light_rule: str
    missing: str
    is_simulated: bool

    @property
    def is_assessed(self) -> bool:
        return self.progress_share is not None

    @property
    def is_behind_expected(self) -> bool:
        """Return whether the progress share trails the share of time elapsed."""
        if self.progress_share is None or self.expected_share is None or self.is_achieved:
            return False
        return self.progress_share < self.expected_share


@dataclass(frozen=True)
class BehindItem:
    report_id: int
    item_label: str
    role: str
    light: str
    rule_code: str
    explanation_zh: str
    percent: Decimal | None
    expected: Decimal | None
    # The rule's values, so a page can say the rule in the reader's language.
    rule_params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class UnitBehind:
    """A unit's items whose light in the round is yellow or red."""

    unit_id: int
    unit_name: str
    items: tuple[BehindItem, ...]


@dataclass(frozen=True)
class TimelinessLine:
    unit_id: int
    unit_name: str
    due: int
    submitted: int
    on_time: int
    accepted: int

    @property
    def late(self) -> int:
        """Return the reports not handed in by the due date (late or never)."""
        return self.due - self.on_time

    @property
    def missing(self) -> int:
        return self.due - self.submitted

    @property
    def on_time_rate(self) -> Decimal | None:
        """Return the on-time share in percent, to one decimal."""
        if self.due == 0:
            return None
        return (Decimal(self.on_time) * 100 / Decimal(self.due)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class ScoreRow:
    unit_id: int
    unit_name: str
    base: Decimal
    total: Decimal
    plus: Decimal
    minus: Decimal
    events: int
    red_notices: int


@dataclass(frozen=True)
class RedItem:
    report_id: int
    unit_id: int
    unit_name: str
    item_label: str
    rule_code: str
    explanation_zh: str
    rule_params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NoticeLine:
    notice_id: int
    unit_id: int
    unit_name: str
    level: str
    reason: str
    reason_zh: str
    issued_on: date
    reply_by: date | None
    status: str


@dataclass(frozen=True)
class UnitMention:
    """A unit praised (all reports on time and accepted) or named (late, red notices)."""

    unit_id: int
    unit_name: str
    due: int
    late: int
    red_notices: int


@dataclass(frozen=True)
class ProgramSummary:
    program_id: int
    program_slug: str
    program_name: str
    document_title: str
    region_name: str
    period: str
    period_label: str
    period_start: date
    period_end: date
    as_of: date
    round: RoundInfo | None
    next_due_on: date | None
    overall: SectionProgress
    sections: tuple[SectionProgress, ...]
    tasks: tuple[TaskLine, ...]
    targets: tuple[TargetRow, ...]
    behind: tuple[UnitBehind, ...]
    timeliness: tuple[TimelinessLine, ...]
    timeliness_total: TimelinessLine
    scorecards: tuple[ScoreRow, ...]
    red_items: tuple[RedItem, ...]
    open_notices: tuple[NoticeLine, ...]
    praised: tuple[UnitMention, ...]
    named: tuple[UnitMention, ...]
    is_simulated: bool
    simulated_parts: tuple[str, ...]
