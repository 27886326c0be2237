from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.models import AuditEvent, Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.actions import do_publish_plan, do_start_program_import
from luoshi.plans.models import Program, Responsibility, Section, Target, Task
from luoshi.plans.tests.conftest import gansu_golden_plan, make_plan, make_plan_task, make_units


def test_refuses_while_names_are_unmapped_and_lists_them(office: User) -> None:
    make_unit("省甲厅")
    document = do_start_program_import(text="正文", plan=make_plan(), acting_user=office)
    with pytest.raises(ValidationError) as error:
        do_publish_plan(document, acting_user=office)
    assert error.value.messages == ["以下单位名称尚未对应到单位名录，请先逐一确认：省乙厅、省丙厅"]
    document.refresh_from_db()
    assert document.confirmed_at is None
    assert document.program.status == Program.Status.DRAFT
    assert Task.objects.count() == 0
    assert not AuditEvent.objects.filter(action="plans.program.publish").exists()


def test_refuses_reporter_and_changes_nothing(office: User) -> None:
    make_units("省甲厅", "省乙厅", "省丙厅")
    document = do_start_program_import(text="正文", plan=make_plan(), acting_user=office)
    with pytest.raises(Http404):
        do_publish_plan(document, acting_user=make_user("r", role=User.Role.REPORTER))
    assert Task.objects.count() == 0
    assert Program.objects.get().status == Program.Status.DRAFT


def test_publishes_sections_tasks_responsibilities_and_targets(office: User) -> None:
    units = make_units("省甲厅", "省乙厅", "省丙厅")
    plan = make_plan(
        [
            make_plan_task("一/（一）", ["省甲厅", "省乙厅"], title="加快甲"),
            make_plan_task(
                "二/（一）",
                ["省丙厅", "省甲厅"],
                title="做好丙",
                lead=["省甲厅"],
                lead_explicit=True,
            ),
        ],
        targets=[
            {
                "text": "基站达到6万个",
                "indicator": "4G基站总数",
                "value": 60000,
                "unit": "个",
                "comparator": ">=",
                "year": 2020,
                "scope": "全省",
                "task_path": "一/（一）",
            }
        ],
    )
    plan["tasks"][1]["deadline"] = "2019"
    document = do_start_program_import(text="正文", plan=plan, acting_user=office)
    program = do_publish_plan(document, acting_user=office)

    assert program.status == Program.Status.PUBLISHED
    document.refresh_from_db()
    assert document.confirmed_at is not None
    assert list(Section.objects.values_list("path", "title", "parent")) == [
        ("一", "第一部分", None),
        ("二", "第二部分", None),
    ]
    tasks = list(Task.objects.order_by("order"))
    assert [
        (t.path, t.title, t.section.path if t.section else None, t.deadline) for t in tasks
    ] == [
        ("一/（一）", "加快甲", "一", None),
        ("二/（一）", "做好丙", "二", date(2019, 12, 31)),
    ]
    rows = list(
        Responsibility.objects.order_by("task__order", "order").values_list(
            "task__path", "unit", "role", "is_explicit", "verbatim_name"
        )
    )
    assert rows == [
        ("一/（一）", units["省甲厅"].pk, "lead", False, "省甲厅"),
        ("一/（一）", units["省乙厅"].pk, "co", True, "省乙厅"),
        ("二/（一）", units["省丙厅"].pk, "co", True, "省丙厅"),
        ("二/（一）", units["省甲厅"].pk, "lead", True, "省甲厅"),
    ]
    target = Target.objects.get()
    assert (target.indicator_name, target.value, target.year, target.task, target.section) == (
        "4G基站总数",
        Decimal(60000),
        2020,
        tasks[0],
        Section.objects.get(path="一"),
    )
    event = AuditEvent.objects.get(action="plans.program.publish")
    assert event.old_values == {"status": "draft"}
    assert event.new_values == {
        "status": "published",
        "version": 1,
        "tasks_added": 2,
        "tasks_removed": 0,
        "tasks_changed": 0,
        "tasks_unchanged": 0,
        "targets_added": 1,
        "targets_removed": 0,
    }
    assert AuditEvent.objects.filter(action="plans.task.create").count() == 2


def test_two_names_for_one_unit_become_one_responsibility(office: User) -> None:
    tax = make_unit("国家税务总局甘肃省税务局")
    make_unit("省甲厅")
    plan = make_plan([make_plan_task("一", ["省甲厅", "省国税局", "省地税局"])])
    document = do_start_program_import(text="正文", plan=plan, acting_user=office)
    from luoshi.plans.actions import do_map_unit_name

    for name in ("省国税局", "省地税局"):
        do_map_unit_name(document, verbatim_name=name, unit=tax, acting_user=office)
    do_publish_plan(document, acting_user=office)
    row = Responsibility.objects.get(unit=tax)
    assert (row.role, row.verbatim_name) == ("co", "省国税局、省地税局")


def test_refuses_second_publish(office: User) -> None:
    make_units("省甲厅", "省乙厅", "省丙厅")
    document = do_start_program_import(text="正文", plan=make_plan(), acting_user=office)
    do_publish_plan(document, acting_user=office)
    with pytest.raises(ValidationError):
        do_publish_plan(document, acting_user=office)
    assert Task.objects.count() == 3


def test_publishes_the_gansu_golden_plan(office: User) -> None:
    plan = gansu_golden_plan()
    names = sorted({u for t in plan["tasks"] for u in t["units"]})
    for name in names:
        make_unit(name, kind=Unit.Kind.COLLECTIVE if name == "各市州政府" else Unit.Kind.DEPARTMENT)
    document = do_start_program_import(text="正文", plan=plan, acting_user=office)
    program = do_publish_plan(document, acting_user=office)
    assert program.tasks.count() == 25
    assert Responsibility.objects.values("unit").distinct().count() == 53
    assert Responsibility.objects.filter(role="lead").count() == 25
    assert Responsibility.objects.filter(role="lead", is_explicit=False).count() == 25
    assert program.targets.count() == 15
    assert program.sections.count() == 10
    assert set(program.tasks.values_list("text", flat=True)) == {""}
    # The targets are stated under 一/（三） 发展目标, a section with no task of its own.
    assert set(program.targets.values_list("section__path", flat=True)) == {"一/（三）"}
    assert not program.targets.filter(task__isnull=False).exists()
