"""Add the labelled simulated indicator trajectories to a program (demo only)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luoshi.indicators.simulation import simulate_indicator_data
from luoshi.plans.models import Program


class Command(BaseCommand):
    help = "Simulate 2017-2020 indicator values per 市州 from the real 2016 baselines (模拟数据)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", default="gansu-mobile-internet-2017", help="program slug")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(f"Program {options['program']} does not exist.")
        counts = simulate_indicator_data(program, seed=options["seed"])
        self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()))
        self.stdout.write(self.style.WARNING("These values are labelled 模拟数据 (simulated)."))
