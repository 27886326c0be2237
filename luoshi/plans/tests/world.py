"""A small published program and one account per role, built through the real actions.

Shared by the API, web, supervision and cross-app tests (import the fixtures into a conftest).
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import LazySettings
from django.test import Client

from luoshi.org.models import Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans import actions
from luoshi.plans.importing import parse_policy
from luoshi.plans.models import Program, Task

POLICY = """关于推进测试工作的实施意见

一、重点任务
（一）建设甲平台。推进甲平台建设，到2020年建成甲平台100个。（省委网信办牵头，省通信管理局参与）
（二）完善乙机制。建立乙机制。（省通信管理局负责）
（三）推进丙工作。做好丙工作。（省委网信办负责）
"""


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


def make_world(
    *,
    start_date: date | None = None,
    end_date: date | None = None,
    deadline: date | None = None,
) -> World:
    """Build the world; callers that count days pass the program's dates and a task deadline."""
    unit_a = make_unit("省委网信办")
    unit_b = make_unit("省通信管理局")
    office = make_user("office", role=User.Role.OFFICE)
    document = actions.do_start_program_import(
        text=POLICY,
        plan=parse_policy(POLICY),
        start_date=start_date,
        end_date=end_date,
        acting_user=office,
    )
    program = actions.do_publish_plan(document, acting_user=office)
    if deadline is not None:
        Task.objects.filter(program=program).update(deadline=deadline)
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


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
