"""Indicator models, split by concern; import them from here."""

from luoshi.indicators.models.fields import VALUE_DIGITS, VALUE_PLACES, ExactDecimalField
from luoshi.indicators.models.imports import ImportFormat, ImportJob, ImportStatus
from luoshi.indicators.models.indicators import (
    Aggregation,
    AllocationMethod,
    Direction,
    Indicator,
    IndicatorTarget,
    PeriodType,
)
from luoshi.indicators.models.rules import VALUE_RULES, Importance, RuleKind, ValidationRule
from luoshi.indicators.models.values import DataValue, DataValueChange, ValueSource, ValueStatus

__all__ = [
    "VALUE_DIGITS",
    "VALUE_PLACES",
    "VALUE_RULES",
    "Aggregation",
    "AllocationMethod",
    "DataValue",
    "DataValueChange",
    "Direction",
    "ExactDecimalField",
    "ImportFormat",
    "ImportJob",
    "ImportStatus",
    "Importance",
    "Indicator",
    "IndicatorTarget",
    "PeriodType",
    "RuleKind",
    "ValidationRule",
    "ValueSource",
    "ValueStatus",
]
