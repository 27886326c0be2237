"""API: bulletins (generate, list, read, edit, issue, download) and Excel exports."""

from pathlib import Path
from typing import Any, cast

import pytest
from django.conf import LazySettings

from luoshi.plans.models import Program, Task
from luoshi.plans.tests.world import World as PlansWorld
from luoshi.reports.models import Bulletin
from luoshi.reports.tests.world import make_report_world
from luoshi.supervision.tests.conftest import END, START, World, client_for


@pytest.fixture
def supervision_world(world: PlansWorld, settings: LazySettings, tmp_path: Path) -> World:
    """The shared small program with the dates the supervision tests use."""
    settings.MEDIA_ROOT = tmp_path / "media"
    Program.objects.filter(pk=world.program.pk).update(start_date=START, end_date=END)
    Task.objects.filter(program=world.program).update(deadline=END)
    world.program.refresh_from_db()
    return world


def _post(client: Any, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def test_generates_edits_issues_and_downloads(supervision_world: World) -> None:
    make_report_world(supervision_world)
    office = client_for(supervision_world.office)
    payload = {"program_id": supervision_world.program.pk, "period": "2020Q1"}

    created = _post(office, "/api/v1/bulletins", payload)
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "draft"
    assert "overall" in {p["key"] for p in body["paragraphs"]}
    assert _post(office, "/api/v1/bulletins", payload).status_code == 200

    bulletin_id = body["id"]
    edited = office.put(
        f"/api/v1/bulletins/{bulletin_id}/narrative",
        {"key": "overall", "text": "总体平稳。"},
        content_type="application/json",
    )
    assert edited.json()["narrative_overrides"] == {"overall": "总体平稳。"}

    issued = office.post(f"/api/v1/bulletins/{bulletin_id}/issue")
    assert issued.status_code == 200
    assert (issued.json()["status"], issued.json()["has_pdf"]) == ("issued", True)

    leader = client_for(supervision_world.leader)
    listing = leader.get("/api/v1/bulletins").json()
    assert [b["id"] for b in listing["items"]] == [bulletin_id]
    pdf = leader.get(f"/api/v1/bulletins/{bulletin_id}/download/pdf")
    assert b"".join(cast(Any, pdf).streaming_content)[:5] == b"%PDF-"


def test_reporter_cannot_generate_or_read(supervision_world: World) -> None:
    reporter = client_for(supervision_world.reporter_a)
    response = _post(
        reporter,
        "/api/v1/bulletins",
        {"program_id": supervision_world.program.pk, "period": "2020Q1"},
    )
    assert response.status_code == 404
    assert Bulletin.objects.count() == 0
    assert reporter.get("/api/v1/bulletins").json()["count"] == 0


def test_bad_period_is_422(supervision_world: World) -> None:
    office = client_for(supervision_world.office)
    response = _post(
        office,
        "/api/v1/bulletins",
        {"program_id": supervision_world.program.pk, "period": "2020Q5"},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_period"


def test_exports_task_split_table(supervision_world: World) -> None:
    leader = client_for(supervision_world.leader)
    url = f"/api/v1/exports/task-split?program={supervision_world.program.pk}&period=2020Q1"
    response = leader.get(url)
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert leader.get(url.replace("task-split", "nope")).status_code == 422
    reporter = client_for(supervision_world.reporter_a)
    assert reporter.get(url).status_code == 403
