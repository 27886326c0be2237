"""The report pages: the reporter's form (save, autosave, conflict, submit), review, files."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from luoshi.supervision import actions
from luoshi.supervision.models import Evidence, ProgressReport, SupervisionNotice
from luoshi.supervision.tests.conftest import World, client_for, fill, open_round, report_of, submit

pytestmark = pytest.mark.django_db

NOW = datetime(2020, 4, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def _form(version: int, **changes: str) -> dict[str, str]:
    data = {
        "progress_status": "on_track",
        "percent_complete": "30",
        "progress": "已完成选址。",
        "problems": "",
        "next_steps": "下月开工。",
        "version": str(version),
    }
    data.update(changes)
    return data


@time_machine.travel(NOW, tick=False)
def test_reporter_saves_submits_office_returns_then_accepts(world: World) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    url = reverse("supervision:report_detail", args=[report.pk])
    reporter = client_for(world.reporter_a)
    page = reporter.get(url).content.decode()
    for marker in (
        'id="report-form"',
        'name="version"',
        'data-testid="report-submit"',
        'id="id_file"',
    ):
        assert marker in page
    response = reporter.post(url, {**_form(0), "action": "submit"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.progress) == ("submitted", "已完成选址。")

    office = client_for(world.office)
    office.post(reverse("supervision:report_return", args=[report.pk]), {"reason": "请补充佐证"})
    report.refresh_from_db()
    assert report.status == "returned"
    page = reporter.get(url).content.decode()
    assert 'data-testid="return-reason"' in page and "请补充佐证" in page

    reporter.post(url, {**_form(report.version, progress="已补充。"), "action": "submit"})
    office.post(reverse("supervision:report_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "accepted"
    page = office.get(url).content.decode()
    assert 'data-color="green"' in page


@time_machine.travel(NOW, tick=False)
def test_autosave_answers_the_new_version_and_a_conflict_shows_the_other_version(
    world: World,
) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    url = reverse("supervision:report_autosave", args=[report.pk])
    reporter = client_for(world.reporter_a)
    saved = reporter.post(url, _form(0, progress="自动保存"), HTTP_HX_REQUEST="true")
    html = saved.content.decode()
    assert "草稿已自动保存" in html
    assert 'id="id_version" value="1"' in html
    conflict = client_for(world.head_a).post(
        url, _form(0, progress="负责人的版本"), HTTP_HX_REQUEST="true"
    )
    html = conflict.content.decode()
    assert 'data-testid="conflict"' in html
    assert "自动保存" in html
    report.refresh_from_db()
    assert (report.version, report.progress) == (1, "自动保存")


@time_machine.travel(NOW, tick=False)
def test_full_page_conflict_keeps_the_input_and_can_overwrite_on_purpose(world: World) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    fill(report, world.head_a, progress="负责人的版本", today=date(2020, 4, 1))
    url = reverse("supervision:report_detail", args=[report.pk])
    reporter = client_for(world.reporter_a)
    response = reporter.post(url, {**_form(0, progress="我的版本"), "action": "save"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "负责人的版本" in html and "我的版本" in html
    report.refresh_from_db()
    assert report.progress == "负责人的版本"
    reporter.post(
        url, {**_form(0, progress="我的版本"), "action": "save", "overwrite_version": "1"}
    )
    report.refresh_from_db()
    assert (report.progress, report.version) == ("我的版本", 2)


@time_machine.travel(NOW, tick=False)
def test_oversized_upload_gets_a_clear_message_and_nothing_is_stored(
    world: World, settings: object
) -> None:
    settings.UPLOAD_MAX_BYTES = 10  # type: ignore[attr-defined]
    report = report_of(open_round(world), world.task_a, world.unit_a)
    reporter = client_for(world.reporter_a)
    response = reporter.post(
        reverse("supervision:evidence_upload", args=[report.pk]),
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 more than ten bytes")},
        follow=True,
    )
    assert "超过上限" in response.content.decode()
    assert Evidence.objects.count() == 0


def test_other_units_and_anonymous_get_404(world: World) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    url = reverse("supervision:report_detail", args=[report.pk])
    assert client_for(world.reporter_b).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    assert (
        client_for(world.reporter_a)
        .post(reverse("supervision:report_accept", args=[report.pk]))
        .status_code
        == 404
    )


def test_lead_unit_sees_co_unit_reports_on_its_task(world: World) -> None:
    round_ = open_round(world)
    submit(
        report_of(round_, world.task_ab, world.unit_b), world.reporter_b, progress="配合单位进展"
    )
    lead = report_of(round_, world.task_ab, world.unit_a)
    html = (
        client_for(world.reporter_a)
        .get(reverse("supervision:report_detail", args=[lead.pk]))
        .content.decode()
    )
    assert 'data-testid="co-reports"' in html and "配合单位进展" in html


@time_machine.travel(NOW, tick=False)
def test_list_pages_run_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    round_ = open_round(world)
    for report in ProgressReport.objects.filter(unit=world.unit_a):
        submit(report, world.reporter_a, percent="1")
    actions.do_run_supervision(NOW)
    assert SupervisionNotice.objects.count() == 2
    office = client_for(world.office)
    reporter = client_for(world.reporter_a)
    with django_assert_max_num_queries(14):
        assert office.get(reverse("supervision:review_queue")).status_code == 200
    with django_assert_max_num_queries(14):
        assert reporter.get(reverse("supervision:my_reports")).status_code == 200
    with django_assert_max_num_queries(16):
        assert office.get(reverse("supervision:round_detail", args=[round_.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert office.get(reverse("supervision:notice_list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert office.get(reverse("supervision:timeliness")).status_code == 200
