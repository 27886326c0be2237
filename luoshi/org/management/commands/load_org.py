"""Load regions and unit registries; running it twice changes nothing."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from luoshi.org.loaders import DIVISIONS_CSV, LoadError, load_org


class Command(BaseCommand):
    help = "Load regions (gansu_divisions.csv) and unit registries (data/unit_registry/*.json)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--registry",
            action="append",
            type=Path,
            help="Load only this registry JSON (repeatable); default: every shipped registry.",
        )
        parser.add_argument(
            "--regions", type=Path, default=DIVISIONS_CSV, help="Divisions CSV to load first."
        )
        parser.add_argument(
            "--skip-regions", action="store_true", help="Do not load the divisions CSV."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        registries: list[Path] | None = options["registry"]
        for path in registries or []:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
        try:
            report = load_org(
                regions_csv=None if options["skip_regions"] else options["regions"],
                registries=registries,
            )
        except LoadError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for name, stats in (
            ("regions", report.regions),
            ("units", report.units),
            ("aliases", report.aliases),
            ("successors/members", report.links),
        ):
            self.stdout.write(
                f"{name}: {stats.created} created, {stats.updated} updated, "
                f"{stats.unchanged} unchanged"
            )
        for name in report.units.skipped:
            self.stdout.write(f"skipped {name}: merged into another unit by the office")
        self.stdout.write(self.style.SUCCESS(f"Loaded {', '.join(report.files)}."))
