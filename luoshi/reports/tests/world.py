"""A round in the small world: unit A reports on time and is accepted; unit B never reports."""

from dataclasses import dataclass

from luoshi.supervision import actions
from luoshi.supervision.models import ReportingRound
from luoshi.supervision.tests.conftest import World, open_round, report_of, submit


@dataclass(frozen=True)
class ReportWorld:
    world: World
    round: ReportingRound


def make_report_world(world: World) -> ReportWorld:
    """Open 2020Q1; A submits both its reports on time (one accepted, one 30%); B stays silent."""
    round_ = open_round(world)
    for task, percent in ((world.task_ab, "30"), (world.task_a, "20")):
        report = submit(report_of(round_, task, world.unit_a), world.reporter_a, percent=percent)
        actions.do_accept_report(report, acting_user=world.office)
    return ReportWorld(world=world, round=round_)
