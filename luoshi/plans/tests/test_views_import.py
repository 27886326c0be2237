from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from luoshi.org.models import AuditEvent, Unit, User
from luoshi.plans.models import DocumentUnitName, PolicyDocument, Program, Task
from luoshi.plans.tests.conftest import GANSU_TEXT_PATH, make_plan, make_plan_task


@pytest.fixture
def registry(db: None) -> None:
    call_command("load_org", stdout=StringIO())


@pytest.fixture
def office_client(client: Client, office: User) -> Client:
    client.force_login(office)
    return client


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_import_review_publish_the_gansu_text(registry: None, office_client: Client) -> None:
    data = GANSU_TEXT_PATH.read_bytes()
    response = office_client.post(
        reverse("plans:program_import"), {"file": upload("gansu.txt", data)}
    )
    document = PolicyDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:document_review", args=[document.pk])
    assert document.source_name == "gansu.txt"
    assert len(document.plan["tasks"]) == 25
    assert DocumentUnitName.objects.filter(document=document, unit__isnull=True).count() == 0

    page = office_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="review-task needs-confirm"') == 25
    assert "加快推进信息基础设施建设" in html
    assert "所有单位名称均已对应到单位名录" in html

    response = office_client.post(reverse("plans:document_publish", args=[document.pk]))
    program = Program.objects.get()
    assert response["Location"] == reverse("plans:program_detail", args=[program.pk])
    assert program.status == Program.Status.PUBLISHED
    assert Task.objects.filter(program=program).count() == 25
    overview = office_client.get(response["Location"]).content.decode()
    assert "4G基站总数" in overview
    assert "牵头单位推定说明" in overview


