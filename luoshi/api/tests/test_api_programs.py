from typing import Any

import pytest
from pytest_django import DjangoAssertNumQueries

from luoshi.plans.models import Program
from luoshi.plans.tests.world import World, client_for

pytestmark = pytest.mark.django_db


def _items(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["items"]  # type: ignore[no-any-return]


def test_office_lists_the_published_program_with_counts(world: World) -> None:
    items = _items(client_for(world.office).get("/api/v1/programs"))
    assert [(p["id"], p["status"], p["task_count"], p["unit_count"]) for p in items] == [
        (world.program.pk, "published", 3, 2)
    ]


def test_reporter_sees_only_its_units_tasks(world: World) -> None:
    client = client_for(world.reporter_b)
    items = _items(client.get(f"/api/v1/tasks?program={world.program.pk}"))
    assert [t["path"] for t in items] == ["一/（一）", "一/（二）"]
    roles = {(r["unit_name"], r["role"]) for r in items[0]["responsibilities"]}
    assert roles == {("省委网信办", "lead"), ("省通信管理局", "co")}


def test_reporter_gets_404_for_a_task_of_another_unit(world: World) -> None:
    response = client_for(world.reporter_b).get(f"/api/v1/tasks/{world.task_a.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_task_detail_carries_targets(world: World) -> None:
    body = client_for(world.reporter_a).get(f"/api/v1/tasks/{world.task_ab.pk}").json()
    assert body["title"] == "建设甲平台"
    assert [(t["value"], t["unit"], t["year"]) for t in body["targets"]] == [("100", "个", 2020)]


def test_task_filters_by_role_unit_and_text(world: World) -> None:
    client = client_for(world.office)
    base = f"/api/v1/tasks?program={world.program.pk}"
    lead_a = _items(client.get(f"{base}&unit={world.unit_a.pk}&role=lead"))
    assert [t["path"] for t in lead_a] == ["一/（一）", "一/（三）"]
    found = _items(client.get(f"{base}&q=乙机制"))
    assert [t["path"] for t in found] == ["一/（二）"]


def test_unknown_section_is_named_in_the_error(world: World) -> None:
    response = client_for(world.office).get(f"/api/v1/tasks?program={world.program.pk}&section=九")
    assert response.status_code == 422
    assert "九" in response.json()["message_zh"]


def test_task_list_runs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(world.office)
    with django_assert_max_num_queries(9):
        _items(client.get(f"/api/v1/tasks?program={world.program.pk}"))


def test_program_list_runs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(world.reporter_a)
    with django_assert_max_num_queries(6):
        _items(client.get("/api/v1/programs"))


def test_targets_and_matrix_of_the_program(world: World) -> None:
    client = client_for(world.leader)
    targets = client.get(f"/api/v1/programs/{world.program.pk}/targets").json()
    assert [(t["indicator_name"], t["comparator"]) for t in targets] == [("建成甲平台", ">=")]
    matrix = client.get(f"/api/v1/programs/{world.program.pk}/matrix").json()
    assert [u["name"] for u in matrix["units"]] == ["省委网信办", "省通信管理局"]
    assert matrix["rows"][0]["cells"] == [{"lead": 2, "co": 0}, {"lead": 1, "co": 1}]


def test_matrix_is_not_for_reporters(world: World) -> None:
    response = client_for(world.reporter_a).get(f"/api/v1/programs/{world.program.pk}/matrix")
    assert response.status_code == 404


def test_anonymous_gets_401_in_json(world: World) -> None:
    response = client_for(None).get("/api/v1/programs")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert Program.objects.count() == 1
