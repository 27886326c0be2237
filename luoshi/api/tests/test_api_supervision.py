"""Supervision API: every resource, scoped by role, one error shape, pinned query counts."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from luoshi.plans.tests.world import World, client_for
from luoshi.supervision import actions
from luoshi.supervision.models import ProgressReport, ReportingRound, SupervisionNotice

pytestmark = pytest.mark.django_db


def _round(world: World, **dates: date) -> ReportingRound:
    today = timezone.localdate()
    return actions.do_open_round(
        world.program,
        period=dates.get("period", "2020Q1"),  # type: ignore[arg-type]
        opens_on=dates.get("opens_on", today - timedelta(days=5)),
        due_on=dates.get("due_on", today + timedelta(days=10)),
        acting_user=world.office,
    )


def _report(round_: ReportingRound, world: World, task: Any, unit: Any) -> ProgressReport:
    return ProgressReport.objects.get(round=round_, task=task, unit=unit)


def _items(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["items"]  # type: ignore[no-any-return]


def test_office_opens_a_round_and_reporters_see_only_their_rounds(world: World) -> None:
    today = timezone.localdate()
    response = client_for(world.office).post(
        "/api/v1/rounds",
        {
            "program_id": world.program.pk,
            "period": "2020Q1",
            "opens_on": (today - timedelta(days=1)).isoformat(),
            "due_on": (today + timedelta(days=5)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["period"] == "2020Q1"
    assert [r["period"] for r in _items(client_for(world.reporter_a).get("/api/v1/rounds"))] == [
        "2020Q1"
    ]
    denied = client_for(world.reporter_a).post(
        "/api/v1/rounds",
        {
            "program_id": world.program.pk,
            "period": "2020Q2",
            "opens_on": "2020-06-25",
            "due_on": "2020-07-05",
        },
        content_type="application/json",
    )
    assert denied.status_code == 404
    assert ReportingRound.objects.count() == 1


def test_bad_period_is_named_in_the_error(world: World) -> None:
    response = client_for(world.office).post(
        "/api/v1/rounds",
        {
            "program_id": world.program.pk,
            "period": "2020Q9",
            "opens_on": "2020-03-25",
            "due_on": "2020-04-05",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_request"
    assert "2020Q9" in body["message_zh"]


def test_report_flow_save_submit_return_resubmit_accept(world: World) -> None:
    round_ = _round(world)
    report = _report(round_, world, world.task_a, world.unit_a)
    reporter = client_for(world.reporter_a)
    saved = reporter.put(
        f"/api/v1/reports/{report.pk}",
        {"version": 0, "progress_status": "on_track", "percent_complete": "40", "progress": "进展"},
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    assert (saved.json()["version"], saved.json()["percent_complete"]) == (1, "40")
    submitted = reporter.post(
        f"/api/v1/reports/{report.pk}/submit", {}, content_type="application/json"
    )
    assert submitted.json()["status"] == "submitted"
    office = client_for(world.office)
    returned = office.post(
        f"/api/v1/reports/{report.pk}/return",
        {"reason": "补充数据"},
        content_type="application/json",
    )
    assert (returned.json()["status"], returned.json()["return_reason"]) == ("returned", "补充数据")
    reporter.put(
        f"/api/v1/reports/{report.pk}",
        {"version": returned.json()["version"], "progress": "已补充"},
        content_type="application/json",
    )
    reporter.post(f"/api/v1/reports/{report.pk}/submit", {}, content_type="application/json")
    accepted = office.post(f"/api/v1/reports/{report.pk}/accept")
    assert accepted.json()["status"] == "accepted"
    detail = reporter.get(f"/api/v1/reports/{report.pk}").json()
    assert (detail["light"]["color"], detail["light"]["rule_code"]) == ("green", "on_track")
    assert detail["light"]["inputs"]["report_status"] == "已通过"
    assert (detail["light"]["explanation_zh"], detail["light"]["explanation_en"]) == (
        "按期报送，进度不低于序时进度要求。",
        "Reported on time, and progress is not behind the expected progress.",
    )


def test_stale_version_answers_409_with_the_current_values(world: World) -> None:
    report = _report(_round(world), world, world.task_a, world.unit_a)
    client = client_for(world.reporter_a)
    client.put(
        f"/api/v1/reports/{report.pk}",
        {"version": 0, "progress": "甲"},
        content_type="application/json",
    )
    stale = client.put(
        f"/api/v1/reports/{report.pk}",
        {"version": 0, "progress": "乙"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale_version"
    assert body["details"]["current_version"] == 1
    assert body["details"]["current_values"]["progress"] == "甲"
    report.refresh_from_db()
    assert report.progress == "甲"


def test_report_on_a_task_the_unit_is_not_responsible_for_is_refused(world: World) -> None:
    round_ = _round(world)
    ProgressReport.objects.filter(round=round_, task=world.task_a).delete()
    response = client_for(world.reporter_b).post(
        "/api/v1/reports",
        {"round_id": round_.pk, "unit_id": world.unit_b.pk, "task_id": world.task_b.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "已有该单位" in response.json()["message_zh"]
    other = client_for(world.reporter_a).post(
        "/api/v1/reports",
        {"round_id": round_.pk, "unit_id": world.unit_a.pk, "task_id": world.task_b.pk},
        content_type="application/json",
    )
    # task_b is not unit_a's: the task itself is invisible to it.
    assert other.status_code == 404
    assert not ProgressReport.objects.filter(round=round_, task=world.task_a).exists()


def test_reporters_see_their_reports_and_co_reports_on_items_they_lead(world: World) -> None:
    round_ = _round(world)
    mine_a = {
        r["item"] + "|" + r["unit_name"]
        for r in _items(client_for(world.reporter_a).get("/api/v1/reports"))
    }
    mine_b = {
        r["item"] + "|" + r["unit_name"]
        for r in _items(client_for(world.reporter_b).get("/api/v1/reports"))
    }
    assert mine_a == {
        "一/（一） 建设甲平台|省委网信办",
        "一/（一） 建设甲平台|省通信管理局",
        "一/（三） 推进丙工作|省委网信办",
    }
    assert mine_b == {"一/（一） 建设甲平台|省通信管理局", "一/（二） 完善乙机制|省通信管理局"}
    other = _report(round_, world, world.task_a, world.unit_a)
    assert client_for(world.reporter_b).get(f"/api/v1/reports/{other.pk}").status_code == 404


def test_evidence_upload_checks_type(world: World, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    report = _report(_round(world), world, world.task_a, world.unit_a)
    client = client_for(world.reporter_a)
    bad = client.post(
        f"/api/v1/reports/{report.pk}/evidence", {"file": SimpleUploadedFile("x.exe", b"MZ")}
    )
    assert bad.status_code == 400
    assert "不支持" in bad.json()["message_zh"]
    good = client.post(
        f"/api/v1/reports/{report.pk}/evidence",
        {"file": SimpleUploadedFile("说明.pdf", b"%PDF-1.4 test")},
    )
    assert good.status_code == 201
    assert good.json()["original_name"] == "说明.pdf"


def test_notices_are_scoped_and_answered(world: World) -> None:
    round_ = _round(world)
    notice = actions.do_issue_notice(
        program=world.program,
        unit=world.unit_a,
        level="yellow",
        reason="manual",
        text="请加快",
        issued_on=timezone.localdate(),
        round_=round_,
        acting_user=world.office,
    )
    assert notice is not None
    assert [n["id"] for n in _items(client_for(world.reporter_a).get("/api/v1/notices"))] == [
        notice.pk
    ]
    assert _items(client_for(world.reporter_b).get("/api/v1/notices")) == []
    assert client_for(world.reporter_b).get(f"/api/v1/notices/{notice.pk}").status_code == 404
    answered = client_for(world.reporter_a).post(
        f"/api/v1/notices/{notice.pk}/answer", {"answer": "已落实"}, content_type="application/json"
    )
    assert answered.json()["status"] == "answered"
    reviewed = client_for(world.office).post(
        f"/api/v1/notices/{notice.pk}/review", {"accept": True}, content_type="application/json"
    )
    assert reviewed.json()["status"] == "accepted"
    assert (
        _items(client_for(world.leader).get("/api/v1/notices?level=yellow"))[0]["id"] == notice.pk
    )


def test_extensions_requested_by_units_and_decided_by_the_office(world: World) -> None:
    new = (timezone.localdate() + timedelta(days=400)).isoformat()
    response = client_for(world.reporter_a).post(
        "/api/v1/extensions",
        {
            "unit_id": world.unit_a.pk,
            "task_id": world.task_a.pk,
            "requested_deadline": new,
            "reason": "设备到货延迟",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    ext_id = response.json()["id"]
    assert _items(client_for(world.reporter_b).get("/api/v1/extensions")) == []
    assert (
        client_for(world.reporter_a)
        .post(
            f"/api/v1/extensions/{ext_id}/decide",
            {"approve": True},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    decided = client_for(world.office).post(
        f"/api/v1/extensions/{ext_id}/decide", {"approve": True}, content_type="application/json"
    )
    assert decided.json()["status"] == "approved"


def test_meetings_and_decisions(world: World) -> None:
    office = client_for(world.office)
    meeting = office.post(
        "/api/v1/meetings",
        {
            "program_id": world.program.pk,
            "kind": "joint",
            "date": "2020-02-20",
            "title": "联席会议",
            "attendee_ids": [world.unit_a.pk],
        },
        content_type="application/json",
    )
    assert meeting.status_code == 201, meeting.content
    meeting_id = meeting.json()["id"]
    decision = office.post(
        f"/api/v1/meetings/{meeting_id}/decisions",
        {"text": "出台方案", "lead_unit_ids": [world.unit_b.pk]},
        content_type="application/json",
    )
    assert decision.status_code == 201
    assert decision.json()["owners"] == [
        {"unit_id": world.unit_b.pk, "unit_name": "省通信管理局", "role": "lead"}
    ]
    assert [d["text"] for d in _items(client_for(world.reporter_b).get("/api/v1/decisions"))] == [
        "出台方案"
    ]
    assert _items(client_for(world.reporter_a).get("/api/v1/decisions")) == []
    assert [m["id"] for m in _items(client_for(world.reporter_a).get("/api/v1/meetings"))] == [
        meeting_id
    ]
    assert (
        client_for(world.reporter_a)
        .post(
            "/api/v1/meetings",
            {"program_id": world.program.pk, "kind": "joint", "date": "2020-02-20", "title": "x"},
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_instructions_by_leaders_only(world: World) -> None:
    payload = {"text": "抓紧推进", "unit_id": world.unit_a.pk, "task_id": world.task_a.pk}
    refused = client_for(world.office).post(
        "/api/v1/instructions", payload, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "只有领导" in refused.json()["message_zh"]
    created = client_for(world.leader).post(
        "/api/v1/instructions", payload, content_type="application/json"
    )
    assert created.status_code == 201
    instruction_id = created.json()["id"]
    assert [i["id"] for i in _items(client_for(world.reporter_a).get("/api/v1/instructions"))] == [
        instruction_id
    ]
    assert _items(client_for(world.reporter_b).get("/api/v1/instructions")) == []
    answered = client_for(world.reporter_a).post(
        f"/api/v1/instructions/{instruction_id}/answer",
        {"answer": "已部署"},
        content_type="application/json",
    )
    assert answered.json()["status"] == "answered"
    done = client_for(world.office).post(
        f"/api/v1/instructions/{instruction_id}/review",
        {"accept": True},
        content_type="application/json",
    )
    assert done.json()["status"] == "accepted"


def test_scorecards_and_timeliness(world: World) -> None:
    today = timezone.localdate()
    round_ = _round(world, opens_on=today - timedelta(days=20), due_on=today - timedelta(days=10))
    cards = client_for(world.office).get(
        f"/api/v1/scorecards?program={world.program.pk}&period=2020"
    )
    assert cards.status_code == 200
    totals = {c["unit_name"]: c["total"] for c in cards.json()}
    # unit_a: lead on two tasks never reported (-5 each); unit_b: lead -5 and co -2.5.
    assert totals == {"省委网信办": "90", "省通信管理局": "92.5"}
    labels = {(line["label_zh"], line["label_en"]) for c in cards.json() for line in c["lines"]}
    assert labels == {("逾期未报送", "Overdue, not reported")}
    own = (
        client_for(world.reporter_b)
        .get(f"/api/v1/scorecards?program={world.program.pk}&period=2020")
        .json()
    )
    assert [c["unit_name"] for c in own] == ["省通信管理局"]
    bad = client_for(world.office).get(f"/api/v1/scorecards?program={world.program.pk}&period=20x")
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid")
    rows = client_for(world.office).get(f"/api/v1/timeliness?round={round_.pk}").json()
    assert [(r["unit_name"], r["due"], r["submitted"]) for r in rows] == [
        ("省委网信办", 2, 0),
        ("省通信管理局", 2, 0),
    ]
    assert (
        client_for(world.reporter_a).get(f"/api/v1/timeliness?round={round_.pk}").status_code == 404
    )
    late = _items(client_for(world.office).get("/api/v1/timeliness/late"))
    assert len(late) == 4


def test_round_lights_explain_each_report(world: World) -> None:
    today = timezone.localdate()
    round_ = _round(world, opens_on=today - timedelta(days=20), due_on=today - timedelta(days=1))
    lights = client_for(world.office).get(f"/api/v1/rounds/{round_.pk}/lights").json()
    assert {(x["color"], x["rule_code"]) for x in lights} == {("red", "overdue")}
    assert len(lights) == 4
    due = (today - timedelta(days=1)).isoformat()
    assert {(x["explanation_zh"], x["explanation_en"], x["params"]["due_on"]) for x in lights} == {
        (
            f"报送截止日期 {due} 已过，尚无通过审核的报告。",
            f"The due date {due} has passed and no report has been accepted.",
            due,
        )
    }


def test_report_list_runs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    _round(world)
    client = client_for(world.office)
    with django_assert_max_num_queries(8):
        assert len(_items(client.get("/api/v1/reports"))) == 4
    with django_assert_max_num_queries(8):
        client.get("/api/v1/notices")
    SupervisionNotice.objects.all().delete()
