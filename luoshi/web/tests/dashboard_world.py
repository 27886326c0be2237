"""A small program with a round, 14 市州 and one allocated indicator, for the dashboard tests.

The supervision world's program (three tasks, units A and B) gets the Gansu province as its
region, the Lanzhou government as a co-unit of task 一/（三）, a 2020Q1 round (A and Lanzhou
report on time and are accepted, B never reports) and 移动电话用户 with a target allocated to
the 市州 and values for 2019Q4 and 2020Q2: a 2020Q1 view must not count the 2020Q2 ones.
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from luoshi.indicators.actions import do_allocate_target, do_create_indicator
from luoshi.indicators.models import Indicator, IndicatorTarget
from luoshi.indicators.tests.conftest import make_value
from luoshi.org.loaders import DIVISIONS_CSV, LoadStats, load_regions
from luoshi.org.models import Region, Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.models import Program, Responsibility
from luoshi.reports.tests.world import ReportWorld, make_report_world
from luoshi.supervision import actions
from luoshi.supervision.models import ReportingRound
from luoshi.supervision.tests.conftest import World, report_of, submit

__all__ = ["DashboardWorld", "dash", "make_dashboard_world"]


@dataclass(frozen=True)
class DashboardWorld:
    world: World
    round: ReportingRound
    program: Program
    province: Region
    lanzhou: Region
    lanzhou_government: Unit
    reporter_lanzhou: User
    indicator: Indicator


def make_dashboard_world(world: World) -> DashboardWorld:
    load_regions(DIVISIONS_CSV, LoadStats())
    province = Region.objects.get(code="620000")
    lanzhou = Region.objects.get(code="620100")
    Program.objects.filter(pk=world.program.pk).update(region=province)
    world.program.refresh_from_db()
    government = make_unit("兰州市政府", kind=Unit.Kind.GOVERNMENT, region=lanzhou)
    Responsibility.objects.create(
        task=world.task_a,
        unit=government,
        role=Responsibility.Role.CO,
        verbatim_name=government.name,
        order=9,
    )
    reports: ReportWorld = make_report_world(world)
    reporter = make_user("reporter-lz", role=User.Role.REPORTER, unit=government)
    report = submit(report_of(reports.round, world.task_a, government), reporter, percent="40")
    actions.do_accept_report(report, acting_user=world.office)

    indicator = do_create_indicator(
        world.program,
        code="users",
        name="移动电话用户",
        unit="户",
        direction="more",
        aggregation="sum",
        period_type="quarter",
        reporting_units=[world.unit_b, government],
        target_value=Decimal(26000000),
        target_year=2020,
        acting_user=None,
    )
    target = IndicatorTarget.objects.get(indicator=indicator)
    IndicatorTarget.objects.filter(pk=target.pk).update(
        baseline_value=Decimal(22038400), baseline_year=2016
    )
    target.refresh_from_db()
    do_allocate_target(target, method="population", acting_user=None)
    for period, value in (("2019Q4", "24800000"), ("2020Q2", "25500000")):
        make_value(indicator, province, period, value)
    for period, value in (("2019Q4", "4000000"), ("2020Q2", "4300000")):
        make_value(indicator, lanzhou, period, value)
    return DashboardWorld(
        world=world,
        round=reports.round,
        program=world.program,
        province=province,
        lanzhou=lanzhou,
        lanzhou_government=government,
        reporter_lanzhou=reporter,
        indicator=indicator,
    )


@pytest.fixture
def dash(world: World) -> DashboardWorld:
    return make_dashboard_world(world)
