"""django-q2 entry points: the scheduler tick the cluster runs, and its schedule row."""

from django.utils import timezone

from luoshi.supervision.actions import SupervisionRun, do_run_supervision

TICK_FUNC = "luoshi.supervision.tasks.run_supervision_tick"
SCHEDULE_NAME = "luoshi.supervision.tick"
TICK_MINUTES = 60


def run_supervision_tick() -> str:
    """Run one scheduler tick now and return a one-line summary for the task result."""
    run = do_run_supervision(timezone.now())
    return summary(run)


def summary(run: SupervisionRun) -> str:
    """Return the tick's counts as one line."""
    notices = ", ".join(f"{level} {n}" for level, n in run.notices.items())
    return (
        f"{run.today.isoformat()}: rounds opened {run.rounds_opened}, locked {run.rounds_locked}, "
        f"reminders {run.reminders}, notices ({notices}), escalated {run.escalated}"
    )


def ensure_schedule() -> tuple[object, bool]:
    """Create or update the django-q2 schedule that runs the tick; return it and whether new."""
    from django_q.models import Schedule  # noqa: PLC0415 - django_q loads its models lazily

    schedule, created = Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": TICK_FUNC,
            "schedule_type": Schedule.MINUTES,
            "minutes": TICK_MINUTES,
            "repeats": -1,
        },
    )
    return schedule, created
