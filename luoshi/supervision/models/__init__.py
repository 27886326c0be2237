"""Supervision models, one module per part of the cycle."""

from luoshi.supervision.models.base import AnswerStatus
from luoshi.supervision.models.meetings import Decision, DecisionOwner, ExtensionRequest, Meeting
from luoshi.supervision.models.notices import (
    Instruction,
    Notification,
    Reminder,
    SupervisionNotice,
)
from luoshi.supervision.models.program_settings import ProgramSupervisionSettings
from luoshi.supervision.models.rounds import Evidence, ProgressReport, ReportingRound, RoundSchedule

__all__ = [
    "AnswerStatus",
    "Decision",
    "DecisionOwner",
    "Evidence",
    "ExtensionRequest",
    "Instruction",
    "Meeting",
    "Notification",
    "ProgramSupervisionSettings",
    "ProgressReport",
    "Reminder",
    "ReportingRound",
    "RoundSchedule",
    "SupervisionNotice",
]
