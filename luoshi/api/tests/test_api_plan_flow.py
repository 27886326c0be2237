import json
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from luoshi.org.models import AuditEvent, Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.models import PolicyDocument, Program, Task
from luoshi.plans.tests.world import POLICY, World, client_for

pytestmark = pytest.mark.django_db

NEW_POLICY = """关于推进新工作的意见

一、主要任务
（一）建设丁系统。建设丁系统。（省委网信办、省新设局负责）
"""


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _put(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.put(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def office(db: None) -> User:
    make_unit("省委网信办")
    return make_user("office", role=User.Role.OFFICE)


def test_office_imports_reviews_and_publishes_through_the_api(office: User) -> None:
    client = client_for(office)
    created = _post(client, "/api/v1/programs", {"text": NEW_POLICY, "slug": "new-work"})
    assert created.status_code == 201, created.content
    body = created.json()
    program_id = body["program_id"]
    assert body["is_draft"] is True
    assert [t["units"] for t in body["plan"]["tasks"]] == [["省委网信办", "省新设局"]]
    assert body["unmapped_names"] == ["省新设局"]

    refused = client.post(f"/api/v1/programs/{program_id}/plan/confirm")
    assert refused.status_code == 400
    assert "省新设局" in json.dumps(refused.json(), ensure_ascii=False)

    mapped = _post(
        client,
        f"/api/v1/programs/{program_id}/plan/unit-names",
        {"verbatim_name": "省新设局", "new_unit_kind": "department"},
    )
    assert mapped.status_code == 200, mapped.content
    assert mapped.json()["unit_name"] == "省新设局"

    edited = _put(
        client,
        f"/api/v1/programs/{program_id}/plan/task",
        {"path": "一/（一）", "units": ["省委网信办", "省新设局"], "lead_units": ["省新设局"]},
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["lead_units"] == ["省新设局"]

    published = client.post(f"/api/v1/programs/{program_id}/plan/confirm")
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"
    task = Task.objects.get(program_id=program_id)
    assert [(r.unit.name, r.role) for r in task.responsibilities.order_by("order")] == [
        ("省委网信办", "co"),
        ("省新设局", "lead"),
    ]
    again = client.post(f"/api/v1/programs/{program_id}/plan/confirm")
    assert again.status_code == 409
    assert again.json()["code"] == "no_draft"


def test_upload_of_a_docx_starts_a_program(office: User) -> None:
    doc = Document()
    for line in NEW_POLICY.splitlines():
        doc.add_paragraph(line)
    buffer = BytesIO()
    doc.save(buffer)
    upload = SimpleUploadedFile("新工作.docx", buffer.getvalue())
    response = client_for(office).post(
        "/api/v1/programs/upload", {"file": upload, "name": "新工作"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["source_name"] == "新工作.docx"
    assert Program.objects.get().name == "新工作"


def test_upload_of_an_unreadable_file_says_why_and_writes_nothing(office: User) -> None:
    upload = SimpleUploadedFile("policy.pdf", b"%PDF-1.4 not a policy")
    response = client_for(office).post("/api/v1/programs/upload", {"file": upload})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert Program.objects.count() == 0
    assert PolicyDocument.objects.count() == 0


def test_text_without_tasks_is_refused(office: User) -> None:
    response = _post(client_for(office), "/api/v1/programs", {"text": "这是一段普通的文字。"})
    assert response.status_code == 400
    assert Program.objects.count() == 0


def test_reimport_shows_the_diff(world: World) -> None:
    client = client_for(world.office)
    revised = POLICY.replace("（三）推进丙工作。做好丙工作。（省委网信办负责）\n", "")
    created = _post(client, f"/api/v1/programs/{world.program.pk}/plan", {"text": revised})
    assert created.status_code == 201, created.content
    assert created.json()["version"] == 2
    diff = client.get(f"/api/v1/programs/{world.program.pk}/plan/diff").json()
    assert diff["tasks_removed"] == ["一/（三）"]
    assert diff["tasks_added"] == []


def test_reporter_cannot_import_and_nothing_is_written(world: World) -> None:
    events = AuditEvent.objects.count()
    response = _post(client_for(world.reporter_a), "/api/v1/programs", {"text": NEW_POLICY})
    assert response.status_code == 404
    assert Program.objects.count() == 1
    assert Unit.objects.filter(name="省新设局").count() == 0
    assert AuditEvent.objects.count() == events


def test_reporter_cannot_read_the_plan_under_review(world: World) -> None:
    response = client_for(world.reporter_a).get(f"/api/v1/programs/{world.program.pk}/plan")
    assert response.status_code == 404
