"""Notices: the unit answers in writing, the office accepts or returns; refusals change nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.models import AuditEvent
from luoshi.supervision import actions
from luoshi.supervision.models import SupervisionNotice
from luoshi.supervision.tests.conftest import World, open_round, report_of


def _notice(world: World) -> SupervisionNotice:
    round_ = open_round(world)
    notice = actions.do_issue_notice(
        program=world.program,
        unit=world.unit_a,
        level="yellow",
        reason="manual",
        text="请加快推进甲平台建设。",
        issued_on=date(2020, 4, 10),
        round_=round_,
        report=report_of(round_, world.task_a, world.unit_a),
        acting_user=world.office,
    )
    assert notice is not None
    return notice


@pytest.mark.django_db
def test_issues_a_manual_notice_with_a_reply_date(world: World) -> None:
    notice = _notice(world)
    assert (notice.level, notice.status, notice.reply_by, notice.issued_by) == (
        "yellow",
        "open",
        date(2020, 4, 15),
        world.office,
    )
    assert notice.key.startswith("manual:")


@pytest.mark.django_db
def test_answer_then_accept_closes_the_notice_with_history(world: World) -> None:
    notice = _notice(world)
    actions.do_answer_notice(notice, text="已召开推进会。", acting_user=world.reporter_a)
    notice.refresh_from_db()
    assert (notice.status, notice.answer, notice.answered_by) == (
        "answered",
        "已召开推进会。",
        world.reporter_a,
    )
    actions.do_review_notice_answer(notice, accept=True, acting_user=world.office)
    notice.refresh_from_db()
    assert notice.status == "accepted"
    actions_seen = list(
        AuditEvent.objects.filter(
            object_id=str(notice.pk), object_type="supervision.supervisionnotice"
        )
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions_seen == [
        "supervision.notice.issue",
        "supervision.supervisionnotice.answer",
        "supervision.supervisionnotice.accept_answer",
    ]


@pytest.mark.django_db
def test_returned_answer_must_be_answered_again_by_a_new_date(world: World) -> None:
    notice = _notice(world)
    actions.do_answer_notice(notice, text="在推进。", acting_user=world.reporter_a)
    with pytest.raises(ValidationError, match="退回时请写明原因"):
        actions.do_review_notice_answer(notice, accept=False, acting_user=world.office)
    actions.do_review_notice_answer(
        notice,
        accept=False,
        note="请说明具体措施",
        acting_user=world.office,
        today=date(2020, 4, 20),
    )
    notice.refresh_from_db()
    assert (notice.status, notice.review_note, notice.reply_by) == (
        "returned",
        "请说明具体措施",
        date(2020, 4, 25),
    )
    actions.do_answer_notice(notice, text="已明确三项措施。", acting_user=world.reporter_a)
    notice.refresh_from_db()
    assert notice.status == "answered"


@pytest.mark.django_db
def test_refuses_answers_from_other_units_and_empty_answers(world: World) -> None:
    notice = _notice(world)
    with pytest.raises(ValidationError, match="只有被督办单位可以答复"):
        actions.do_answer_notice(notice, text="代答", acting_user=world.reporter_b)
    with pytest.raises(ValidationError, match="请填写答复内容"):
        actions.do_answer_notice(notice, text=" ", acting_user=world.reporter_a)
    with pytest.raises(ValidationError, match="只有已答复的事项可以审核"):
        actions.do_review_notice_answer(notice, accept=True, acting_user=world.office)
    with pytest.raises(Http404):
        actions.do_review_notice_answer(notice, accept=True, acting_user=world.reporter_a)
    notice.refresh_from_db()
    assert (notice.status, notice.answer) == ("open", "")


@pytest.mark.django_db
def test_same_rule_key_issues_once(world: World) -> None:
    kwargs = {
        "program": world.program,
        "unit": world.unit_a,
        "level": "red",
        "reason": "overdue",
        "key": "report:1:overdue",
        "text": "逾期",
        "issued_on": date(2020, 4, 8),
        "acting_user": None,
    }
    assert actions.do_issue_notice(**kwargs) is not None  # type: ignore[arg-type]
    assert actions.do_issue_notice(**kwargs) is None  # type: ignore[arg-type]
    assert SupervisionNotice.objects.count() == 1
