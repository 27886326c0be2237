"""`luoshi demo --simulate`: fill the default program with a labelled, seeded simulated history.

Each domain adds one function to SIMULATORS (supervision now; indicator data values later).
"""

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

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


SIMULATORS: list[tuple[str, Callable[[Program, int], str]]] = [("supervision", _supervision)]


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
