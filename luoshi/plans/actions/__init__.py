"""Every write to programs and plans (import, review, publish, re-import), one transaction each."""

from luoshi.plans.actions.common import TARGET_FIELDS, TASK_FIELDS
from luoshi.plans.actions.documents import (
    do_discard_draft_document,
    do_start_program_import,
    do_start_reimport,
)
from luoshi.plans.actions.publish import (
    do_publish_plan,
    plan_snapshots,
    published_snapshots,
)
from luoshi.plans.actions.review import (
    do_confirm_plan_leads,
    do_map_unit_name,
    do_update_plan_target,
    do_update_plan_task,
    unmapped_names,
)

__all__ = [
    "TARGET_FIELDS",
    "TASK_FIELDS",
    "do_confirm_plan_leads",
    "do_discard_draft_document",
    "do_map_unit_name",
    "do_publish_plan",
    "do_start_program_import",
    "do_start_reimport",
    "do_update_plan_target",
    "do_update_plan_task",
    "plan_snapshots",
    "published_snapshots",
    "unmapped_names",
]
