"""The indicator pages, thin: reads from queries and progress, writes through actions."""

from luoshi.indicators.views.indicators import (
    create_from_targets,
    indicator_create,
    indicator_detail,
    indicator_edit,
    indicator_list,
    target_allocate,
    target_edit,
)
from luoshi.indicators.views.io import (
    export_values,
    import_detail,
    import_errors_csv,
    import_page,
    template_download,
    violations,
)
from luoshi.indicators.views.values import approvals, entry, value_action, value_detail

__all__ = [
    "approvals",
    "create_from_targets",
    "entry",
    "export_values",
    "import_detail",
    "import_errors_csv",
    "import_page",
    "indicator_create",
    "indicator_detail",
    "indicator_edit",
    "indicator_list",
    "target_allocate",
    "target_edit",
    "template_download",
    "value_action",
    "value_detail",
    "violations",
]
