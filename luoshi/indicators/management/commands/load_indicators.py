"""Create the indicators and targets (with published baselines) of a program's targets."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luoshi.indicators.actions import do_create_indicators_from_targets
from luoshi.indicators.models import Indicator, IndicatorTarget
from luoshi.plans.models import Program


class Command(BaseCommand):
    help = "Create indicators, targets and baselines from a published program's targets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", default="gansu-mobile-internet-2017", help="program slug")

    def handle(self, *args: Any, **options: Any) -> None:
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(
                f"Program {options['program']} does not exist (run load_default_program first)."
            )
        try:
            created = do_create_indicators_from_targets(program, acting_user=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        total = Indicator.objects.filter(program=program).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{program.slug}: {len(created)} indicator(s) created, {total} in all."
            )
        )
        targets = (
            IndicatorTarget.objects.filter(indicator__program=program, parent=None)
            .select_related("indicator")
            .order_by("indicator__order")
        )
        for target in targets:
            if target.baseline_value is None:
                baseline = "no published baseline"
            else:
                label = "derived" if target.baseline_is_derived else "published"
                baseline = (
                    f"baseline {target.baseline_value.normalize():f} ({target.baseline_year}, "
                    f"{label})"
                )
            self.stdout.write(
                f"  {target.indicator.code:32} target {target.value.normalize():f} "
                f"{target.indicator.unit} by {target.year}; {baseline}"
            )
