"""A small published program, one account per role, and factories for rounds and reports."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.test import Client

from luoshi.org.models import Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans import actions as plan_actions
from luoshi.plans.importing import parse_policy
from luoshi.plans.models import Program, Task
from luoshi.supervision import actions
from luoshi.supervision.models import ProgressReport, ReportingRound

POLICY = """关于推进测试工作的实施意见

一、重点任务
（一）建设甲平台。推进甲平台建设，到2020年建成甲平台100个。（省委网信办牵头，省通信管理局参与）
（二）完善乙机制。建立乙机制。（省通信管理局负责）
（三）推进丙工作。做好丙工作。（省委网信办负责）
"""

START = date(2020, 1, 1)
END = date(2020, 12, 31)


@dataclass(frozen=True)
class World:
    program: Program
    unit_a: Unit
    unit_b: Unit
    task_ab: Task
    task_b: Task
    task_a: Task
    office: User
    leader: User
    reporter_a: User
    reporter_b: User
    head_a: User


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: LazySettings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings: LazySettings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def world(db: None) -> World:
    unit_a = make_unit("省委网信办")
    unit_b = make_unit("省通信管理局")
    office = make_user("office", role=User.Role.OFFICE)
    document = plan_actions.do_start_program_import(
        text=POLICY,
        plan=parse_policy(POLICY),
        start_date=START,
        end_date=END,
        acting_user=office,
    )
    program = plan_actions.do_publish_plan(document, acting_user=office)
    tasks = {t.path: t for t in program.tasks.all()}
    # Deadlines are set here, not parsed, so the lights' arithmetic is exact in every test.
    Task.objects.filter(program=program).update(deadline=END)
    tasks = {t.path: t for t in program.tasks.all()}
    return World(
        program=program,
        unit_a=unit_a,
        unit_b=unit_b,
        task_ab=tasks["一/（一）"],
        task_b=tasks["一/（二）"],
        task_a=tasks["一/（三）"],
        office=office,
        leader=make_user("leader", role=User.Role.LEADER),
        reporter_a=make_user("reporter-a", role=User.Role.REPORTER, unit=unit_a),
        reporter_b=make_user("reporter-b", role=User.Role.REPORTER, unit=unit_b),
        head_a=make_user("head-a", role=User.Role.UNIT_HEAD, unit=unit_a),
    )


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


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
