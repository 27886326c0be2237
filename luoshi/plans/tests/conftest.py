"""Factories for plan rows: a small plan JSON, the Gansu golden plan, published programs."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import LazySettings

from luoshi.org.models import Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.actions import do_publish_plan, do_start_program_import
from luoshi.plans.models import PolicyDocument, Program

GOLDEN = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "golden"
GANSU_TEXT = Path(__file__).resolve().parents[2] / "data" / "policies"
GANSU_TEXT_PATH = GANSU_TEXT / "gansu-2017-mobile-internet.txt"

__all__ = [
    "gansu_golden_plan",
    "make_plan",
    "make_plan_task",
    "make_published_program",
    "make_unit",
    "make_units",
    "make_user",
]


def gansu_golden_plan() -> dict[str, Any]:
    """Return the expected Gansu plan (it has no task text, level or warnings)."""
    path = GOLDEN / "gansu-2017-mobile-internet.expected.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def make_plan_task(
    path: str,
    units: list[str],
    *,
    title: str | None = None,
    text: str = "",
    lead: list[str] | None = None,
    lead_explicit: bool = False,
) -> dict[str, Any]:
    return {
        "path": path,
        "title": title if title is not None else f"任务{path}",
        "text": text or f"{path}的任务内容。",
        "level": "item",
        "units": units,
        "lead_units": lead if lead is not None else units[:1],
        "lead_explicit": lead_explicit,
        "generic_units": [],
        "responsibility_text": f"（{'、'.join(units)}等按照各自职责共同推进）",
        "canonical": {},
        "deadline": None,
    }


def make_plan(
    tasks: list[dict[str, Any]] | None = None,
    targets: list[dict[str, Any]] | None = None,
    *,
    title: str = "关于测试的实施意见",
) -> dict[str, Any]:
    tasks = (
        tasks
        if tasks is not None
        else [
            make_plan_task("一/（一）", ["省甲厅", "省乙厅"], title="加快甲"),
            make_plan_task("一/（二）", ["省乙厅"], title="推进乙"),
            make_plan_task("二/（一）", ["省丙厅", "省甲厅"], title="做好丙"),
        ]
    )
    outline: list[dict[str, str]] = []
    for task in tasks:
        top = task["path"].split("/")[0]
        if not any(o["path"] == top for o in outline):
            outline.append({"path": top, "title": f"第{top}部分"})
        outline.append({"path": task["path"], "title": task["title"] or ""})
    return {
        "title": title,
        "issuer": ["测试省人民政府办公厅"],
        "doc_number": None,
        "date": "2017-08-02",
        "outline": outline,
        "tasks": tasks,
        "targets": copy.deepcopy(targets) if targets is not None else [],
        "warnings": [],
    }


def make_units(*names: str) -> dict[str, Unit]:
    return {name: make_unit(name) for name in names}


def make_published_program(
    plan: dict[str, Any] | None = None, *, acting_user: User | None = None, text: str = "正文"
) -> tuple[Program, PolicyDocument]:
    plan = plan if plan is not None else make_plan()
    names = {u for t in plan["tasks"] for u in t["units"]}
    for name in sorted(names):
        if not Unit.objects.filter(name=name).exists():
            make_unit(name)
    document = do_start_program_import(text=text, plan=plan, acting_user=acting_user)
    program = do_publish_plan(document, acting_user=acting_user)
    return program, document


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: LazySettings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def office(db: None) -> User:
    return make_user("office", role=User.Role.OFFICE)


@pytest.fixture
def leader(db: None) -> User:
    return make_user("leader", role=User.Role.LEADER)
