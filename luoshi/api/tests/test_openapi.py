import pytest
from django.test import Client

from luoshi.plans.tests.world import World, client_for

pytestmark = pytest.mark.django_db

RESOURCES = [
    "/api/v1/programs",
    "/api/v1/programs/{program_id}/plan",
    "/api/v1/programs/{program_id}/plan/confirm",
    "/api/v1/tasks",
    "/api/v1/units",
    "/api/v1/regions",
    "/api/v1/users",
    "/api/v1/audit-events",
    "/api/v1/tokens",
]


def test_openapi_lists_every_resource() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    for path in RESOURCES:
        assert path in schema["paths"], path
    assert schema["info"]["title"] == "Luoshi API"


def test_docs_are_served_without_any_cdn(world: World) -> None:
    html = client_for(world.office).get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    # Every script and stylesheet is local: nothing is fetched from another host.
    assert 'src="http' not in html
    assert 'href="http' not in html


def test_health_needs_no_login() -> None:
    assert Client().get("/api/v1/health").json() == {"status": "ok"}


def test_responses_carry_a_request_id() -> None:
    response = Client().get("/api/v1/health", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
