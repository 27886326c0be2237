"""A task for the worker-crash test: marks its start, works a while, marks its end."""

import time
from pathlib import Path


def slow_task(marker: str, seconds: float) -> str:
    """Append 'started', sleep, append 'finished' to the marker file; return 'done'."""
    path = Path(marker)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("started\n")
    time.sleep(seconds)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("finished\n")
    return "done"
