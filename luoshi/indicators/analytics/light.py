"""The status light of an indicator, with the rule that produced it."""

from dataclasses import dataclass

from luoshi.indicators.analytics.progress import Assessment

__all__ = ["Light", "light_for"]

_BY_BAND = {"on_track": "green", "moderate": "yellow", "limited": "red", "moving_away": "red"}


@dataclass(frozen=True)
class Light:
    color: str  # green, yellow, red or grey
    rule: str  # achieved, growth_ratio:<band>, no_data, not_computed


def light_for(assessment: Assessment | None) -> Light:
    """Return green when achieved, else the growth ratio's band as a colour; grey without data."""
    if assessment is None:
        return Light("grey", "no_data")
    if assessment.achieved.band == "achieved":
        return Light("green", "achieved")
    band = assessment.growth_ratio.band
    if band is None:
        return Light("grey", "not_computed")
    return Light(_BY_BAND[band], f"growth_ratio:{band}")
