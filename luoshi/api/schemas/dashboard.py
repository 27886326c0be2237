"""Schemas of the dashboard endpoints: the values of `program_summary` and its breakdowns.

Quantities are decimal strings; shares (progress_share, expected_share) are fractions (0.75),
task percents are percent (68.6). Field names are those of `luoshi.reports.content`.
"""

from datetime import date
from decimal import Decimal

from ninja import Schema


class LightsOut(Schema):
    green: int
    yellow: int
    red: int
    none: int
    total: int


class SectionOut(Schema):
    path: str
    title: str
    tasks: int
    reported: int
    completed: int
    average_percent: Decimal | None
    average_expected: Decimal | None
    lights: LightsOut


class RoundOut(Schema):
    round_id: int
    period: str
    opens_on: date
    due_on: date
    status: str


class TargetOut(Schema):
    indicator_id: int
    code: str
    name: str
    unit: str
    comparator: str
    baseline: Decimal | None
    baseline_year: int | None
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
    forecast_value: Decimal | None
    is_achieved: bool
    light: str
    light_rule: str
    missing: str
    is_simulated: bool
    how_url: str = ""


class TimelinessOut(Schema):
    unit_id: int
    unit_name: str
    due: int
    submitted: int
    on_time: int
    accepted: int
    late: int
    on_time_rate: Decimal | None


class ScoreOut(Schema):
    unit_id: int
    unit_name: str
    base: Decimal
    total: Decimal
    plus: Decimal
    minus: Decimal
    events: int
    red_notices: int


class PrefectureIndicatorOut(Schema):
    indicator_id: int
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    baseline_is_derived: bool
    latest: Decimal | None
    latest_period: str
    is_simulated: bool
    target: Decimal | None
    target_year: int | None
    progress_share: Decimal | None
    progress_formula: str
    expected_share: Decimal | None
    growth_ratio: Decimal | None
    growth_formula: str
    anticipated_share: Decimal | None
    light: str
    light_rule: str
    missing: str


class PrefectureOut(Schema):
    region_id: int
    code: str
    name: str
    unit_id: int | None
    unit_name: str
    timeliness: TimelinessOut | None
    indicators: list[PrefectureIndicatorOut]


class LeagueOut(Schema):
    rank: int
    unit_id: int
    unit_name: str
    timeliness: TimelinessOut | None
    score: ScoreOut | None


class RedItemOut(Schema):
    report_id: int
    unit_id: int
    unit_name: str
    item_label: str
    rule_code: str
    explanation_zh: str


class NoticeOut(Schema):
    notice_id: int
    unit_id: int
    unit_name: str
    level: str
    reason: str
    reason_zh: str
    issued_on: date
    reply_by: date | None
    status: str


class BehindItemOut(Schema):
    report_id: int
    item_label: str
    role: str
    light: str
    rule_code: str
    explanation_zh: str
    percent: Decimal | None
    expected: Decimal | None


class TaskLineOut(Schema):
    task_id: int
    path: str
    title: str
    section_path: str
    light: str
    rule_code: str
    percent: Decimal | None
    expected: Decimal | None
    is_completed: bool
    lead_units: list[str]


class UnitSliceOut(Schema):
    unit_id: int
    unit_name: str
    timeliness: TimelinessOut | None
    score: ScoreOut | None
    lights: LightsOut
    behind: list[BehindItemOut]
    red_items: list[RedItemOut]
    open_notices: list[NoticeOut]
    lead_tasks: list[TaskLineOut]


class DashboardHead(Schema):
    program_id: int
    program_slug: str
    program_name: str
    period: str
    period_label: str
    period_start: date
    period_end: date
    as_of: date
    round: RoundOut | None
    is_simulated: bool
    simulated_parts: list[str]


class DashboardOut(DashboardHead):
    """Every chart of the program dashboard: sections, targets, the 市州, league, red, notices."""

    overall: SectionOut
    sections: list[SectionOut]
    targets: list[TargetOut]
    prefectures: list[PrefectureOut]
    league: list[LeagueOut]
    red_items: list[RedItemOut]
    open_notices: list[NoticeOut]


class UnitDashboardOut(DashboardHead):
    unit: UnitSliceOut


class RegionDashboardOut(DashboardHead):
    prefecture: PrefectureOut
    unit: UnitSliceOut | None
