"""program_summary: lights by section, timeliness, praised and named units, a fixed query count."""

from datetime import date
from decimal import Decimal
from typing import Any

from luoshi.core.periods import parse_period
from luoshi.plans.models import Responsibility, Task
from luoshi.reports.content.summary_data import LightCounts
from luoshi.reports.summary import program_summary
from luoshi.reports.tests.conftest import AS_OF
from luoshi.reports.tests.world import ReportWorld
from luoshi.supervision import queries as supervision
from luoshi.supervision.tests.conftest import open_round


def test_counts_task_lights_and_progress_by_section(report_world: ReportWorld) -> None:
    w = report_world.world
    summary = program_summary(w.program, parse_period("2020Q1"), today=AS_OF)

    assert summary.round is not None
    assert summary.round.round_id == report_world.round.pk
    assert summary.overall.tasks == 3
    assert summary.overall.lights == LightCounts(green=1, yellow=0, red=2, none=0)
    assert summary.overall.reported == 2
    assert summary.overall.average_percent == Decimal("25.0")
    assert [(s.path, s.tasks, s.lights.red) for s in summary.sections] == [("一", 3, 2)]
    lights = {t.path: t.light for t in summary.tasks}
    assert lights == {"一/（一）": "red", "一/（二）": "red", "一/（三）": "green"}
    assert summary.is_simulated is False
    assert summary.period_label == "2020年第一季度"


def test_timeliness_equals_the_supervision_page(report_world: ReportWorld) -> None:
    w = report_world.world
    summary = program_summary(w.program, parse_period("2020Q1"), today=AS_OF)

    page = supervision.timeliness(report_world.round)
    assert [
        (r.unit_name, r.due, r.submitted, r.on_time, r.accepted) for r in summary.timeliness
    ] == [(r.unit_name, r.due, r.submitted, r.on_time, r.accepted) for r in page]
    assert (summary.timeliness_total.due, summary.timeliness_total.on_time) == (4, 2)


def test_praises_units_all_on_time_and_names_late_ones(report_world: ReportWorld) -> None:
    w = report_world.world
    summary = program_summary(w.program, parse_period("2020Q1"), today=AS_OF)

    assert [m.unit_name for m in summary.praised] == ["省委网信办"]
    assert [(m.unit_name, m.late) for m in summary.named] == [("省通信管理局", 2)]
    assert [(b.unit_name, len(b.items)) for b in summary.behind] == [("省通信管理局", 2)]
    assert {r.unit_name for r in summary.red_items} == {"省通信管理局"}
    scores = {s.unit_name: s.total for s in summary.scorecards}
    assert scores == {"省委网信办": Decimal(104), "省通信管理局": Decimal("92.5")}


def test_a_period_without_round_has_no_lights(report_world: ReportWorld) -> None:
    w = report_world.world
    summary = program_summary(w.program, parse_period("2019Q4"), today=AS_OF)

    assert summary.round is None
    assert summary.overall.lights == LightCounts(none=3)
    assert summary.timeliness == ()
    assert summary.next_due_on == report_world.round.due_on


def _grow(report_world: ReportWorld) -> None:
    """Add ten tasks for both units, so the next round has twenty more reports."""
    w = report_world.world
    for number in range(10):
        task = Task.objects.create(
            program=w.program,
            section=w.task_a.section,
            path=f"一/新{number}",
            title=f"新任务{number}",
            text=f"做好第{number}项工作。",
            order=100 + number,
        )
        Responsibility.objects.create(
            task=task, unit=w.unit_a, role="lead", verbatim_name=w.unit_a.name, order=1
        )
        Responsibility.objects.create(
            task=task, unit=w.unit_b, role="co", verbatim_name=w.unit_b.name, order=2
        )
    open_round(w, "2020Q2", opens_on=date(2020, 6, 25), due_on=date(2020, 7, 5))


def test_query_count_does_not_grow_with_the_program(
    report_world: ReportWorld, django_assert_max_num_queries: Any
) -> None:
    w = report_world.world
    with django_assert_max_num_queries(24):
        small = program_summary(w.program, parse_period("2020Q1"), today=AS_OF)
    _grow(report_world)
    with django_assert_max_num_queries(24):
        large = program_summary(w.program, parse_period("2020Q2"), today=AS_OF)
    assert large.overall.tasks == small.overall.tasks + 10