def test_pasted_text_with_unknown_unit_must_be_mapped_before_publish(
    db: None, office_client: Client
) -> None:
    Unit.objects.create(name="省甲厅")
    text = "一、总体要求\n（一）加快甲。做好甲的工作。（省甲厅、省神秘办等按照各自职责共同推进）\n"
    office_client.post(reverse("plans:program_import"), {"text": text})
    document = PolicyDocument.objects.get()
    assert list(
        DocumentUnitName.objects.filter(document=document).values_list("verbatim_name", "unit")
    ) == [("省甲厅", Unit.objects.get(name="省甲厅").pk), ("省神秘办", None)]

    response = office_client.post(
        reverse("plans:document_publish", args=[document.pk]), follow=True
    )
    assert "以下单位名称尚未对应到单位名录，请先逐一确认：省神秘办" in response.content.decode()
    assert Task.objects.count() == 0

    row = DocumentUnitName.objects.get(verbatim_name="省神秘办")
    office_client.post(
        reverse("plans:plan_map_name", args=[document.pk, row.pk]),
        {"choice": "new", "kind": "department"},
    )
    row.refresh_from_db()
    assert row.unit is not None and row.unit.name == "省神秘办"
    office_client.post(reverse("plans:document_publish", args=[document.pk]))
    assert Task.objects.get().responsibilities.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("policy.pdf", b"%PDF-1.4", "不支持“.pdf”格式的文件"),
        ("policy.txt", b"", "文件是空的"),
        ("policy.docx", b"not a zip file", "无法读取 Word 文件"),
        ("policy.txt", "没有编号的一段话。".encode(), "没有从正文中识别出任何条款或任务"),
    ],
)
def test_bad_files_get_a_clear_message(
    office_client: Client, name: str, data: bytes, message: str
) -> None:
    response = office_client.post(reverse("plans:program_import"), {"file": upload(name, data)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Program.objects.count() == 0


def test_oversized_upload_is_refused(office_client: Client, settings: object) -> None:
    settings.UPLOAD_MAX_BYTES = 10  # type: ignore[attr-defined]
    response = office_client.post(
        reverse("plans:program_import"), {"file": upload("a.txt", "一、总体要求".encode() * 3)}
    )
    assert "文件过大" in response.content.decode()
    assert Program.objects.count() == 0


def test_file_and_text_together_are_refused(office_client: Client) -> None:
    response = office_client.post(
        reverse("plans:program_import"), {"file": upload("a.txt", b"x"), "text": "y"}
    )
    assert "请上传一个文件或粘贴正文（二选一）" in response.content.decode()


def test_import_page_is_404_for_leader(client: Client, leader: User) -> None:
    client.force_login(leader)
    assert client.get(reverse("plans:program_import")).status_code == 404


@pytest.fixture
def draft(office: User) -> PolicyDocument:
    from luoshi.plans.actions import do_start_program_import

    for name in ("省甲厅", "省乙厅", "省丙厅"):
        Unit.objects.create(name=name)
    plan = make_plan(
        [make_plan_task("一/（一）", ["省甲厅", "省乙厅"], title="加快甲")],
        targets=[{"text": "达到%", "indicator": "比例", "value": None, "unit": "%", "year": None}],
    )
    return do_start_program_import(text="正文", plan=plan, acting_user=office)


def test_htmx_task_edit_saves_into_the_plan(office_client: Client, draft: PolicyDocument) -> None:
    url = reverse("plans:plan_task_edit", args=[draft.pk, 0])
    form = office_client.get(url, headers={"HX-Request": "true"})
    assert "保存并确认" in form.content.decode()
    response = office_client.post(
        url, {"units": "省乙厅\n省丙厅", "lead_units": "省丙厅"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "plan-changed"
    assert 'class="chip lead"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.plan["tasks"][0]["units"] == ["省乙厅", "省丙厅"]
    assert draft.plan["tasks"][0]["lead_units"] == ["省丙厅"]


def test_htmx_task_edit_shows_errors(office_client: Client, draft: PolicyDocument) -> None:
    url = reverse("plans:plan_task_edit", args=[draft.pk, 0])
    response = office_client.post(
        url, {"units": "省乙厅", "lead_units": "省甲厅"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert "牵头单位必须是责任单位之一：省甲厅" in response.content.decode()
    draft.refresh_from_db()
    assert draft.plan["tasks"][0]["units"] == ["省甲厅", "省乙厅"]


def test_htmx_target_edit(office_client: Client, draft: PolicyDocument) -> None:
    url = reverse("plans:plan_target_edit", args=[draft.pk, 0])
    response = office_client.post(
        url, {"value": "98", "year": "2020", "unit": "%"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.plan["targets"][0]["value"], draft.plan["targets"][0]["year"]) == (98, 2020)


def test_review_pages_are_404_for_reporter(client: Client, draft: PolicyDocument) -> None:
    reporter = User.objects.create(
        username="r", role="reporter", unit=Unit.objects.get(name="省甲厅")
    )
    client.force_login(reporter)
    urls = [
        reverse("plans:document_review", args=[draft.pk]),
        reverse("plans:plan_task_edit", args=[draft.pk, 0]),
        reverse("plans:plan_target_edit", args=[draft.pk, 0]),
    ]
    assert [client.get(u).status_code for u in urls] == [404, 404, 404]
    assert client.post(reverse("plans:document_publish", args=[draft.pk])).status_code == 404
    response = client.post(
        reverse("plans:plan_task_edit", args=[draft.pk, 0]),
        {"units": "省乙厅", "lead_units": "省乙厅"},
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.confirmed_at is None
    assert draft.plan["tasks"][0]["units"] == ["省甲厅", "省乙厅"]
    assert not AuditEvent.objects.filter(action__startswith="plans.plan.").exists()


def test_reimport_shows_the_diff(
    office_client: Client, draft: PolicyDocument, office: User
) -> None:
    from luoshi.plans.actions import do_publish_plan

    program = do_publish_plan(draft, acting_user=office)
    text = (
        "一、总体要求\n"
        "（一）加快甲。做好甲。（省甲厅、省丙厅等按照各自职责共同推进）\n"
        "（二）新增乙。做好乙。（省乙厅等按照各自职责共同推进）\n"
    )
    response = office_client.post(
        reverse("plans:program_reimport", args=[program.pk]), {"text": text}
    )
    revision = PolicyDocument.objects.get(version=2)
    assert response["Location"] == reverse("plans:document_review", args=[revision.pk])
    html = office_client.get(response["Location"]).content.decode()
    assert "与已发布版本相比" in html
    assert "增加单位" in html
