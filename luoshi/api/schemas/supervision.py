"""Schemas of the supervision endpoints: rounds, reports, notices, tracking, scores."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import translation
from ninja import Field, Schema

from luoshi.supervision import queries
from luoshi.supervision.lights import Light
from luoshi.supervision.models import Decision, Meeting, ProgressReport
from luoshi.supervision.scoring import EventKind
from luoshi.supervision.texts import light_text, score_label


class RoundOut(Schema):
    id: int
    program_id: int
    period: str
    period_start: date
    period_end: date
    opens_on: date
    due_on: date
    locks_on: date | None
    unlocked_until: date | None
    status: str
    is_simulated: bool


class RoundIn(Schema):
    program_id: int
    period: str = Field(description="2020、2020H1、2020Q3 或 2020-07 / a period string")
    opens_on: date
    due_on: date
    locks_on: date | None = None


class UnlockIn(Schema):
    until: date


class LightOut(Schema):
    color: str
    rule_code: str
    params: dict[str, str] = Field(description="规则的参数 / the values the rule's sentence names")
    explanation_zh: str
    explanation_en: str
    inputs: dict[str, str] = Field(description="灯的全部输入 / every input, states in Chinese")


class ReportOut(Schema):
    id: int
    round_id: int
    period: str = Field(alias="round.period")
    task_id: int | None
    decision_id: int | None
    item: str = Field(alias="item_label")
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    role: str
    is_consolidated: bool
    status: str
    progress_status: str
    percent_complete: str
    progress: str
    problems: str
    next_steps: str
    return_reason: str
    return_count: int
    version: int
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    is_on_time: bool | None
    is_simulated: bool

    @staticmethod
    def resolve_percent_complete(obj: ProgressReport) -> str:
        return format(Decimal(obj.percent_complete).normalize(), "f")


class ReportDetailOut(ReportOut):
    light: LightOut
    evidence: list[dict[str, Any]]

    @staticmethod
    def resolve_light(obj: ProgressReport) -> dict[str, Any]:
        light = queries.report_lights(obj.round, [obj], queries.local_today())[obj.pk]
        return light_out(light)

    @staticmethod
    def resolve_evidence(obj: ProgressReport) -> list[dict[str, Any]]:
        return [
            {"id": e.pk, "original_name": e.original_name, "size": e.size, "file_type": e.file_type}
            for e in obj.evidence.all()
        ]


class ReportCreateIn(Schema):
    round_id: int
    unit_id: int
    task_id: int | None = None
    decision_id: int | None = None


class ReportIn(Schema):
    version: int = Field(description="读取时的版本号 / the version you read")
    progress_status: str | None = None
    percent_complete: Decimal | None = Field(None, ge=0, le=100)
    progress: str | None = None
    problems: str | None = None
    next_steps: str | None = None


class SubmitIn(Schema):
    version: int | None = None


class SignOffIn(Schema):
    approve: bool = True
    note: str = ""


class ReasonIn(Schema):
    reason: str


class EvidenceOut(Schema):
    id: int
    original_name: str
    size: int
    file_type: str


class NoticeOut(Schema):
    id: int
    program_id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    level: str
    reason: str
    text: str
    round_id: int | None
    report_id: int | None
    issued_on: date
    reply_by: date | None
    status: str
    answer: str
    review_note: str
    escalated_from_id: int | None
    is_simulated: bool


class AnswerIn(Schema):
    answer: str


class ReviewIn(Schema):
    accept: bool
    note: str = ""


class ExtensionOut(Schema):
    id: int
    program_id: int
    task_id: int | None
    decision_id: int | None
    unit_id: int
    current_deadline: date
    requested_deadline: date
    reason: str
    status: str
    decision_note: str
    is_simulated: bool


class ExtensionIn(Schema):
    unit_id: int
    task_id: int | None = None
    decision_id: int | None = None
    requested_deadline: date
    reason: str


class DecideIn(Schema):
    approve: bool
    note: str = ""


class DecisionOut(Schema):
    id: int
    meeting_id: int
    program_id: int
    number: int
    text: str
    deadline: date | None
    status: str
    owners: list[dict[str, Any]]
    is_simulated: bool

    @staticmethod
    def resolve_owners(obj: Decision) -> list[dict[str, Any]]:
        return [
            {"unit_id": o.unit_id, "unit_name": o.unit.name, "role": o.role}
            for o in obj.owner_rows.all()
        ]


class MeetingOut(Schema):
    id: int
    program_id: int
    kind: str
    date: date
    title: str
    minutes: str
    attendee_ids: list[int]
    is_simulated: bool

    @staticmethod
    def resolve_attendee_ids(obj: Meeting) -> list[int]:
        return sorted(u.pk for u in obj.attendees.all())


class MeetingIn(Schema):
    program_id: int
    kind: str
    date: date
    title: str
    attendee_ids: list[int] = Field(default_factory=list)
    minutes: str = ""


class DecisionIn(Schema):
    text: str
    lead_unit_ids: list[int]
    co_unit_ids: list[int] = Field(default_factory=list)
    deadline: date | None = None


class InstructionOut(Schema):
    id: int
    program_id: int
    author_id: int | None
    text: str
    task_id: int | None
    report_id: int | None
    notice_id: int | None
    unit_id: int
    reply_by: date | None
    status: str
    answer: str
    review_note: str
    is_simulated: bool


class InstructionIn(Schema):
    text: str
    unit_id: int
    task_id: int | None = None
    report_id: int | None = None
    notice_id: int | None = None
    reply_by: date | None = None


class ScoreLineOut(Schema):
    kind: str
    label_zh: str
    label_en: str
    day: date
    subject: str
    role: str
    reference: str
    points: str


class ScorecardOut(Schema):
    unit_id: int
    unit_name: str
    base: str
    total: str
    lines: list[ScoreLineOut]


class TimelinessOut(Schema):
    unit_id: int
    unit_name: str
    due: int
    submitted: int
    on_time: int
    accepted: int


class RoundFilter(Schema):
    program: int | None = None


class ReportFilter(Schema):
    round: int | None = None
    status: str | None = None
    unit: int | None = None


class NoticeFilter(Schema):
    level: str | None = None
    status: str | None = None


def light_out(light: Light) -> dict[str, Any]:
    """Return a light with its rule in Chinese and in English, and every input."""
    with translation.override("en"):
        explanation_en = light_text(light)
    return {
        "color": light.color.value,
        "rule_code": light.rule_code,
        "params": dict(light.params),
        "explanation_zh": light.explanation_zh,
        "explanation_en": explanation_en,
        "inputs": light.inputs_zh,
    }


def score_label_en(kind: EventKind) -> str:
    """Return what a score line counts, in English."""
    with translation.override("en"):
        return score_label(kind)


def plain_number(value: Decimal) -> str:
    return format(value.normalize(), "f")
