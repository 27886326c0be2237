"""The shared small published program with fixed dates, and factories for rounds and reports."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import LazySettings

from luoshi.org.models import Unit, User
from luoshi.plans.models import Task
from luoshi.plans.tests.world import World, client_for, fast_password_hasher, make_world
from luoshi.supervision import actions
from luoshi.supervision.models import ProgressReport, ReportingRound

__all__ = [
    "END",
    "START",
    "World",
    "client_for",
    "fast_password_hasher",
    "fill",
    "media_root",
    "open_round",
    "report_of",
    "submit",
    "world",
]

START = date(2020, 1, 1)
END = date(2020, 12, 31)


@pytest.fixture(autouse=True)
def media_root(settings: LazySettings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def world(db: None) -> World:
    # Deadlines are set here, not parsed, so the lights' arithmetic is exact in every test.
    return make_world(start_date=START, end_date=END, deadline=END)


def open_round(
    world: World,
    period: str = "2020Q1",
    *,
    opens_on: date = date(2020, 3, 25),
    due_on: date = date(2020, 4, 5),
    locks_on: date | None = None,
) -> ReportingRound:
    return actions.do_open_round(
        world.program,
        period=period,
        opens_on=opens_on,
        due_on=due_on,
        locks_on=locks_on,
        acting_user=world.office,
    )


def report_of(round_: ReportingRound, task: Task, unit: Unit) -> ProgressReport:
    return ProgressReport.objects.get(round=round_, task=task, unit=unit)


def fill(
    report: ProgressReport,
    user: User,
    *,
    progress_status: str = "on_track",
    percent: str = "30",
    progress: str = "已完成选址。",
    today: date = date(2020, 4, 1),
) -> ProgressReport:
    return actions.do_save_report(
        report,
        version=report.version,
        acting_user=user,
        today=today,
        progress_status=progress_status,
        percent_complete=Decimal(percent),
        progress=progress,
        problems="",
        next_steps="",
    )


def submit(
    report: ProgressReport, user: User, *, today: date = date(2020, 4, 1), **content: str
) -> ProgressReport:
    report = fill(report, user, today=today, **content)
    return actions.do_submit_report(report, version=report.version, acting_user=user, today=today)
