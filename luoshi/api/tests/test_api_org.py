import json
from typing import Any

import pytest
from pytest_django import DjangoAssertNumQueries

from luoshi.org.models import ApiToken, AuditEvent, Unit, User
from luoshi.org.queries import hash_token
from luoshi.org.tests.conftest import make_region
from luoshi.plans.tests.world import World, client_for

pytestmark = pytest.mark.django_db


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_units_search_by_alias(world: World) -> None:
    client = client_for(world.office)
    _post(client, f"/api/v1/units/{world.unit_a.pk}/aliases", {"alias": "甘肃省委网信办"})
    body = client.get("/api/v1/units?q=甘肃省委").json()
    assert [(u["name"], u["aliases"]) for u in body["items"]] == [
        ("省委网信办", ["甘肃省委网信办"])
    ]


def test_unit_list_runs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(world.reporter_a)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/units").json()["count"] == 2


def test_regions_filter_by_level(db: None) -> None:
    province = make_region()
    make_region("620100", "兰州市", level="prefecture", parent=province)
    client = client_for(User.objects.create(username="x", role=User.Role.LEADER))
    body = client.get("/api/v1/regions?level=prefecture").json()
    assert [(r["code"], r["parent_code"]) for r in body["items"]] == [("620100", "620000")]


def test_office_creates_a_unit_and_the_audit_event_is_listed(world: World) -> None:
    client = client_for(world.office)
    created = _post(client, "/api/v1/units", {"name": "省数据局", "kind": "department"})
    assert created.status_code == 201, created.content
    events = client.get("/api/v1/audit-events?action=org.unit.create").json()["items"]
    assert [(e["object_repr"], e["actor"]) for e in events] == [("省数据局", "office")]


def test_duplicate_unit_name_is_a_400_that_says_why(world: World) -> None:
    response = _post(client_for(world.office), "/api/v1/units", {"name": "省委网信办"})
    assert response.status_code == 400
    assert response.json()["message_zh"] == "“省委网信办”已是单位“省委网信办”的名称。"
    assert Unit.objects.filter(name="省委网信办").count() == 1


def test_reporter_cannot_create_units_and_nothing_changes(world: World) -> None:
    events = AuditEvent.objects.count()
    response = _post(client_for(world.reporter_a), "/api/v1/units", {"name": "省数据局"})
    assert response.status_code == 404
    assert not Unit.objects.filter(name="省数据局").exists()
    assert AuditEvent.objects.count() == events


def test_users_are_scoped_to_self_for_reporters(world: World) -> None:
    body = client_for(world.reporter_a).get("/api/v1/users").json()
    assert [u["username"] for u in body["items"]] == ["reporter-a"]
    assert client_for(world.reporter_a).get(f"/api/v1/users/{world.office.pk}").status_code == 404


def test_audit_events_of_a_reporter_are_only_its_own(world: World) -> None:
    body = client_for(world.reporter_a).get("/api/v1/audit-events").json()
    assert body["count"] == 0


def test_token_created_once_then_authenticates_scripts(world: World) -> None:
    created = _post(client_for(world.reporter_a), "/api/v1/tokens", {"name": "脚本"})
    assert created.status_code == 201
    secret = created.json()["secret"]
    token = ApiToken.objects.get()
    assert token.key_hash == hash_token(secret)
    client = client_for(None)
    me = client.get("/api/v1/users/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert me.json()["username"] == "reporter-a"
    listed = client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert "secret" not in listed[0]


def test_revoked_token_no_longer_authenticates(world: World) -> None:
    client = client_for(world.reporter_a)
    secret = _post(client, "/api/v1/tokens", {"name": "脚本"}).json()["secret"]
    token = ApiToken.objects.get()
    assert client.delete(f"/api/v1/tokens/{token.pk}").status_code == 200
    anonymous = client_for(None)
    response = anonymous.get("/api/v1/users/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


def test_someone_elses_token_cannot_be_revoked(world: World) -> None:
    _post(client_for(world.reporter_a), "/api/v1/tokens", {"name": "脚本"})
    token = ApiToken.objects.get()
    assert client_for(world.reporter_b).delete(f"/api/v1/tokens/{token.pk}").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
