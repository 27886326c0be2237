import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.actions import (
    do_discard_draft_document,
    do_map_unit_name,
    do_publish_plan,
    do_start_reimport,
    unmapped_names,
)
from luoshi.plans.models import PolicyDocument, Program, Responsibility, Task
from luoshi.plans.tests.conftest import make_plan, make_plan_task, make_published_program


def revised_plan() -> dict[str, object]:
    return make_plan(
        [
            # unchanged
            make_plan_task("一/（一）", ["省甲厅", "省乙厅"], title="加快甲"),
            # renumbered from 二/（一） with a new unit
            make_plan_task("一/（二）", ["省丙厅", "省甲厅", "省丁厅"], title="做好丙"),
            # new
            make_plan_task("二/（一）", ["省乙厅"], title="全新的工作安排"),
        ]
    )


@pytest.fixture
def program(office: User) -> Program:
    program, _document = make_published_program(acting_user=office)
    return program


def test_creates_version_two_for_review(office: User, program: Program) -> None:
    document = do_start_reimport(program, text="修订正文", plan=revised_plan(), acting_user=office)
    assert document.version == 2
    assert document.confirmed_at is None
    assert unmapped_names(document) == ["省丁厅"]
    assert (
        AuditEvent.objects.filter(
            action="plans.document.reimport", object_id=str(document.pk)
        ).count()
        == 1
    )


def test_refuses_while_a_draft_waits(office: User, program: Program) -> None:
    do_start_reimport(program, text="修订正文", plan=revised_plan(), acting_user=office)
    with pytest.raises(ValidationError):
        do_start_reimport(program, text="再次修订", plan=revised_plan(), acting_user=office)
    assert PolicyDocument.objects.filter(program=program).count() == 2


def test_refuses_reporter(program: Program) -> None:
    with pytest.raises(Http404):
        do_start_reimport(
            program, text="x", plan=revised_plan(), acting_user=make_user("r", role="reporter")
        )
    assert PolicyDocument.objects.filter(program=program).count() == 1


def test_publish_keeps_rows_of_unchanged_and_changed_tasks(office: User, program: Program) -> None:
    before = {t.path: t.pk for t in Task.objects.filter(program=program)}
    jia_lead = Responsibility.objects.get(task__path="一/（一）", role="lead")
    document = do_start_reimport(program, text="修订正文", plan=revised_plan(), acting_user=office)
    do_map_unit_name(document, verbatim_name="省丁厅", unit=make_unit("省丁厅"), acting_user=office)
    do_publish_plan(document, acting_user=office)

    active = {t.path: t.pk for t in Task.objects.filter(program=program, is_active=True)}
    assert active["一/（一）"] == before["一/（一）"]
    # 做好丙 moved from 二/（一） to 一/（二）: matched by title, same row.
    assert active["一/（二）"] == before["二/（一）"]
    assert active["二/（一）"] not in before.values()
    # 推进乙 (一/（二） in v1) is gone from the revision: kept, inactive.
    removed = Task.objects.get(pk=before["一/（二）"])
    assert (removed.is_active, removed.path, removed.title) == (False, "一/（二）", "推进乙")
    assert Responsibility.objects.filter(pk=jia_lead.pk).exists()
    moved = Task.objects.get(pk=before["二/（一）"])
    assert [r.unit.name for r in moved.responsibilities.order_by("order")] == [
        "省丙厅",
        "省甲厅",
        "省丁厅",
    ]
    actions = sorted(
        AuditEvent.objects.filter(
            action__startswith="plans.task.", created_at__gte=document.created_at
        ).values_list("action", "object_id")
    )
    assert actions == sorted(
        [
            ("plans.task.create", str(active["二/（一）"])),
            ("plans.task.update", str(before["二/（一）"])),
            ("plans.task.deactivate", str(before["一/（二）"])),
        ]
    )
    event = AuditEvent.objects.filter(action="plans.program.publish").latest("id")
    assert event.new_values["tasks_added"] == 1
    assert event.new_values["tasks_removed"] == 1
    assert event.new_values["tasks_changed"] == 1
    assert event.new_values["tasks_unchanged"] == 1


def test_office_picks_carry_over_to_the_revision(office: User) -> None:
    make_unit("省甲厅")
    make_unit("省乙厅")
    bing = make_unit("甘肃省丙厅")
    from luoshi.plans.actions import do_start_program_import

    document = do_start_program_import(text="正文", plan=make_plan(), acting_user=office)
    do_map_unit_name(document, verbatim_name="省丙厅", unit=bing, acting_user=office)
    program = do_publish_plan(document, acting_user=office)
    revision = do_start_reimport(program, text="修订", plan=make_plan(), acting_user=office)
    assert unmapped_names(revision) == []
    assert revision.unit_names.get(verbatim_name="省丙厅").unit == bing


def test_discard_drops_the_draft_only(office: User, program: Program) -> None:
    document = do_start_reimport(program, text="修订正文", plan=revised_plan(), acting_user=office)
    do_discard_draft_document(document, acting_user=office)
    assert list(program.documents.values_list("version", flat=True)) == [1]
    assert Task.objects.filter(program=program, is_active=True).count() == 3
    assert AuditEvent.objects.filter(action="plans.document.discard").count() == 1
