"""Status lights (红黄绿灯) for one tracked item in one round, with the rule and its inputs."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from luoshi.core.periods import elapsed_share

__all__ = [
    "RULE_TEXTS_ZH",
    "Light",
    "LightColor",
    "LightInputs",
    "Thresholds",
    "compute_light",
    "expected_percent",
    "worst_light",
]

# Report states as the database stores them; a report that does not exist is "missing".
MISSING = "missing"
DRAFT = "draft"
PENDING_SIGNOFF = "pending_signoff"
SUBMITTED = "submitted"
ACCEPTED = "accepted"
RETURNED = "returned"
DELAYED = "delayed"
COMPLETED = "completed"

_HANDED_IN = {SUBMITTED, ACCEPTED}
# Once a report has been handed in at least once, what it says counts, even while returned.
_WITHOUT_CONTENT = {MISSING, DRAFT}

_STATUS_ZH = {
    MISSING: "未报送",
    DRAFT: "草稿",
    PENDING_SIGNOFF: "待负责人审签",
    SUBMITTED: "已报送",
    ACCEPTED: "已通过",
    RETURNED: "已退回",
}
_PROGRESS_ZH = {
    "not_started": "未启动",
    "on_track": "按计划推进",
    DELAYED: "滞后",
    COMPLETED: "已完成",
}


# The Chinese text of each rule, for logs and the API; pages render the same sentences through
# gettext (luoshi.supervision.texts), where they are the msgids.
RULE_TEXTS_ZH = {
    "overdue": "报送截止日期 %(due_on)s 已过，尚无通过审核的报告。",
    "delayed_twice": "连续两轮报告进展滞后。",
    "due_soon": (
        "距报送截止日期还有 %(days_left)s 天，尚未报送（提前 %(yellow_due_days)s 天亮黄灯）。"
    ),
    "behind_schedule": (
        "完成进度 %(percent)s%% 低于序时进度 %(expected)s%% 减 %(behind_points)s 个百分点。"
    ),
    "reported_delayed": "本轮报告进展滞后。",
    "on_track": "按期报送，进度不低于序时进度要求。",
}


class LightColor(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


_SEVERITY = {LightColor.GREEN: 0, LightColor.YELLOW: 1, LightColor.RED: 2}


@dataclass(frozen=True)
class Thresholds:
    """The per-program settings the yellow rules use."""

    yellow_due_days: int = 3
    behind_points: Decimal = Decimal(15)


@dataclass(frozen=True)
class LightInputs:
    """Everything one light depends on; dates are calendar days in Asia/Shanghai."""

    today: date
    due_on: date
    as_of: date
    span_start: date
    span_end: date
    report_status: str = MISSING
    progress_status: str = ""
    percent_complete: Decimal | None = None
    previous_progress_status: str = ""
    thresholds: Thresholds = Thresholds()


@dataclass(frozen=True)
class Light:
    """A light, the rule that set it with the rule's parameters, and every input.

    `inputs` holds codes for states (`submitted`, `delayed`, `missing`; "—" when there is
    nothing to show) so a page can label them in its language; `inputs_zh` labels them in
    Chinese for logs and the API.
    """

    color: LightColor
    rule_code: str
    params: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str], ...]

    @property
    def severity(self) -> int:
        return _SEVERITY[self.color]

    @property
    def explanation_zh(self) -> str:
        return RULE_TEXTS_ZH[self.rule_code] % dict(self.params)

    @property
    def inputs_zh(self) -> dict[str, str]:
        names = {
            "report_status": _STATUS_ZH,
            "progress_status": _PROGRESS_ZH,
            "previous_progress_status": _PROGRESS_ZH,
        }
        return {
            name: names[name].get(value, value) if name in names else value
            for name, value in self.inputs
        }


def expected_percent(span_start: date, span_end: date, as_of: date) -> Decimal:
    """Return 序时进度 in percent: the elapsed share of the span at as_of, to one decimal."""
    share = elapsed_share(span_start, span_end, as_of)
    return (share * 100).quantize(Decimal("0.1"))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def _code_or_dash(code: str) -> str:
    return code if code in _PROGRESS_ZH else "—"


def compute_light(inputs: LightInputs) -> Light:
    """Return the light of the first rule that matches (DESIGN §5), with its inputs."""
    t = inputs.thresholds
    expected = expected_percent(inputs.span_start, inputs.span_end, inputs.as_of)
    has_content = inputs.report_status not in _WITHOUT_CONTENT
    percent = inputs.percent_complete if has_content else None
    days_left = (inputs.due_on - inputs.today).days
    shown: tuple[tuple[str, str], ...] = (
        ("today", inputs.today.isoformat()),
        ("due_on", inputs.due_on.isoformat()),
        ("report_status", inputs.report_status),
        ("progress_status", _code_or_dash(inputs.progress_status) if has_content else "—"),
        ("previous_progress_status", _code_or_dash(inputs.previous_progress_status)),
        ("percent_complete", _plain(percent) if percent is not None else "—"),
        ("expected_percent", _plain(expected)),
        ("span", f"{inputs.span_start.isoformat()}—{inputs.span_end.isoformat()}"),
        ("as_of", inputs.as_of.isoformat()),
        ("yellow_due_days", str(t.yellow_due_days)),
        ("behind_points", _plain(t.behind_points)),
    )

    def light(color: LightColor, code: str, **params: str) -> Light:
        return Light(color, code, tuple(params.items()), shown)

    if days_left < 0 and inputs.report_status != ACCEPTED:
        return light(LightColor.RED, "overdue", due_on=inputs.due_on.isoformat())
    delayed = has_content and inputs.progress_status == DELAYED
    if delayed and inputs.previous_progress_status == DELAYED:
        return light(LightColor.RED, "delayed_twice")
    if 0 <= days_left <= t.yellow_due_days and inputs.report_status not in _HANDED_IN:
        return light(
            LightColor.YELLOW,
            "due_soon",
            days_left=str(days_left),
            yellow_due_days=str(t.yellow_due_days),
        )
    if (
        percent is not None
        and inputs.progress_status != COMPLETED
        and percent < expected - t.behind_points
    ):
        return light(
            LightColor.YELLOW,
            "behind_schedule",
            percent=_plain(percent),
            expected=_plain(expected),
            behind_points=_plain(t.behind_points),
        )
    if delayed:
        return light(LightColor.YELLOW, "reported_delayed")
    return light(LightColor.GREEN, "on_track")


def worst_light(lights: Iterable[Light]) -> Light | None:
    """Return the most severe light (the first of equals), or None when there is none."""
    worst: Light | None = None
    for item in lights:
        if worst is None or item.severity > worst.severity:
            worst = item
    return worst
