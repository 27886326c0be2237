"""Pages for programs, the import review, tasks, units and the responsibility matrix."""

from luoshi.plans.views.programs import (
    program_detail,
    program_import,
    program_list,
    program_reimport,
)
from luoshi.plans.views.review import (
    document_discard,
    document_publish,
    document_review,
    plan_confirm_leads,
    plan_map_name,
    plan_target_edit,
    plan_task_edit,
    plan_task_row,
)
from luoshi.plans.views.tasks import (
    matrix,
    task_detail,
    task_list,
    unit_tasks,
)

__all__ = [
    "document_discard",
    "document_publish",
    "document_review",
    "matrix",
    "plan_confirm_leads",
    "plan_map_name",
    "plan_target_edit",
    "plan_task_edit",
    "plan_task_row",
    "program_detail",
    "program_import",
    "program_list",
    "program_reimport",
    "task_detail",
    "task_list",
    "unit_tasks",
]
