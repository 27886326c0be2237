"""Every supervision page renders for the roles that may see it, and 404s for the others."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from luoshi.supervision import actions
from luoshi.supervision.models import Meeting, ReportingRound
from luoshi.supervision.tests.conftest import World, client_for, open_round, report_of, submit

pytestmark = pytest.mark.django_db


def test_office_pages_render(world: World) -> None:
    round_ = open_round(world)
    office = client_for(world.office)
    for name, args in [
        ("round_list", []),
        ("round_new", []),
        ("round_detail", [round_.pk]),
        ("schedule_list", []),
        ("settings_edit", [world.program.pk]),
        ("review_queue", []),
        ("timeliness", []),
        ("notice_list", []),
        ("extension_list", []),
        ("meeting_list", []),
        ("meeting_new", []),
        ("instruction_list", []),
        ("scorecards", []),
        ("notification_list", []),
    ]:
        response = office.get(reverse(f"supervision:{name}", args=args))
        assert response.status_code == 200, name


def test_reporters_cannot_open_office_pages(world: World) -> None:
    reporter = client_for(world.reporter_a)
    for name in ("round_new", "schedule_list", "review_queue", "meeting_new", "timeliness"):
        assert reporter.get(reverse(f"supervision:{name}")).status_code == 404, name
    assert Client().get(reverse("supervision:my_reports")).status_code == 302


def test_office_opens_a_round_from_the_form(world: World) -> None:
    response = client_for(world.office).post(
        reverse("supervision:round_new"),
        {
            "program": world.program.pk,
            "period": "2020Q2",
            "opens_on": "2020-06-25",
            "due_on": "2020-07-05",
            "locks_on": "",
        },
    )
    round_ = ReportingRound.objects.get()
    assert response.status_code == 302
    assert (round_.period, round_.reports.count()) == ("2020Q2", 4)
    bad = client_for(world.office).post(
        reverse("supervision:round_new"),
        {
            "program": world.program.pk,
            "period": "2020Q2",
            "opens_on": "2020-06-25",
            "due_on": "2020-07-05",
        },
    )
    assert "已有报送轮次" in bad.content.decode()
    assert ReportingRound.objects.count() == 1


def test_task_page_shows_the_reports_and_the_light_with_its_rule(world: World) -> None:
    round_ = open_round(world, due_on=date(2020, 4, 5))
    submit(report_of(round_, world.task_a, world.unit_a), world.reporter_a)
    html = (
        client_for(world.office)
        .get(reverse("plans:task_detail", args=[world.task_a.pk]))
        .content.decode()
    )
    assert 'data-testid="task-supervision"' in html
    assert 'data-testid="light"' in html
    assert "规则" in html


def test_simulated_rows_carry_the_banner(world: World) -> None:
    round_ = actions.do_open_round(
        world.program,
        period="2019Q4",
        opens_on=date(2019, 12, 26),
        due_on=date(2020, 1, 5),
        is_simulated=True,
        acting_user=None,
    )
    html = (
        client_for(world.office)
        .get(reverse("supervision:round_detail", args=[round_.pk]))
        .content.decode()
    )
    assert 'data-testid="simulated-banner"' in html and "模拟数据" in html
    real = open_round(world)
    html = (
        client_for(world.office)
        .get(reverse("supervision:round_detail", args=[real.pk]))
        .content.decode()
    )
    assert 'data-testid="simulated-banner"' not in html


def test_notice_answer_and_review_pages(world: World) -> None:
    notice = actions.do_issue_notice(
        program=world.program,
        unit=world.unit_a,
        level="yellow",
        reason="manual",
        text="请加快",
        issued_on=date(2020, 4, 10),
        acting_user=world.office,
    )
    assert notice is not None
    url = reverse("supervision:notice_detail", args=[notice.pk])
    client_for(world.reporter_a).post(url, {"answer": "已加快推进。"})
    notice.refresh_from_db()
    assert notice.status == "answered"
    client_for(world.office).post(
        reverse("supervision:notice_review", args=[notice.pk]),
        {"decision": "return", "note": ""},
    )
    notice.refresh_from_db()
    assert notice.status == "answered"
    client_for(world.office).post(
        reverse("supervision:notice_review", args=[notice.pk]), {"decision": "accept"}
    )
    notice.refresh_from_db()
    assert notice.status == "accepted"
    assert client_for(world.reporter_b).get(url).status_code == 404


@time_machine.travel(datetime(2020, 6, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_meeting_decision_extension_instruction_pages(world: World) -> None:
    office = client_for(world.office)
    office.post(
        reverse("supervision:meeting_new"),
        {
            "program": world.program.pk,
            "kind": "work",
            "date": "2020-02-01",
            "title": "工作例会",
            "attendees": [world.unit_a.pk],
            "minutes": "纪要",
        },
    )
    meeting = Meeting.objects.get(program=world.program)
    office.post(
        reverse("supervision:meeting_detail", args=[meeting.pk]),
        {"text": "完成甲", "lead_units": [world.unit_a.pk], "deadline": "2020-09-30"},
    )
    assert meeting.decisions.count() == 1
    reporter = client_for(world.reporter_a)
    response = reporter.post(
        reverse("supervision:extension_new") + f"?task={world.task_a.pk}",
        {"requested_deadline": "2021-03-31", "reason": "需要更多时间"},
    )
    assert response.status_code == 302
    leader = client_for(world.leader)
    response = leader.post(
        reverse("supervision:instruction_new") + f"?task={world.task_a.pk}",
        {"text": "抓紧", "unit": world.unit_a.pk},
    )
    assert response.status_code == 302
    assert (
        client_for(world.office)
        .get(reverse("supervision:instruction_new") + f"?task={world.task_a.pk}")
        .status_code
        == 404
    )
