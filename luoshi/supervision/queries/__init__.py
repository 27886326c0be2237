"""Reads for supervision, scoped to the user: missing and forbidden both raise Http404.

One module per concern; everything public is re-exported here, so callers keep writing
`from luoshi.supervision import queries` and `queries.list_reports(user)`.
"""

from luoshi.supervision.queries.asks import Ask, responsible_units, round_asks
from luoshi.supervision.queries.common import (
    acts_for,
    get_settings,
    local_today,
    one_or_404,
    unit_scoped,
)
from luoshi.supervision.queries.deadlines import (
    current_item_light,
    effective_deadline,
    extended_deadlines,
    item_lights,
    report_lights,
)
from luoshi.supervision.queries.rounds import (
    access_report,
    access_round,
    co_reports,
    late_reports,
    list_reports,
    list_rounds,
    list_schedules,
)
from luoshi.supervision.queries.scores import TimelinessRow, UnitScore, scorecards, timeliness
from luoshi.supervision.queries.tracking import (
    access_decision,
    access_extension,
    access_instruction,
    access_meeting,
    access_notice,
    list_decisions,
    list_extensions,
    list_instructions,
    list_meetings,
    list_notices,
    list_notifications,
    open_answer_count,
)

__all__ = [
    "Ask",
    "TimelinessRow",
    "UnitScore",
    "access_decision",
    "access_extension",
    "access_instruction",
    "access_meeting",
    "access_notice",
    "access_report",
    "access_round",
    "acts_for",
    "co_reports",
    "current_item_light",
    "effective_deadline",
    "extended_deadlines",
    "get_settings",
    "item_lights",
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
    "one_or_404",
    "open_answer_count",
    "report_lights",
    "responsible_units",
    "round_asks",
    "scorecards",
    "timeliness",
    "unit_scoped",
]
