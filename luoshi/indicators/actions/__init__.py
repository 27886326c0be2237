"""Every write to indicators, targets, data values, rules and imports; one transaction each."""

from luoshi.indicators.actions.common import ConflictError
from luoshi.indicators.actions.imports import (
    BACKGROUND_BYTES,
    do_import_data_values,
    do_start_import,
)
from luoshi.indicators.actions.indicators import (
    INDICATOR_FIELDS,
    do_create_default_rules,
    do_create_indicator,
    do_create_indicators_from_targets,
    do_update_indicator,
)
from luoshi.indicators.actions.rules import do_create_validation_rule, do_update_validation_rule
from luoshi.indicators.actions.targets import do_allocate_target, do_update_indicator_target
from luoshi.indicators.actions.values import (
    ValueInput,
    do_approve_data_value,
    do_approve_data_values,
    do_reopen_data_value,
    do_return_data_value,
    do_save_data_value,
    do_save_data_values,
    do_submit_data_value,
)

__all__ = [
    "BACKGROUND_BYTES",
    "INDICATOR_FIELDS",
    "ConflictError",
    "ValueInput",
    "do_allocate_target",
    "do_approve_data_value",
    "do_approve_data_values",
    "do_create_default_rules",
    "do_create_indicator",
    "do_create_indicators_from_targets",
    "do_create_validation_rule",
    "do_import_data_values",
    "do_reopen_data_value",
    "do_return_data_value",
    "do_save_data_value",
    "do_save_data_values",
    "do_start_import",
    "do_submit_data_value",
    "do_update_indicator",
    "do_update_indicator_target",
    "do_update_validation_rule",
]
