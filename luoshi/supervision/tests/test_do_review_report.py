"""The office accepts or returns submitted reports; returned reports go back with the reason."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.supervision import actions
from luoshi.supervision.models import Notification
from luoshi.supervision.tests.conftest import World, open_round, report_of, submit

pytestmark = pytest.mark.django_db


def test_accepts_a_submitted_report(world: World) -> None:
    report = submit(report_of(open_round(world), world.task_a, world.unit_a), world.reporter_a)
    accepted = actions.do_accept_report(report, acting_user=world.office)
    assert (accepted.status, accepted.reviewed_by, accepted.version) == (
        "accepted",
        world.office,
        3,
    )


def test_returns_report_to_reporter_with_reason(world: World) -> None:
    report = submit(report_of(open_round(world), world.task_a, world.unit_a), world.reporter_a)
    returned = actions.do_return_report(report, reason="请补充佐证材料", acting_user=world.office)
    assert (returned.status, returned.return_reason, returned.return_count) == (
        "returned",
        "请补充佐证材料",
        1,
    )
    titles = list(
        Notification.objects.filter(user=world.reporter_a).values_list("title", flat=True)
    )
    assert titles == ["进展报告被退回：一/（三） 推进丙工作"]
    resubmitted = submit(returned, world.reporter_a, progress="已补充。")
    assert (resubmitted.status, resubmitted.is_on_time) == ("submitted", True)
    assert actions.do_accept_report(resubmitted, acting_user=world.office).status == "accepted"


def test_refuses_a_return_without_reason(world: World) -> None:
    report = submit(report_of(open_round(world), world.task_a, world.unit_a), world.reporter_a)
    with pytest.raises(ValidationError, match="请写明原因"):
        actions.do_return_report(report, reason="  ", acting_user=world.office)
    report.refresh_from_db()
    assert (report.status, report.return_count) == ("submitted", 0)


def test_refuses_to_review_a_draft_or_accepted_report(world: World) -> None:
    round_ = open_round(world)
    draft = report_of(round_, world.task_b, world.unit_b)
    with pytest.raises(ValidationError, match="只有已报送的报告可以审核"):
        actions.do_accept_report(draft, acting_user=world.office)
    accepted = actions.do_accept_report(
        submit(report_of(round_, world.task_a, world.unit_a), world.reporter_a),
        acting_user=world.office,
    )
    with pytest.raises(ValidationError, match="只有已报送的报告可以审核"):
        actions.do_return_report(accepted, reason="再看看", acting_user=world.office)
    accepted.refresh_from_db()
    assert accepted.status == "accepted"


def test_only_the_office_reviews(world: World) -> None:
    report = submit(report_of(open_round(world), world.task_a, world.unit_a), world.reporter_a)
    for user in (world.reporter_a, world.leader, world.head_a):
        with pytest.raises(Http404):
            actions.do_accept_report(report, acting_user=user)
    report.refresh_from_db()
    assert report.status == "submitted"
