"""Schemathesis against the OpenAPI document: generated requests, as the office, never 5xx.

Every operation of /api/v1 gets a few generated requests (valid and invalid bodies, query
strings and path ids) through the WSGI application in process, authenticated with an
office API token. Checks: no response is a server error, and every status code returned is
one the document lists for that operation.
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, status_code_conformance

from luoshi.org.actions.tokens import do_create_api_token
from luoshi.org.models import User
from luoshi.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


# A bounded run in `make test`; FUZZ_EXAMPLES=50 FUZZ_SEED_PROGRAM=1 digs deeper by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    # As Django's test client does: the WSGI handler would otherwise close the connection
    # that holds the test's transaction at the end of every request (seen on PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def office_token(db: None) -> str:
    if os.environ.get("FUZZ_SEED_PROGRAM"):
        from django.core.management import call_command

        call_command("load_default_program", verbosity=0)
        call_command("load_indicators", "--program", "gansu-mobile-internet-2017", verbosity=0)
    office = User.objects.create(username="fuzz-office", role=User.Role.OFFICE)
    _, secret = do_create_api_token(user=office, name="schemathesis", acting_user=office)
    return secret


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_generated_requests_without_server_errors(
    case: schemathesis.Case[Any], office_token: str
) -> None:
    response = case.call(headers={"Authorization": f"Bearer {office_token}"})
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance])


def test_huge_page_number_is_invalid_input_not_a_server_error(office_token: str) -> None:
    from django.test import Client

    response = Client().get(
        "/api/v1/indicators?page=131863699806442128",
        headers={"Authorization": f"Bearer {office_token}"},
    )
    assert response.status_code == 422


def test_id_past_the_integer_range_is_invalid_input_not_a_server_error(
    office_token: str,
) -> None:
    from django.test import Client

    response = Client().get(
        "/api/v1/reports?unit=-146028120616374075392",
        headers={"Authorization": f"Bearer {office_token}"},
    )
    if connection.vendor == "sqlite":
        assert response.status_code == 422
        assert response.json()["details"] == {"reason": "number out of range"}
    else:
        # PostgreSQL compares the huge number as numeric and finds nothing.
        assert response.status_code == 200
        assert response.json()["count"] == 0


def test_openapi_lists_the_shared_error_responses() -> None:
    from luoshi.api.api import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/reports/{report_id}"]["put"]
    assert sorted(operation["responses"]) == [200, 400, 401, 403, 404, 409, 422]
