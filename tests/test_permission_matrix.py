"""Every page and API endpoint x every role: allowed, or refused with nothing changed.

Roles: anonymous, reporter of unit A, reporter of unit B, unit head of A, leader, office.
A refused page is a login redirect for the anonymous and a 404 for the signed in (missing
and forbidden look the same); a refused API call is 401 or 404 in the JSON error shape.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.models import AuditEvent, Unit, User
from luoshi.plans.models import PolicyDocument, Program, Responsibility, Task
from luoshi.plans.tests.world import World, client_for

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reporter_a", "reporter_b", "head_a", "leader", "office")
SIGNED_IN = frozenset(ROLES[1:])
READ_ALL = frozenset({"leader", "office"})
OFFICE = frozenset({"office"})
UNIT_A = frozenset({"reporter_a", "head_a", "leader", "office"})


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    ok: int = 200


PAGES = [
    Case("home", lambda w: reverse("web:home"), SIGNED_IN, ok=302),
    Case("my tasks", lambda w: reverse("web:my_tasks"), SIGNED_IN),
    Case("programs", lambda w: reverse("plans:program_list"), SIGNED_IN),
    Case("import", lambda w: reverse("plans:program_import"), OFFICE),
    Case("program", lambda w: reverse("plans:program_detail", args=[w.program.pk]), SIGNED_IN),
    Case("reimport", lambda w: reverse("plans:program_reimport", args=[w.program.pk]), OFFICE),
    Case("task list", lambda w: reverse("plans:task_list", args=[w.program.pk]), SIGNED_IN),
    Case("matrix", lambda w: reverse("plans:matrix", args=[w.program.pk]), READ_ALL),
    Case(
        "unit tasks",
        lambda w: reverse("plans:unit_tasks", args=[w.program.pk, w.unit_a.pk]),
        SIGNED_IN,
    ),
    Case("task of A only", lambda w: reverse("plans:task_detail", args=[w.task_a.pk]), UNIT_A),
    Case(
        "task of A and B",
        lambda w: reverse("plans:task_detail", args=[w.task_ab.pk]),
        SIGNED_IN,
    ),
    Case(
        "plan review",
        lambda w: reverse("plans:document_review", args=[w.program.documents.get().pk]),
        OFFICE,
    ),
    Case("units", lambda w: reverse("org:unit_list"), SIGNED_IN),
    Case("unit", lambda w: reverse("org:unit_detail", args=[w.unit_a.pk]), SIGNED_IN),
    Case("users", lambda w: reverse("org:user_list"), OFFICE),
    Case("new user", lambda w: reverse("org:user_create"), OFFICE),
    Case("invite", lambda w: reverse("org:user_invite"), OFFICE),
    Case("bulk import", lambda w: reverse("org:user_bulk_import"), OFFICE),
    Case("bulk template", lambda w: reverse("org:user_bulk_template"), OFFICE),
    Case("audit", lambda w: reverse("org:audit_list"), READ_ALL),
    Case("tokens", lambda w: reverse("org:token_list"), SIGNED_IN),
]

API = [
    Case("programs", lambda w: "/api/v1/programs", SIGNED_IN),
    Case("program", lambda w: f"/api/v1/programs/{w.program.pk}", SIGNED_IN),
    Case("plan", lambda w: f"/api/v1/programs/{w.program.pk}/plan", OFFICE),
    Case("documents", lambda w: f"/api/v1/programs/{w.program.pk}/documents", OFFICE),
    Case("targets", lambda w: f"/api/v1/programs/{w.program.pk}/targets", SIGNED_IN),
    Case("matrix", lambda w: f"/api/v1/programs/{w.program.pk}/matrix", READ_ALL),
    Case("tasks", lambda w: f"/api/v1/tasks?program={w.program.pk}", SIGNED_IN),
    Case("task of A only", lambda w: f"/api/v1/tasks/{w.task_a.pk}", UNIT_A),
    Case("task of A and B", lambda w: f"/api/v1/tasks/{w.task_ab.pk}", SIGNED_IN),
    Case("units", lambda w: "/api/v1/units", SIGNED_IN),
    Case("unit", lambda w: f"/api/v1/units/{w.unit_a.pk}", SIGNED_IN),
    Case("regions", lambda w: "/api/v1/regions", SIGNED_IN),
    Case("users", lambda w: "/api/v1/users", SIGNED_IN),
    Case("office account", lambda w: f"/api/v1/users/{w.office.pk}", OFFICE),
    Case("me", lambda w: "/api/v1/users/me", SIGNED_IN),
    Case("audit events", lambda w: "/api/v1/audit-events", SIGNED_IN),
    Case("tokens", lambda w: "/api/v1/tokens", SIGNED_IN),
]

WRITES = [
    Case("create unit", lambda w: "/api/v1/units", OFFICE, ok=201),
    Case("import", lambda w: "/api/v1/programs", OFFICE, ok=201),
    Case("create user", lambda w: "/api/v1/users", OFFICE, ok=201),
    Case("deactivate", lambda w: f"/api/v1/users/{w.reporter_b.pk}/deactivate", OFFICE),
    Case("merge", lambda w: f"/api/v1/units/{w.unit_b.pk}/merge", OFFICE),
]

WRITE_BODIES: dict[str, dict[str, object]] = {
    "create unit": {"name": "省数据局"},
    "import": {"text": "关于某事的意见\n一、任务\n（一）做好某事。做好。（省委网信办负责）\n"},
    "create user": {"username": "newbie", "role": "leader", "password": "a-long-Passw0rd!"},
    "deactivate": {},
    "merge": {"duplicate_id": 0},
}


def _client(world: World, role: str) -> Client:
    user: User | None = None if role == "anonymous" else getattr(world, role)
    return client_for(user)


def _state() -> tuple[int, ...]:
    return (
        AuditEvent.objects.count(),
        Unit.objects.count(),
        User.objects.filter(is_active=True).count(),
        Program.objects.count(),
        PolicyDocument.objects.count(),
        Task.objects.count(),
        Responsibility.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", PAGES, ids=[c.name for c in PAGES])
def test_page_access(world: World, case: Case, role: str) -> None:
    response = _client(world, role).get(case.url(world))
    if role in case.allowed:
        assert response.status_code == case.ok
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", API, ids=[c.name for c in API])
def test_api_read_access(world: World, case: Case, role: str) -> None:
    response = _client(world, role).get(case.url(world))
    if role in case.allowed:
        assert response.status_code == case.ok, response.content
    else:
        assert response.status_code == (401 if role == "anonymous" else 404)
        assert response.json()["code"] in {"unauthenticated", "not_found"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", WRITES, ids=[c.name for c in WRITES])
def test_api_write_access(world: World, case: Case, role: str) -> None:
    body = dict(WRITE_BODIES[case.name])
    if case.name == "merge":
        body["duplicate_id"] = world.unit_a.pk
    before = _state()
    response = _client(world, role).post(
        case.url(world), data=body, content_type="application/json"
    )
    if role in case.allowed:
        assert response.status_code == case.ok, response.content
        assert _state() != before
    else:
        assert response.status_code == (401 if role == "anonymous" else 404)
        assert _state() == before


def test_page_writes_by_a_reporter_change_nothing(world: World) -> None:
    client = _client(world, "reporter_a")
    before = _state()
    document = world.program.documents.get()
    posts = [
        reverse("plans:document_publish", args=[document.pk]),
        reverse("org:unit_merge", args=[world.unit_a.pk]),
        reverse("org:user_deactivate", args=[world.reporter_b.pk]),
        reverse("org:unit_create"),
    ]
    for url in posts:
        assert (
            client.post(url, {"name": "省数据局", "duplicate": world.unit_b.pk}).status_code == 404
        )
    assert _state() == before
