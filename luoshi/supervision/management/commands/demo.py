"""`luoshi demo --simulate`: fill the default program with a labelled, seeded simulated history.

Each domain adds one function to SIMULATORS: the supervision history (rounds, reports,
notices, a meeting) and the indicator trajectories per 市州 from the real 2016 baselines.
"""

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luoshi.indicators.actions import do_create_indicators_from_targets
from luoshi.indicators.simulation import simulate_indicator_data
from luoshi.plans.models import Program
from luoshi.supervision.simulation import simulate_supervision

DEFAULT_SLUG = "gansu-mobile-internet-2017"


def _supervision(program: Program, seed: int) -> str:
    summary = simulate_supervision(program, seed=seed)
    if not summary.created:
        return "supervision: a simulated history already exists; nothing added."
    return (
        f"supervision: {summary.rounds} rounds, {summary.reports} reports "
        f"({summary.submitted} submitted, {summary.late} late, {summary.returned} returned), "
        f"{summary.notices} notices, {summary.meetings} meeting with {summary.decisions} "
        f"decisions, {summary.instructions} instruction, {summary.extensions} extension request"
    )


def _indicators(program: Program, seed: int) -> str:
    # The trajectories need the program's indicators; creating them is idempotent.
    do_create_indicators_from_targets(program, acting_user=None)
    counts = simulate_indicator_data(program, seed=seed)
    return (
        f"indicators: {counts.get('indicators', 0)} simulated from real baselines "
        f"({counts.get('skipped_no_baseline', 0)} without a published baseline skipped), "
        f"{counts.get('created', 0)} values created, {counts.get('unchanged', 0)} unchanged, "
        f"{counts.get('kept_real', 0)} real values kept"
    )


SIMULATORS: list[tuple[str, Callable[[Program, int], str]]] = [
    ("supervision", _supervision),
    ("indicators", _indicators),
]


class Command(BaseCommand):
    help = "Demo data. --simulate fills the default Gansu program with a simulated history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--simulate", action="store_true", help="add the simulated history (模拟数据)"
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--program", default=DEFAULT_SLUG, help=f"program slug (default {DEFAULT_SLUG})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["simulate"]:
            raise CommandError("Nothing to do: pass --simulate (see --help).")
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(
                f"Program {options['program']} does not exist: run `manage.py "
                "load_default_program` first."
            )
        if program.status != Program.Status.PUBLISHED:
            raise CommandError(f"Program {program.slug} is not published.")
        for _name, simulate in SIMULATORS:
            self.stdout.write(simulate(program, options["seed"]))
        self.stdout.write(
            self.style.WARNING("All of it is labelled 模拟数据 (simulated) on every page.")
        )
