"""`luoshi synth --scale national|province [--values N] [--drop]`: the synthetic program."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from luoshi.ops.synth import SCALES, SynthError, do_drop_synthetic, do_synthesize


class Command(BaseCommand):
    help = (
        "Create (or --drop) a labelled synthetic program 【合成】: a region tree with codes "
        "outside GB/T 2260, units, 40 monthly indicators over 5 years, reports and data values."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument(
            "--values", type=int, default=None, help="stop after N data values (default: all)"
        )
        parser.add_argument("--drop", action="store_true", help="remove the synthetic program")

    def handle(self, *args: Any, **options: Any) -> None:
        scale = options["scale"]
        try:
            if options["drop"]:
                counts = do_drop_synthetic(scale)
                self.stdout.write(
                    "dropped: " + ", ".join(f"{name} {count:,}" for name, count in counts.items())
                )
                return
            summary = do_synthesize(scale, values=options["values"])
        except SynthError as error:
            raise CommandError(str(error)) from None
        size = ""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
                size = f"; database size {cursor.fetchone()[0]}"
        self.stdout.write(
            f"synthetic-{scale}: {summary.regions:,} regions, {summary.units:,} units, "
            f"{summary.indicators} indicators, {summary.rounds} rounds, "
            f"{summary.reports:,} reports, {summary.values:,} data values "
            f"in {summary.seconds:.1f} s{size}"
        )
