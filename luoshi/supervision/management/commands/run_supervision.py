"""Run one supervision scheduler tick now (what the django-q2 schedule runs every hour)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from luoshi.supervision.actions import do_run_supervision
from luoshi.supervision.tasks import summary


class Command(BaseCommand):
    help = "Open due rounds, lock, send reminders, issue and escalate notices. Safe to repeat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--at", help="run as of this ISO time (e.g. 2020-04-06T09:00+08:00); default now"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        moment = timezone.now()
        if options["at"]:
            parsed = parse_datetime(options["at"])
            if parsed is None:
                raise CommandError(f"--at {options['at']!r} is not an ISO date and time.")
            moment = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        run = do_run_supervision(moment)
        self.stdout.write(summary(run))
