"""PURE indicator analytics (DESIGN §6): no Django; Decimal in, frozen dataclasses out."""

from luoshi.indicators.analytics.aggregate import Part, aggregate
from luoshi.indicators.analytics.allocation import Share, allocate_by_weight
from luoshi.indicators.analytics.figures import Figure, Input
from luoshi.indicators.analytics.forecast import ForecastPoint, Observation, forecast
from luoshi.indicators.analytics.light import Light, light_for
from luoshi.indicators.analytics.progress import Assessment, ProgressInputs, assess
from luoshi.indicators.analytics.ranking import Ranked, rank
from luoshi.indicators.analytics.timeaxis import period_time, year_time

__all__ = [
    "Assessment",
    "Figure",
    "ForecastPoint",
    "Input",
    "Light",
    "Observation",
    "Part",
    "ProgressInputs",
    "Ranked",
    "Share",
    "aggregate",
    "allocate_by_weight",
    "assess",
    "forecast",
    "light_for",
    "period_time",
    "rank",
    "year_time",
]
