"""Register the django-q2 schedule that runs the supervision tick (idempotent)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from luoshi.supervision.tasks import SCHEDULE_NAME, TICK_MINUTES, ensure_schedule


class Command(BaseCommand):
    help = "Create or update the django-q2 schedule for the supervision tick."

    def handle(self, *args: Any, **options: Any) -> None:
        _schedule, created = ensure_schedule()
        broker = "redis" if getattr(settings, "REDIS_URL", "") else "database (ORM)"
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f"{verb} schedule {SCHEDULE_NAME}: every {TICK_MINUTES} minutes, broker {broker}. "
            "Run `manage.py qcluster` to execute it."
        )
